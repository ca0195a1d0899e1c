package io.crdtkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.crdtkit.GCounter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Issue 17: a writer faster than its peers take its deltas is held back, never queues without bound. */
class BackpressureTest {

  private static final Duration DEADLINE = Duration.ofSeconds(15);

  private static GCounter increment(GCounter counter, io.crdtkit.clock.ReplicaId self) {
    return counter.deltaIncrement(self, 1);
  }

  @Test
  void aWriterPastTheCapIsRefusedWithNothingChangedAndAllConvergeOnceSendsResume() {
    try (InJvmCluster cluster = InJvmCluster.of(2, builder -> builder.maxPendingUpdates(50)
        .whenPendingFull(Backpressure.fail()))) {
      Replicated<GCounter> writer = cluster.get(0).register("clicks", GCounter.empty(), GCounter.class);
      Replicated<GCounter> reader = cluster.get(1).register("clicks", GCounter.empty(), GCounter.class);
      PendingUpdates pending = cluster.get(0).engine().pendingUpdates();
      HeldSends held = HeldSends.on(cluster.get(0));

      int accepted = 0;
      PendingUpdatesFullException refusal = null;
      for (int i = 0; i < 2_000; i++) { // a tight loop: the flush cannot send, so only the cap stops it
        long before = writer.value().value();
        try {
          writer.update(BackpressureTest::increment);
          accepted++;
        } catch (PendingUpdatesFullException e) {
          refusal = e;
          assertThat(writer.value().value()).as("a refused update changes nothing").isEqualTo(before);
        }
        assertThat(pending.total()).isLessThanOrEqualTo(50);
      }

      assertThat(accepted).isEqualTo(50);
      assertThat(refusal).isNotNull();
      assertThat(refusal.key()).isEqualTo("clicks");
      assertThat(refusal.limit()).isEqualTo(50);
      assertThat(refusal).hasMessageContaining("'clicks'").hasMessageContaining("maxPendingUpdates 50");
      assertThat(pending.refused.sum()).isEqualTo(2_000 - 50);

      held.release();
      int expected = accepted;
      await().atMost(DEADLINE).until(() -> reader.value().value() == expected && pending.total() == 0);
      writer.update(BackpressureTest::increment); // room again
      await().atMost(DEADLINE).until(() -> reader.value().value() == expected + 1);
    }
  }

  @Test
  void aWaitingWriterIsHeldAtTheCapAndFinishesOnceSendsResume() throws Exception {
    try (InJvmCluster cluster = InJvmCluster.of(2, builder -> builder.maxPendingUpdates(20)
        .whenPendingFull(Backpressure.waitUpTo(Duration.ofSeconds(30))))) {
      Replicated<GCounter> writer = cluster.get(0).register("clicks", GCounter.empty(), GCounter.class);
      Replicated<GCounter> reader = cluster.get(1).register("clicks", GCounter.empty(), GCounter.class);
      PendingUpdates pending = cluster.get(0).engine().pendingUpdates();
      HeldSends held = HeldSends.on(cluster.get(0));
      AtomicInteger done = new AtomicInteger();

      CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
        for (int i = 0; i < 500; i++) {
          writer.update(BackpressureTest::increment);
          done.incrementAndGet();
        }
      });

      await().atMost(DEADLINE).until(() -> pending.waited.sum() > 0);
      assertThat(pending.total()).isEqualTo(20);
      assertThat(done.get()).isEqualTo(20);
      assertThat(writing).isNotDone();

      held.release();
      writing.get(DEADLINE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
      await().atMost(DEADLINE).until(() -> reader.value().value() == 500);
      assertThat(pending.refused.sum()).isZero();
    }
  }

  @Test
  void theNodeCapCountsEveryKey() {
    try (InJvmCluster cluster = InJvmCluster.of(2, builder -> builder.maxPendingUpdatesPerNode(30)
        .whenPendingFull(Backpressure.fail()))) {
      Replicated<GCounter> first = cluster.get(0).register("first", GCounter.empty(), GCounter.class);
      Replicated<GCounter> second = cluster.get(0).register("second", GCounter.empty(), GCounter.class);
      HeldSends held = HeldSends.on(cluster.get(0));
      for (int i = 0; i < 20; i++) {
        first.update(BackpressureTest::increment);
      }
      for (int i = 0; i < 10; i++) {
        second.update(BackpressureTest::increment);
      }

      assertThatThrownBy(() -> second.update(BackpressureTest::increment))
          .isInstanceOf(PendingUpdatesFullException.class)
          .hasMessageContaining("'second'").hasMessageContaining("maxPendingUpdatesPerNode 30");
      assertThat(second.value().value()).isEqualTo(10);
      held.release();
    }
  }

  @Test
  void aWaitingWriterFailsClearlyWhenTheNodeCloses() {
    try (InJvmCluster cluster = InJvmCluster.of(2, builder -> builder.maxPendingUpdates(5)
        .whenPendingFull(Backpressure.waitUpTo(Duration.ofMinutes(5))))) {
      CrdtNode node = cluster.get(0);
      Replicated<GCounter> writer = node.register("clicks", GCounter.empty(), GCounter.class);
      HeldSends.on(node); // never released: only closing ends the wait
      CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
        for (int i = 0; i < 100; i++) {
          writer.update(BackpressureTest::increment);
        }
      });
      await().atMost(DEADLINE).until(() -> node.engine().pendingUpdates().waited.sum() > 0);

      node.close();

      await().atMost(DEADLINE).until(writing::isDone);
      assertThatThrownBy(writing::get).isInstanceOf(ExecutionException.class)
          .cause().isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("closed").hasMessageContaining("'clicks' waited for room");
    }
  }

  @Test
  void aWaitThatTimesOutChangesNothing() {
    try (InJvmCluster cluster = InJvmCluster.of(1, builder -> builder.maxPendingUpdates(1)
        .whenPendingFull(Backpressure.waitUpTo(Duration.ofMillis(100))))) {
      CrdtNode node = cluster.get(0);
      Replicated<GCounter> writer = node.register("clicks", GCounter.empty(), GCounter.class);
      // alone in its view the flush drops deltas at once; a held protocol thread keeps the first one pending
      CompletableFuture<Void> blocker = new CompletableFuture<>();
      node.engine().protocolThread().executor().execute(blocker::join);
      try {
        writer.update(BackpressureTest::increment);
        assertThatThrownBy(() -> writer.update(BackpressureTest::increment))
            .isInstanceOf(PendingUpdatesFullException.class).hasMessageContaining("after waiting PT0.1S");
        assertThat(writer.value().value()).isEqualTo(1);
      } finally {
        blocker.complete(null);
      }
    }
  }

  @Nested
  class BadSettings {

    @Test
    void capsMustBePositiveAndThePolicyGiven() {
      CrdtNodeBuilder builder = CrdtNode.builder("bad");
      assertThatThrownBy(() -> builder.maxPendingUpdates(0)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("maxPendingUpdates must be positive, got 0");
      assertThatThrownBy(() -> builder.maxPendingUpdatesPerNode(-1)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("maxPendingUpdatesPerNode");
      assertThatThrownBy(() -> builder.whenPendingFull(null)).isInstanceOf(NullPointerException.class);
      assertThatThrownBy(() -> Backpressure.waitUpTo(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Backpressure.fail()");
    }
  }
}
