package io.crdtkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crdtkit.clock.ReplicaId;
import io.crdtkit.net.WireMessage.InSync;
import io.crdtkit.net.WireMessage.ReadReply;
import io.crdtkit.net.WireMessage.ReadRequest;
import io.crdtkit.net.WireMessage.WriteReply;
import io.crdtkit.net.WireMessage.WriteRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The frames of reads and writes at a consistency level: new kinds beside the old ones, decoded as strictly. */
class QuorumCodecTest {

  private static final ReplicaId A = ReplicaId.of("a-1");

  @Test
  void everyConsistencyKindRoundTrips() {
    List<WireMessage> messages = List.of(
        new WriteRequest(1, "cart", new byte[] {1, 2, 3}),
        new WriteRequest(1, "cart", new byte[] {1, 2, 3}, "io.crdtkit.ORSet<java.lang.String>"),
        new WriteReply(1, null),
        new WriteReply(2, "key 'cart' is not registered at member b-2"),
        new ReadRequest(3, "ünï"),
        new ReadRequest(3, "ünï", "io.crdtkit.GCounter"),
        new ReadReply(3, new byte[] {9, 8}, null),
        new ReadReply(4, new byte[0], null),
        new ReadReply(5, null, "member b-2 is at retirement epoch 2"));
    for (WireMessage message : messages) {
      byte[] bytes = FrameCodec.encode(new Frame(A, 2, message));
      Frame back = FrameCodec.decode(bytes, 0, bytes.length);
      assertThat(back.body().getClass()).isEqualTo(message.getClass());
      if (message instanceof WriteRequest request) {
        assertThat(((WriteRequest) back.body()).type()).isEqualTo(request.type());
      } else if (message instanceof ReadRequest request) {
        assertThat(back.body()).isEqualTo(request);
      }
      assertThat(FrameCodec.encode(back)).as(message.toString()).isEqualTo(bytes);
    }
  }

  @Test
  void theOlderKindsKeepTheirNumbersAndVersion() {
    // A frame of an earlier release reads as it did: same version byte, same kind byte.
    byte[] old = new FrameWriter(32).u8(1).u8(5).string("a-1").i64(0).i64(42).toByteArray();
    assertThat(FrameCodec.decode(old, 0, old.length).body()).isEqualTo(new InSync(42));
    byte[] write = FrameCodec.encode(new Frame(A, 0, new WriteRequest(1, "k", new byte[0])));
    assertThat(write[0]).isEqualTo((byte) FrameCodec.VERSION_WITHOUT_GENERATIONS);
    assertThat(write[1]).isEqualTo((byte) FrameCodec.WRITE_REQUEST);
  }

  @Test
  void aRequestOfAnEarlierBuildWithoutItsKeyTypeStillDecodes() {
    // The bodies earlier builds wrote: request id, key (and delta), nothing after.
    byte[] write = new FrameWriter(32).u8(FrameCodec.VERSION_WITHOUT_GENERATIONS).u8(FrameCodec.WRITE_REQUEST).string("a-1").i64(0)
        .i64(7).string("cart").bytes(new byte[] {1, 2}).toByteArray();
    WriteRequest request = (WriteRequest) FrameCodec.decode(write, 0, write.length).body();
    assertThat(request.key()).isEqualTo("cart");
    assertThat(request.delta()).containsExactly(1, 2);
    assertThat(request.type()).isEmpty();
    // and an untyped request is still written as those bytes
    assertThat(FrameCodec.encode(new Frame(A, 0, new WriteRequest(7, "cart", new byte[] {1, 2})))).isEqualTo(write);
    byte[] read = new FrameWriter(32).u8(FrameCodec.VERSION_WITHOUT_GENERATIONS).u8(FrameCodec.READ_REQUEST).string("a-1").i64(0)
        .i64(8).string("cart").toByteArray();
    assertThat(FrameCodec.decode(read, 0, read.length).body()).isEqualTo(new ReadRequest(8, "cart", ""));
  }

