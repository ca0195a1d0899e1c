package io.crdtkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crdtkit.GCounter;
import io.crdtkit.ORMap;
import io.crdtkit.PNCounter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Splits in-JVM clusters with DISCARD and injected views, writes on every side, heals, and checks convergence. */
class PartitionHealTest {

  /** MERGE3 notices within about 1.5 s; then anti-entropy runs at once. */
  private static final Duration HEAL_DEADLINE = Duration.ofSeconds(15);

  @Test
  void writesOnBothSidesOfAPartitionAreAllKeptAfterTheHeal() {
    try (InJvmCluster cluster = InJvmCluster.of(5)) {
      List<Replicated<ORMap<String, PNCounter>>> carts =
          cluster.nodes().stream().map(node -> Carts.register(node, "cart")).toList();
      carts.get(0).update(Carts.add("milk", 2));
      awaitAll(carts, Map.of("milk", 2L));

      List<CrdtNode> nodes = cluster.nodes();
      cluster.split(nodes.subList(0, 3), nodes.subList(3, 5));
      carts.get(0).update(Carts.remove("milk"));
      carts.get(1).update(Carts.add("eggs", 6));
      carts.get(3).update(Carts.add("eggs", 6));
      carts.get(4).update(Carts.add("bread", 1));
      // Each side converges on its own, without the other side's writes.
      awaitAll(carts.subList(0, 3), Map.of("eggs", 6L));
      awaitAll(carts.subList(3, 5), Map.of("milk", 2L, "eggs", 6L, "bread", 1L));

      cluster.heal();
      cluster.awaitOneView();
      awaitAll(carts, Map.of("eggs", 12L, "bread", 1L));
      assertThat(nodes).allSatisfy(node -> assertThat(node.stats().mergeViews()).isPositive());
      await().atMost(HEAL_DEADLINE).until(() -> nodes.stream().allMatch(n -> n.stats().inSyncWithAllPeers()
          && n.outOfSyncKeys().isEmpty()));
    }
  }

  @Test
  void aJoiningMemberCatchesUpByJoinNotOverwrite() {
    try (InJvmCluster cluster = InJvmCluster.of(3)) {
      List<Replicated<GCounter>> counters =
          cluster.nodes().stream().map(n -> n.register("hits", GCounter.empty(), GCounter.class)).toList();
      counters.forEach(c -> c.update((counter, self) -> counter.deltaIncrement(self, 10)));

      CrdtNode joiner = cluster.startNode("joiner");
      Replicated<GCounter> late = joiner.register("hits", GCounter.empty(), GCounter.class);
      late.update((counter, self) -> counter.deltaIncrement(self, 1)); // its own write, before it caught up
      cluster.awaitOneView();

      await().atMost(HEAL_DEADLINE).untilAsserted(() -> {
        assertThat(late.value().value()).isEqualTo(31);
        assertThat(counters).allSatisfy(c -> assertThat(c.value().value()).isEqualTo(31));
      });
    }
  }

  @Test
  void aCrashedMemberLeavesTheViewAndTheSurvivorsGoOn() {
    try (InJvmCluster cluster = InJvmCluster.of(3)) {
      List<Replicated<GCounter>> counters =
          cluster.nodes().stream().map(n -> n.register("hits", GCounter.empty(), GCounter.class)).toList();
      counters.get(2).update((counter, self) -> counter.deltaIncrement(self, 7));
      await().atMost(HEAL_DEADLINE).until(() -> counters.stream().allMatch(c -> c.value().value() == 7));

      CrdtNode crashed = cluster.get(2);
      cluster.crash(crashed);
      await().atMost(HEAL_DEADLINE).until(() -> cluster.get(0).channel().getView().size() == 2);
      assertThat(cluster.get(0).stats().suspected()).contains(crashed.replica());
      counters.get(0).update((counter, self) -> counter.deltaIncrement(self, 1));
      await().atMost(HEAL_DEADLINE).until(() -> counters.get(1).value().value() == 8);
      // The crashed replica is still in the replica set: leaving the view does not retire it.
      assertThat(cluster.get(0).engine().knownReplicas()).contains(cluster.get(0).replica());
      assertThat(cluster.get(0).engine().knownReplicas()).hasSize(3);
    }
  }

  @Test
  void twentySplitAndHealCyclesUnderWritesConverge() {
    try (InJvmCluster cluster = InJvmCluster.of(3)) {
      List<CrdtNode> nodes = cluster.nodes();
      List<Replicated<PNCounter>> counters =
          nodes.stream().map(n -> n.register("level", PNCounter.empty(), PNCounter.class)).toList();
      long expected = 0;
      long slowestHeal = 0;
      for (int cycle = 0; cycle < 20; cycle++) {
        int lonely = cycle % 3;
        List<CrdtNode> rest = nodes.stream().filter(n -> n != nodes.get(lonely)).toList();
        cluster.split(List.of(nodes.get(lonely)), rest);
        for (int i = 0; i < 3; i++) {
          int amount = cycle + i + 1;
          counters.get(i).update((counter, self) -> counter.deltaIncrement(self, amount));
          expected += amount;
        }
        counters.get((cycle + 1) % 3).update((counter, self) -> counter.deltaDecrement(self, 1));
        expected -= 1;
        long healing = System.nanoTime();
        cluster.heal();
        cluster.awaitOneView();
        long target = expected;
        await("cycle " + cycle).atMost(HEAL_DEADLINE).pollInterval(Duration.ofMillis(20))
            .until(() -> counters.stream().allMatch(c -> c.value().value() == target));
        slowestHeal = Math.max(slowestHeal, (System.nanoTime() - healing) / 1_000_000);
      }
      assertThat(counters.get(0).value()).isEqualTo(counters.get(1).value()).isEqualTo(counters.get(2).value());
      System.out.println("20 split/heal cycles: the slowest heal (MergeView and convergence) took " + slowestHeal
          + " ms");
    }
  }

  private static void awaitAll(List<Replicated<ORMap<String, PNCounter>>> carts, Map<String, Long> expected) {
    await().atMost(HEAL_DEADLINE).untilAsserted(() -> assertThat(carts).allSatisfy(cart ->
        assertThat(Carts.items(cart.value())).isEqualTo(expected)));
  }
}
