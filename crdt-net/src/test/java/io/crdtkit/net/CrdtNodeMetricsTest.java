package io.crdtkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crdtkit.GCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CrdtNodeMetricsTest {

  private static final Duration DEADLINE = Duration.ofSeconds(15);

  @Test
  void theMetersAreRegisteredTaggedAndMoveAfterUpdates() {
    try (InJvmCluster cluster = InJvmCluster.of(2)) {
      CrdtNode node = cluster.get(0);
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      new CrdtNodeMetrics(node).bindTo(registry);
      Replicated<GCounter> here = node.register("visits", GCounter.empty(), GCounter.class);
      Replicated<GCounter> there = cluster.get(1).register("visits", GCounter.empty(), GCounter.class);
      String replica = node.replica().toString();
      double sentBefore = registry.get("crdtkit.node.messages.sent").tag("replica", replica).functionCounter().count();

      for (int i = 0; i < 10; i++) {
        here.update((counter, self) -> counter.deltaIncrement(self, 1));
      }
      await().atMost(DEADLINE).until(() -> there.value().value() == 10);

      assertThat(registry.get("crdtkit.node.members").tag("replica", replica).gauge().value()).isEqualTo(2);
      assertThat(registry.get("crdtkit.node.keys").gauge().value()).isEqualTo(1);
      // released once the send returns, which may be just after the other member received it
      await().atMost(DEADLINE).until(() -> registry.get("crdtkit.node.pending.updates").gauge().value() == 0);
      assertThat(registry.get("crdtkit.node.keys.out.of.sync").gauge().value()).isGreaterThanOrEqualTo(0);
      assertThat(registry.get("crdtkit.node.gc.lag").gauge().value()).isGreaterThanOrEqualTo(0);
      assertThat(registry.get("crdtkit.node.messages.sent").functionCounter().count()).isGreaterThan(sentBefore);
      assertThat(registry.get("crdtkit.node.bytes.sent").functionCounter().count()).isPositive();
      assertThat(registry.get("crdtkit.node.deltas.sent").functionCounter().count()).isPositive();
      assertThat(registry.get("crdtkit.node.refused").tag("cause", RefusalCause.TYPE_MISMATCH.name())
          .functionCounter().count()).isZero();
      assertThat(registry.get("crdtkit.node.messages.sent").meter().getId().getTag("cluster"))
          .isEqualTo(node.engine().settings().cluster());
      await().atMost(DEADLINE).until(() ->
          registry.get("crdtkit.node.messages.received").functionCounter().count() > 0);
    }
  }

  @Test
  void pendingUpdatesShowWhileSendsAreHeld() {
    try (InJvmCluster cluster = InJvmCluster.of(2, builder -> builder.maxPendingUpdates(3)
        .whenPendingFull(Backpressure.fail()))) {
      CrdtNode node = cluster.get(0);
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      new CrdtNodeMetrics(node).bindTo(registry);
      Replicated<GCounter> here = node.register("visits", GCounter.empty(), GCounter.class);
      HeldSends held = HeldSends.on(node);
      for (int i = 0; i < 5; i++) {
        try {
          here.update((counter, self) -> counter.deltaIncrement(self, 1));
        } catch (PendingUpdatesFullException expected) {
          // counted below
        }
      }

      assertThat(registry.get("crdtkit.node.pending.updates").gauge().value()).isEqualTo(3);
      assertThat(registry.get("crdtkit.node.pending.refused").functionCounter().count()).isEqualTo(2);
      held.release();
      await().atMost(DEADLINE).until(() -> registry.get("crdtkit.node.pending.updates").gauge().value() == 0);
    }
  }
}
