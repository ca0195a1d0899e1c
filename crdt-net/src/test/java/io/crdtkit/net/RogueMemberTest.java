package io.crdtkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crdtkit.GCounter;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.jackson.CodecLimits;
import io.crdtkit.jackson.CrdtCodec;
import io.crdtkit.jackson.CrdtMappers;
import io.crdtkit.net.WireMessage.Chunk;
import io.crdtkit.net.WireMessage.Deltas;
import io.crdtkit.net.WireMessage.KeyBytes;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A rogue member in the cluster sends garbage: random bytes, truncated frames, frames whose documents are damaged,
 * oversized transfers. Every one is dropped and counted; the state stays what it was; the node keeps working.
 */
class RogueMemberTest {

  private static final Duration DEADLINE = Duration.ofSeconds(15);
  private static final CrdtCodec<GCounter> COUNTERS = CrdtCodec.of(CrdtMappers.smile(), GCounter.class);
  private static final ReplicaId ROGUE = ReplicaId.of("rogue");

  private InJvmCluster cluster;
  private JChannel rogue;
  private Replicated<GCounter> hits;
  private Replicated<GCounter> other;

  @BeforeEach
  void startClusterAndRogue() throws Exception {
    cluster = InJvmCluster.of(2, builder -> builder.codecLimits(CodecLimits.defaults().withMaxDocumentBytes(64 * 1024)));
    hits = cluster.get(0).register("hits", GCounter.empty(), GCounter.class);
    other = cluster.get(1).register("hits", GCounter.empty(), GCounter.class);
    cluster.get(0).register("misses", GCounter.empty(), GCounter.class);
    hits.update((counter, self) -> counter.deltaIncrement(self, 3));
    await().atMost(DEADLINE).until(() -> other.value().value() == 3);
    rogue = JGroupsStack.inJvm().createChannel("127.0.0.1");
    rogue.connect(cluster.get(0).engine().settings().cluster());
    await().atMost(DEADLINE).until(() -> cluster.get(0).channel().getView().size() == 3);
  }

  @AfterEach
  void stop() {
    rogue.close();
    cluster.close();
  }

  @Test
  void randomTruncatedAndDamagedMessagesAreCountedAndChangeNothing() throws Exception {
    CrdtNode target = cluster.get(0);
    GCounter before = hits.value();
    Random random = new Random(42);
    int sent = 0;
    for (int i = 0; i < 50; i++) {
      byte[] junk = new byte[1 + random.nextInt(300)];
      random.nextBytes(junk);
      if (i % 5 == 0) {
        junk[0] = FrameCodec.VERSION; // get past the version byte now and then
      }
      sendTo(target, junk);
      sent++;
    }
    byte[] valid = FrameCodec.encode(new Frame(ROGUE, 0, new Deltas(List.of(
        new KeyBytes("misses", COUNTERS.encode(GCounter.empty().increment(ROGUE, 100))),
        new KeyBytes("hits", COUNTERS.encode(GCounter.empty().increment(ROGUE, 1_000)))))));
    for (int cut = 1; cut < valid.length; cut += 7) {
      sendTo(target, Arrays.copyOf(valid, cut));
      sent++;
    }
    byte[] trailing = Arrays.copyOf(valid, valid.length + 1);
    sendTo(target, trailing);
    sent++;
    // A frame whose first document is fine and whose second is damaged: neither is merged.
    byte[] damaged = COUNTERS.encode(GCounter.empty().increment(ROGUE, 1_000));
    damaged[damaged.length / 2] ^= 0x5A;
    sendTo(target, FrameCodec.encode(new Frame(ROGUE, 0, new Deltas(List.of(
        new KeyBytes("misses", COUNTERS.encode(GCounter.empty().increment(ROGUE, 100))),
        new KeyBytes("hits", damaged))))));
    sent++;
    int expectedErrors = sent;

    await().atMost(DEADLINE).until(() -> target.stats().decodeErrors() >= expectedErrors);
    assertThat(hits.value()).isEqualTo(before);
    assertThat(target.engine().keys().get("misses").state()).isEqualTo(GCounter.empty());
    assertStillReplicates();
  }

  @Test
  void anOversizedTransferAndAHugeCountAreRefusedBeforeTheyCostMemory() throws Exception {
    CrdtNode target = cluster.get(0);
    GCounter before = hits.value();
    byte[] part = new byte[16 * 1024];
    for (int i = 0; i < 8; i++) { // 128 KiB claimed by one transfer, against a 64 KiB limit
      sendTo(target, FrameCodec.encode(new Frame(ROGUE, 0, new Chunk(7, i, 8, part))));
    }
    FrameWriter huge = new FrameWriter(64).u8(FrameCodec.VERSION).u8(1).string(ROGUE.name()).i64(0)
        .i32(Integer.MAX_VALUE);
    sendTo(target, huge.toByteArray());
    byte[] big = new byte[2 * 1024 * 1024];
    new Random(7).nextBytes(big);
    sendTo(target, big);

    await().atMost(DEADLINE).until(() -> target.stats().decodeErrors() >= 3);
    assertThat(hits.value()).isEqualTo(before);
    assertThat(target.engine().chunks().inProgress()).isZero();
    assertStillReplicates();
  }

  private void assertStillReplicates() {
    other.update((counter, self) -> counter.deltaIncrement(self, 1));
    await().atMost(DEADLINE).until(() -> hits.value().value() == 4);
  }

  private void sendTo(CrdtNode node, byte[] bytes) throws Exception {
    rogue.send(new BytesMessage(node.channel().getAddress(), bytes));
  }
}
