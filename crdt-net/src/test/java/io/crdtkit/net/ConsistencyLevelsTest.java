package io.crdtkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.crdtkit.GCounter;
import io.crdtkit.ORMap;
import io.crdtkit.PNCounter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jgroups.protocols.DISCARD;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Reads and writes at a consistency level on in-JVM clusters (NET.md, "Consistency levels"): what completes, what
 * times out and with which words, and that the local update stands either way.
 */
class ConsistencyLevelsTest {

  /** Stages are waited for this long at most: longer than any timeout below, so a hang fails the test. */
  private static final long STAGE_DEADLINE_SECONDS = 20;
  private static final Duration CONVERGENCE = Duration.ofSeconds(20);

  @Nested
  class Writes {

    @Test
    void aMajorityWriteCompletesOnTheMajoritySideTimesOutOnTheMinorityAndBothAreKeptAfterTheHeal() throws Exception {
      try (InJvmCluster cluster = InJvmCluster.of(5)) {
        List<CrdtNode> nodes = cluster.nodes();
        List<Replicated<ORMap<String, PNCounter>>> carts =
            nodes.stream().map(node -> Carts.register(node, "cart")).toList();
        cluster.split(nodes.subList(0, 3), nodes.subList(3, 5));

        CompletionStage<ORMap<String, PNCounter>> onMajority =
            carts.get(0).update(Carts.add("eggs", 6), WriteConsistency.majority(Duration.ofSeconds(10)));
        CompletionStage<ORMap<String, PNCounter>> onMinority =
            carts.get(3).update(Carts.add("bread", 1), WriteConsistency.majority(Duration.ofMillis(1500)));

        assertThat(Carts.items(stage(onMajority))).containsEntry("eggs", 6L);
        ConsistencyException failure = failure(onMinority);
        assertThat(failure.key()).isEqualTo("cart");
        assertThat(failure.answered()).isEqualTo(2);
        assertThat(failure.needed()).isEqualTo(3);
        assertThat(failure).hasMessageContaining("write of key 'cart' at majority(PT1.5S) timed out")
            .hasMessageContaining("2 of the 3 members needed hold the update")
            .hasMessageContaining("not in this node's view: [")
            .hasMessageContaining(nodes.get(0).replica().name())
            .hasMessageContaining("stays applied here");
        assertThat(Carts.items(carts.get(3).value())).containsEntry("bread", 1L);   // the local update stands

        cluster.heal();
        cluster.awaitOneView();
        await().atMost(CONVERGENCE).untilAsserted(() -> assertThat(carts).allSatisfy(cart ->
            assertThat(Carts.items(cart.value())).isEqualTo(Map.of("eggs", 6L, "bread", 1L))));
      }
    }

    @Test
    void allTimesOutWhileAMemberIsDownAndNamesItWhileMajorityStillCompletes() throws Exception {
      try (InJvmCluster cluster = InJvmCluster.of(3)) {
        List<Replicated<GCounter>> hits = registerHits(cluster.nodes());
        CrdtNode down = cluster.get(2);
        cluster.crash(down);

        ConsistencyException failure = failure(
            hits.get(0).update((counter, self) -> counter.deltaIncrement(self, 1), WriteConsistency.all(
                Duration.ofSeconds(1))));
        assertThat(failure.answered()).isEqualTo(2);
        assertThat(failure.needed()).isEqualTo(3);
        // Still in the view (no answer) or gone from it already (not retired): named either way.
        assertThat(failure).hasMessageContaining("at all(PT1S) timed out").hasMessageContaining(down.replica().name());
        assertThat(hits.get(0).value().value()).isEqualTo(1);

        GCounter afterMajority = stage(hits.get(0).update((counter, self) -> counter.deltaIncrement(self, 1),
            WriteConsistency.majority(Duration.ofSeconds(10))));
        assertThat(afterMajority.value()).isEqualTo(2);
      }
    }

