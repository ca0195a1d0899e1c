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
import io.crdtkit.net.WireMessage.Retirements;
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
 * oversized transfers. Every one is dropped and counted (a damaged document alone, the rest of its frame is
 * taken); the state of the key it damaged stays what it was; the node keeps working.
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
    // A frame whose first document is fine and whose second is damaged: the damaged one is refused alone.
    byte[] damaged = COUNTERS.encode(GCounter.empty().increment(ROGUE, 1_000));
    damaged[damaged.length / 2] ^= 0x5A;
    sendTo(target, FrameCodec.encode(new Frame(ROGUE, 0, new Deltas(List.of(
        new KeyBytes("misses", COUNTERS.encode(GCounter.empty().increment(ROGUE, 100))),
        new KeyBytes("hits", damaged))))));
    sent++;
    int expectedErrors = sent;

    await().atMost(DEADLINE).until(() -> target.stats().decodeErrors() >= expectedErrors);
    assertThat(hits.value()).isEqualTo(before);
    assertThat(target.engine().keys().get("misses").state()).isEqualTo(GCounter.empty().increment(ROGUE, 100));
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

  /**
   * Issue 14, finding 2: one frame from any member retired every replica for good. A log that adds retirements is
   * taken in only from the view's coordinator, after its footprint round: the rogue's is refused and counted, and
   * both members stay at epoch 0 and writable.
   */
  @Test
  void aRetirementLogFromAMemberThatIsNotTheCoordinatorIsRefused() throws Exception {
    List<ReplicaId> victims = List.of(cluster.get(1).replica(), cluster.get(0).replica());
    byte[] forged = FrameCodec.encode(new Frame(ROGUE, 0, new Retirements(victims)));
    for (CrdtNode node : cluster.nodes()) {
      sendTo(node, forged);
    }

    await().atMost(DEADLINE).until(() -> cluster.nodes().stream()
        .allMatch(node -> node.stats().refused().get(RefusalCause.FORGED_RETIREMENT) >= 1));
    assertThat(cluster.nodes()).allSatisfy(node -> assertThat(node.stats().epoch()).isZero());
    assertStillReplicates();
    hits.update((counter, self) -> counter.deltaIncrement(self, 1));
    await().atMost(DEADLINE).until(() -> other.value().value() == 5);
  }

  /**
   * Issue 14, finding 5: first chunks of many transfers held memory, for good on a member left alone. A sender may
   * have two transfers in progress and a bounded number of bytes in them; the rest are refused and counted, and a
   * departed sender's transfers go with the next view.
   */
  @Test
  void chunkedTransfersFromOneSenderAreBoundedAndGoWhenItLeaves() throws Exception {
    CrdtNode target = cluster.get(0);
    byte[] part = new byte[8 * 1024];
    for (int transfer = 1; transfer <= 20; transfer++) {
      sendTo(target, FrameCodec.encode(new Frame(ROGUE, 0, new Chunk(transfer, 0, 4, part))));
    }

    await().atMost(DEADLINE).until(() -> target.stats().refused().get(RefusalCause.TRANSFER_LIMIT) >= 18);
    assertThat(target.engine().chunks().inProgress()).isEqualTo(ChunkAssembler.MAX_TRANSFERS_PER_SENDER);
    assertThat(target.engine().chunks().bytesHeld()).isLessThanOrEqualTo(64 * 1024);
    rogue.disconnect();
    await().atMost(DEADLINE).until(() -> target.engine().chunks().inProgress() == 0);
    assertStillReplicates();
  }

  /**
   * Issue 14, finding 7: a frame of a few hundred kilobytes inflated to the document limit (63 MiB) at every member.
   * An unchunked frame inflates to at most the message size; the claim is refused before anything is allocated.
   */
  @Test
  void anUnchunkedFrameClaimingToInflatePastTheMessageSizeIsRefusedBeforeInflating() throws Exception {
    try (InJvmCluster small = InJvmCluster.of(1, builder -> builder.maxMessageBytes(32 * 1024))) {
      CrdtNode target = small.get(0);
      JChannel attacker = JGroupsStack.inJvm().createChannel("127.0.0.1");
      try (attacker) {
        attacker.connect(target.engine().settings().cluster());
        await().atMost(DEADLINE).until(() -> target.channel().getView().size() == 2);
        // A well-formed frame: inflated, it would be an entry of an unknown key; refused, it is never inflated.
        byte[] bomb = FrameCodec.encode(new Frame(ROGUE, 0, new Deltas(List.of(new KeyBytes("x",
            new byte[1024 * 1024])))));
        assertThat(bomb.length).isLessThan(32 * 1024);
        assertThat(FrameCodec.bodyLength(bomb)).isGreaterThan(1024 * 1024);
        long before = target.stats().decodeErrors();
        attacker.send(new BytesMessage(target.channel().getAddress(), bomb));

        await().atMost(DEADLINE).until(() -> target.stats().decodeErrors() > before);
        assertThat(target.stats().unknownKeys()).isZero();
      }
    }
  }

  private void assertStillReplicates() {
    other.update((counter, self) -> counter.deltaIncrement(self, 1));
    await().atMost(DEADLINE).until(() -> hits.value().value() == 4);
  }

  private void sendTo(CrdtNode node, byte[] bytes) throws Exception {
    rogue.send(new BytesMessage(node.channel().getAddress(), bytes));
  }
}
