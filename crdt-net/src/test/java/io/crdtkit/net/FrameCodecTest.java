package io.crdtkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.crdtkit.clock.ReplicaId;
import io.crdtkit.net.WireMessage.Chunk;
import io.crdtkit.net.WireMessage.Deltas;
import io.crdtkit.net.WireMessage.FootprintQuery;
import io.crdtkit.net.WireMessage.FootprintReply;
import io.crdtkit.net.WireMessage.InSync;
import io.crdtkit.net.WireMessage.KeyBytes;
import io.crdtkit.net.WireMessage.KeyDigest;
import io.crdtkit.net.WireMessage.KeyGeneration;
import io.crdtkit.net.WireMessage.KeyHash;
import io.crdtkit.net.WireMessage.NodeHash;
import io.crdtkit.net.WireMessage.ReportGroup;
import io.crdtkit.net.WireMessage.Reports;
import io.crdtkit.net.WireMessage.RetireRequest;
import io.crdtkit.net.WireMessage.Retirements;
import io.crdtkit.net.WireMessage.States;
import io.crdtkit.net.WireMessage.TombstoneAnswer;
import io.crdtkit.net.WireMessage.TombstoneQuery;
import io.crdtkit.net.WireMessage.TreeDigest;
import io.crdtkit.net.WireMessage.TreeNode;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameCodecTest {

  private static final ReplicaId A = ReplicaId.of("a-1");

  @Test
  void everyKindOfMessageRoundTrips() {
    List<WireMessage> messages = List.of(
        new Deltas(List.of(new KeyBytes("cart", new byte[] {1, 2, 3}), new KeyBytes("ünï", new byte[0]))),
        new States(List.of(new KeyBytes("k", new byte[] {9})), List.of("w1", "w2")),
        new TreeDigest(2, List.of(new NodeHash(255, -1L, 3), new NodeHash(0, 42L, 0))),
        new KeyDigest(List.of(new TreeNode(0, 0), new TreeNode(3, 4095)), List.of(new KeyHash("k", 7L))),
        new InSync(Long.MIN_VALUE),
        new Reports(List.of(new ReportGroup(new byte[] {1}, new byte[] {2}, List.of("a", "b")))),
        new Retirements(List.of(ReplicaId.of("old-1"), ReplicaId.of("old-2"))),
        new RetireRequest(List.of(A)),
        new FootprintQuery(5, List.of(A)),
        new FootprintReply(5, 99, true),
        new FootprintReply(6, -1, false),
        new Chunk(77, 1, 3, new byte[] {4, 5}));
    for (WireMessage message : messages) {
      byte[] bytes = FrameCodec.encode(new Frame(A, 3, message));
      Frame back = FrameCodec.decode(bytes, 0, bytes.length);
      assertThat(back.sender()).isEqualTo(A);
      assertThat(back.epoch()).isEqualTo(3);
      assertThat(FrameCodec.encode(back)).as(message.getClass().getSimpleName()).isEqualTo(bytes);
    }
  }

  @Test
  void largeBodiesAreCompressedAndABombOrADamagedStreamIsRefused() {
    List<KeyBytes> states = new java.util.ArrayList<>();
    for (int i = 0; i < 200; i++) {
      states.add(new KeyBytes("counter-" + i, "the same document, again and again".getBytes()));
    }
    Frame frame = new Frame(A, 0, new Deltas(states));
    byte[] bytes = FrameCodec.encode(frame);
    assertThat(bytes.length).isLessThan(2_000);
    assertThat(FrameCodec.encode(FrameCodec.decode(bytes, 0, bytes.length))).isEqualTo(bytes);

    assertThatThrownBy(() -> FrameCodec.decode(bytes, 0, bytes.length, 1_000))
        .isInstanceOf(WireException.class).hasMessageContaining("the limit is 1000");
    byte[] lying = bytes.clone();
    int lengthAt = 2 + 2 + A.name().length() + 8;
    lying[lengthAt + 3] ^= 1; // the inflated length is off by one
    assertThatThrownBy(() -> FrameCodec.decode(lying, 0, lying.length)).isInstanceOf(WireException.class);
    byte[] damaged = bytes.clone();
    damaged[bytes.length - 10] ^= 0x55;
    assertThatThrownBy(() -> FrameCodec.decode(damaged, 0, damaged.length)).isInstanceOf(WireException.class);
  }

  @Test
  void aFrameStartsWithTheFormatVersionAndAnotherVersionIsRefused() {
    byte[] bytes = FrameCodec.encode(new Frame(A, 0, new InSync(1)));
    assertThat(bytes[0]).as("no entry of a deleted key: the bytes of the release before deletes")
        .isEqualTo((byte) FrameCodec.VERSION_WITHOUT_GENERATIONS);
    bytes[0] = FrameCodec.VERSION + 1;
    assertThatThrownBy(() -> FrameCodec.decode(bytes, 0, bytes.length))
        .isInstanceOf(WireException.class).hasMessageContaining("format version " + (FrameCodec.VERSION + 1));
    bytes[0] = 0;
    assertThatThrownBy(() -> FrameCodec.decode(bytes, 0, bytes.length))
        .isInstanceOf(WireException.class).hasMessageContaining("format version 0");
  }

  @Test
  void entriesCarryTheirKeysTypesAndVersionOneFramesAreReadWithoutThem() {
    String strings = "io.crdtkit.ORSet<java.lang.String>";
    String counter = "io.crdtkit.GCounter";
    byte[] bytes = FrameCodec.encode(new Frame(A, 0, new States(List.of(new KeyBytes("a", new byte[] {1}, strings),
        new KeyBytes("b", new byte[] {2}, counter), new KeyBytes("c", new byte[] {3}, strings)), List.of())));
    States back = (States) FrameCodec.decode(bytes, 0, bytes.length).body();
    assertThat(back.states()).extracting(KeyBytes::type).containsExactly(strings, counter, strings);

    // Version 1, as the last release wrote it: (key, document)* with no types, then the wants.
    byte[] versionOne = new FrameWriter(64).u8(1).u8(2).string(A.name()).i64(0)
        .i32(1).string("a").bytes(new byte[] {1}).i32(0).toByteArray();
    States old = (States) FrameCodec.decode(versionOne, 0, versionOne.length).body();
    assertThat(old.states()).singleElement().satisfies(entry -> {
      assertThat(entry.key()).isEqualTo("a");
      assertThat(entry.type()).isEmpty();
    });

    byte[] badIndex = new FrameWriter(64).u8(FrameCodec.VERSION_WITHOUT_GENERATIONS).u8(1).string(A.name()).i64(0)
        .i32(1).string(counter).i32(1).string("a").u16(1).bytes(new byte[] {1}).toByteArray();
    assertThatThrownBy(() -> FrameCodec.decode(badIndex, 0, badIndex.length))
        .isInstanceOf(WireException.class).hasMessageContaining("type index 1");
  }

  @Test
  void entriesOfDeletedKeysCarryTheirGenerationAndWhetherTheyAreTombstones() {
    String counter = "io.crdtkit.GCounter";
    Deltas deltas = new Deltas(List.of(new KeyBytes("live", new byte[] {1}, counter),
        new KeyBytes("deleted", new byte[] {2}, counter, 3, true),
        new KeyBytes("written-again", new byte[] {3}, counter, 3, false)));
    byte[] bytes = FrameCodec.encode(new Frame(A, 0, deltas));
    assertThat(bytes[0]).isEqualTo((byte) FrameCodec.VERSION);
    Deltas back = (Deltas) FrameCodec.decode(bytes, 0, bytes.length).body();
    assertThat(back.deltas()).extracting(KeyBytes::key, KeyBytes::generation, KeyBytes::tombstone)
        .containsExactly(tuple("live", 0L, false), tuple("deleted", 3L, true), tuple("written-again", 3L, false));

    byte[] negative = new FrameWriter(64).u8(FrameCodec.VERSION).u8(1).string(A.name()).i64(0)
        .i32(1).string(counter).i32(1).string("a").u16(0).i64(-2).bytes(new byte[] {1}).toByteArray();
    assertThatThrownBy(() -> FrameCodec.decode(negative, 0, negative.length))
        .isInstanceOf(WireException.class).hasMessageContaining("generation");

    TombstoneQuery query = new TombstoneQuery(List.of(new KeyGeneration("deleted", 3)));
    byte[] asked = FrameCodec.encode(new Frame(A, 0, query));
    assertThat(FrameCodec.decode(asked, 0, asked.length).body()).isEqualTo(query);
    TombstoneAnswer answer = new TombstoneAnswer(List.of("deleted"));
    byte[] answered = FrameCodec.encode(new Frame(A, 0, answer));
    assertThat(FrameCodec.decode(answered, 0, answered.length).body()).isEqualTo(answer);
  }

  @Test
  void everyTruncationAndTrailingByteIsRefused() {
    byte[] bytes = FrameCodec.encode(new Frame(A, 1, new States(
        List.of(new KeyBytes("cart", new byte[] {1, 2, 3})), List.of("other"))));
    for (int length = 0; length < bytes.length; length++) {
      int cut = length;
      assertThatThrownBy(() -> FrameCodec.decode(bytes, 0, cut)).isInstanceOf(WireException.class);
    }
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
    assertThatThrownBy(() -> FrameCodec.decode(longer, 0, longer.length))
        .isInstanceOf(WireException.class).hasMessageContaining("trailing");
  }

  @Test
  void countsAndIndexesThatCannotBeTrueAreRefusedBeforeAllocating() {
    byte[] huge = new FrameWriter(32).u8(FrameCodec.VERSION).u8(1).string("a").i64(0).i32(1 << 30).toByteArray();
    assertThatThrownBy(() -> FrameCodec.decode(huge, 0, huge.length))
        .isInstanceOf(WireException.class).hasMessageContaining("does not fit");
    byte[] badIndex = FrameCodec.encode(new Frame(A, 0, new TreeDigest(1, List.of(new NodeHash(15, 0, 0)))));
    badIndex[badIndex.length - 16] = 1; // index 15 becomes 16 + 15 at level 1
    assertThatThrownBy(() -> FrameCodec.decode(badIndex, 0, badIndex.length)).isInstanceOf(WireException.class);
    byte[] badSender = new FrameWriter(32).u8(FrameCodec.VERSION).u8(5).string("has space").i64(0).i64(1)
        .toByteArray();
    assertThatThrownBy(() -> FrameCodec.decode(badSender, 0, badSender.length))
        .isInstanceOf(WireException.class).hasMessageContaining("replica id");
  }
}