    @Test
    void anAcknowledgementMeansTheMemberHoldsTheUpdate() throws Exception {
      // No batched multicast and no periodic anti-entropy: only the write's own requests carry the delta.
      try (InJvmCluster cluster = InJvmCluster.of(3, builder -> builder.flushDelay(Duration.ofHours(1))
          .antiEntropyInterval(Duration.ofHours(1)))) {
        List<Replicated<GCounter>> hits = registerHits(cluster.nodes());
        stage(hits.get(0).update((counter, self) -> counter.deltaIncrement(self, 3),
            WriteConsistency.all(Duration.ofSeconds(10))));
        assertThat(hits).allSatisfy(counter -> assertThat(counter.value().value()).isEqualTo(3));
      }
    }

    @Test
    void aMemberWithoutTheKeyOrItsTypeRefusesAndTheWriteFailsAtOnceWithItsReason() throws Exception {
      try (InJvmCluster cluster = InJvmCluster.of(3)) {
        List<Replicated<GCounter>> hits = registerHits(cluster.nodes().subList(0, 2));
        long started = System.nanoTime();
        ConsistencyException failure = failure(hits.get(0).update(
            (counter, self) -> counter.deltaIncrement(self, 1), WriteConsistency.all(Duration.ofSeconds(60))));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        assertThat(failure).hasMessageContaining("cannot succeed")
            .hasMessageContaining("key 'hits' is of type io.crdtkit.GCounter, not registered at member "
                + cluster.get(2).replica().name() + " (UNKNOWN_TYPE)");
        // Counted there too (with the batched delta of the same update, which it also refuses).
        assertThat(cluster.get(2).stats().refused().get(RefusalCause.UNKNOWN_TYPE)).isPositive();
        assertThat(cluster.get(2).engine().keys()).doesNotContainKey("hits");
      }
    }
  }

  @Nested
  class Reads {

    @Test
    void aMajorityReadReturnsAWriteThatReachedTheOthersButNotThisNode() throws Exception {
      try (InJvmCluster cluster = InJvmCluster.of(3, builder -> builder.antiEntropyInterval(Duration.ofHours(1)))) {
        List<CrdtNode> nodes = cluster.nodes();
        List<Replicated<GCounter>> hits = registerHits(nodes);
        DISCARD reader = PartitionInjector.discardOf(nodes.get(0));
        reader.addIgnoreMember(nodes.get(1).channel().getAddress());   // n0 hears nothing from n1 for a moment
        try {
          hits.get(1).update((counter, self) -> counter.deltaIncrement(self, 5));
          await().atMost(CONVERGENCE).until(() -> hits.get(2).value().value() == 5);
          assertThat(hits.get(0).value().value()).isZero();

          // Whichever member n0 asks first, a majority (n0 and one other) holds the write: n1's answer is lost, so
          // n0 asks n2 too after a fifth of the timeout.
          GCounter read = stage(hits.get(0).read(ReadConsistency.majority(Duration.ofSeconds(5))));
          assertThat(read.value()).isEqualTo(5);
          assertThat(hits.get(0).value().value()).isEqualTo(5);           // merged into n0's state
        } finally {
          reader.resetIgnoredMembers();
        }
      }
    }

    @Test
    void aReadOfAKeyAMemberLacksFailsAtOnceAndAReadAtAllOfTheRestCompletes() throws Exception {
      try (InJvmCluster cluster = InJvmCluster.of(3)) {
        List<Replicated<GCounter>> hits = registerHits(cluster.nodes().subList(0, 2));
        hits.get(1).update((counter, self) -> counter.deltaIncrement(self, 2));
        ConsistencyException failure = failure(hits.get(0).read(ReadConsistency.all(Duration.ofSeconds(60))));
        assertThat(failure).hasMessageContaining("read of key 'hits' at all(PT1M) cannot succeed")
            .hasMessageContaining("not registered at member " + cluster.get(2).replica().name());
        GCounter read = stage(hits.get(0).read(ReadConsistency.atLeast(2, Duration.ofSeconds(10))));
        assertThat(read.value()).isEqualTo(2);
      }
    }
  }