  @Test
  void aKeyTypeIsBoundedLikeEveryFrameString() {
    String tooLong = "x".repeat(FrameReader.MAX_STRING_BYTES + 1);
    byte[] bytes = new FrameWriter(2_048).u8(FrameCodec.VERSION_WITHOUT_GENERATIONS).u8(FrameCodec.WRITE_REQUEST).string("a-1").i64(0)
        .i64(7).string("cart").bytes(new byte[] {1}).u16(tooLong.length()).raw(tooLong.getBytes(
            StandardCharsets.UTF_8)).toByteArray();
    assertThatThrownBy(() -> FrameCodec.decode(bytes, 0, bytes.length))
        .isInstanceOf(WireException.class).hasMessageContaining("type").hasMessageContaining("more than 1024");
  }

  @Test
  void aTruncatedOrPaddedConsistencyFrameIsRefused() {
    for (WireMessage message : List.of(new WriteRequest(7, "cart", new byte[] {1, 2}, "io.crdtkit.GCounter"),
        new ReadRequest(7, "cart", "io.crdtkit.GCounter"), new ReadReply(7, new byte[] {3}, null),
        new WriteReply(7, "no"))) {
      byte[] bytes = FrameCodec.encode(new Frame(A, 0, message));
      // A request's type is its last field, and optional: cut exactly before it, the frame is an untyped request.
      int untyped = message instanceof WriteRequest || message instanceof ReadRequest
          ? bytes.length - FrameWriter.stringSize("io.crdtkit.GCounter") : -1;
      for (int length = 0; length < bytes.length; length++) {
        int cut = length;
        if (cut == untyped) {
          assertThat(FrameCodec.decode(bytes, 0, cut).body().toString()).containsPattern("type=[,\\]]");
          continue;
        }
        assertThatThrownBy(() -> FrameCodec.decode(bytes, 0, cut)).isInstanceOf(WireException.class);
      }
      byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);
      // a byte more is trailing, or the start of a generation too short to read (a read reply's optional last field)
      assertThatThrownBy(() -> FrameCodec.decode(longer, 0, longer.length))
          .isInstanceOf(WireException.class).hasMessageMatching("(?s).*(trailing|generation: truncated).*");
    }
  }

  @Test
  void anOutcomeOtherThanServedOrRefusedAndAnUnknownKindAreRefused() {
    byte[] badOutcome = new FrameWriter(32).u8(FrameCodec.VERSION_WITHOUT_GENERATIONS).u8(FrameCodec.WRITE_REPLY).string("a-1").i64(0)
        .i64(1).u8(2).toByteArray();
    assertThatThrownBy(() -> FrameCodec.decode(badOutcome, 0, badOutcome.length))
        .isInstanceOf(WireException.class).hasMessageContaining("outcome");
    byte[] unknown = new FrameWriter(32).u8(FrameCodec.VERSION_WITHOUT_GENERATIONS).u8(18).string("a-1").i64(0).toByteArray();
    assertThatThrownBy(() -> FrameCodec.decode(unknown, 0, unknown.length))
        .isInstanceOf(WireException.class).hasMessageContaining("unknown message kind 18");
  }

  @Test
  void aLongRefusalIsCutToWhatAFrameCarries() {
    String reason = "ü".repeat(2_000);
    byte[] bytes = FrameCodec.encode(new Frame(A, 0, new WriteReply(1, reason)));
    WriteReply back = (WriteReply) FrameCodec.decode(bytes, 0, bytes.length).body();
    assertThat(back.refusal()).endsWith("...").startsWith("üüü");
    assertThat(back.refusal().getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(FrameReader.MAX_STRING_BYTES);
  }

  @Test
  void aReadReplyCarriesEitherAStateOrARefusal() {
    assertThatThrownBy(() -> new ReadReply(1, null, null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ReadReply(1, new byte[0], "no")).isInstanceOf(IllegalArgumentException.class);
  }
}