  @Nested
  class Parameters {

    @Test
    void aLevelBelowOneMemberOrWithoutAPositiveTimeoutIsRefusedWithItsReason() {
      assertThatThrownBy(() -> WriteConsistency.atLeast(0, Duration.ofSeconds(1)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n >= 1").hasMessageContaining("got 0");
      assertThatThrownBy(() -> ReadConsistency.atLeast(-1, Duration.ofSeconds(1)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got -1");
      assertThatThrownBy(() -> WriteConsistency.majority(null))
          .isInstanceOf(NullPointerException.class).hasMessageContaining("timeout");
      assertThatThrownBy(() -> ReadConsistency.all(null))
          .isInstanceOf(NullPointerException.class).hasMessageContaining("timeout");
      assertThatThrownBy(() -> WriteConsistency.all(Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be positive");
      assertThatThrownBy(() -> ReadConsistency.majority(Duration.ofSeconds(-1)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be positive");
      assertThat(WriteConsistency.majority(Duration.ofSeconds(2))).hasToString("majority(PT2S)")
          .isEqualTo(WriteConsistency.majority(Duration.ofSeconds(2)));
      assertThat(ReadConsistency.atLeast(2, Duration.ofMillis(500))).hasToString("atLeast(2, PT0.5S)");
    }

    @Test
    void badArgumentsChangeNothingAndLocalLevelsCompleteAtOnce() throws Exception {
      try (InJvmCluster cluster = InJvmCluster.of(1)) {
        Replicated<GCounter> hits = cluster.get(0).register("hits", GCounter.empty(), GCounter.class);
        DeltaMutator<GCounter> increment = (counter, self) -> counter.deltaIncrement(self, 1);
        assertThatThrownBy(() -> hits.update(increment, null))
            .isInstanceOf(NullPointerException.class).hasMessageContaining("consistency");
        assertThatThrownBy(() -> hits.update(null, WriteConsistency.majority(Duration.ofSeconds(1))))
            .isInstanceOf(NullPointerException.class).hasMessageContaining("mutator");
        assertThatThrownBy(() -> hits.read(null))
            .isInstanceOf(NullPointerException.class).hasMessageContaining("consistency");
        assertThat(hits.value().value()).isZero();

        CompletableFuture<GCounter> local = hits.update(increment, WriteConsistency.local()).toCompletableFuture();
        assertThat(local).isCompleted();
        assertThat(local.get().value()).isEqualTo(1);
        assertThat(hits.read(ReadConsistency.local()).toCompletableFuture()).isCompletedWithValue(hits.value());
        // Alone, a majority is this node; two members cannot be found in a replica set of one.
        assertThat(stage(hits.update(increment, WriteConsistency.majority(Duration.ofSeconds(1)))).value())
            .isEqualTo(2);
        ConsistencyException tooMany = failure(hits.update(increment, WriteConsistency.atLeast(2,
            Duration.ofSeconds(30))));
        assertThat(tooMany).hasMessageContaining("needs 2 members, the replica set has 1");
        assertThat(hits.value().value()).isEqualTo(3);
      }
    }
  }

  private static List<Replicated<GCounter>> registerHits(List<CrdtNode> nodes) {
    return nodes.stream().map(node -> node.register("hits", GCounter.empty(), GCounter.class)).toList();
  }

  private static <S> S stage(CompletionStage<S> stage) throws Exception {
    return stage.toCompletableFuture().get(STAGE_DEADLINE_SECONDS, TimeUnit.SECONDS);
  }

  private static ConsistencyException failure(CompletionStage<?> stage) {
    ExecutionException thrown = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> stage.toCompletableFuture().get(STAGE_DEADLINE_SECONDS, TimeUnit.SECONDS));
    assertThat(thrown.getCause()).isInstanceOf(ConsistencyException.class);
    return (ConsistencyException) thrown.getCause();
  }
}
