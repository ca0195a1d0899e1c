package io.crdtkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crdtkit.LWWMap;
import io.crdtkit.ORMap;
import io.crdtkit.PNCounter;
import io.crdtkit.clock.HybridLogicalClock;
import io.crdtkit.gc.GcStatus;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;

/** Garbage collection fed by the cluster: views and reports on gossip; a partition stalls it, the heal resumes it. */
class GcOverTheNetworkTest {

  private static final TypeReference<LWWMap<String, String>> SETTINGS = new TypeReference<>() {};
  private static final TypeReference<ORMap<String, PNCounter>> CART = new TypeReference<>() {};
  private static final Duration DEADLINE = Duration.ofSeconds(15);

  @Test
  void gcStallsDuringAPartitionAndResumesAfterTheHeal() {
    try (InJvmCluster cluster = InJvmCluster.of(3)) {
      List<CrdtNode> nodes = cluster.nodes();
      Map<CrdtNode, HybridLogicalClock> clocks = new HashMap<>();
      nodes.forEach(n -> clocks.put(n, HybridLogicalClock.create(n.replica(), Duration.ofSeconds(5))));
      List<Replicated<LWWMap<String, String>>> settings =
          nodes.stream().map(n -> n.register("settings", LWWMap.<String, String>empty(), SETTINGS)).toList();
      HybridLogicalClock clock = clocks.get(nodes.get(0));
      settings.get(0).update((map, self) -> map.deltaPut(clock, "theme", "dark"));
      settings.get(0).update((map, self) -> map.deltaPut(clock, "lang", "en"));
      settings.get(0).update((map, self) -> map.deltaRemove(clock, "theme"));

      // Before the split: every member reports, the tombstone becomes stable and is reclaimed everywhere.
      await().atMost(DEADLINE).untilAsserted(() -> assertThat(settings).allSatisfy(s -> {
        assertThat(s.value().value().toJavaMap()).isEqualTo(Map.of("lang", "en"));
        assertThat(s.value().tombstones()).isZero();
      }));

      cluster.split(nodes.subList(0, 2), nodes.subList(2, 3));
      settings.get(0).update((map, self) -> map.deltaRemove(clock, "lang"));
      await().atMost(DEADLINE).until(() -> settings.get(1).value().value().isEmpty());
      // n2 is still a member of the replica set: neither side may drop the tombstone it has not seen.
      await("the tombstone stays while n2 is away").during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(5))
          .until(() -> settings.get(0).value().tombstones() == 1 && settings.get(1).value().tombstones() == 1);
      GcStatus stalled = settings.get(0).gcStatus().get();
      assertThat(stalled.members()).contains(nodes.get(2).replica());
      assertThat(nodes.get(0).stats().stabilityLag()).containsKey(nodes.get(2).replica());

      cluster.heal();
      cluster.awaitOneView();
      await().atMost(DEADLINE).untilAsserted(() -> assertThat(settings).allSatisfy(s -> {
        assertThat(s.value().value().isEmpty()).isTrue();
        assertThat(s.value().tombstones()).isZero();
      }));
      assertThat(nodes.get(0).stats().tombstones()).isZero();
    }
  }

  /** The shopping cart is collected too: once stable, a key keeps one counter and no dot; a removal leaves nothing. */
  @Test
  void aReplicatedCartKeepsOneValueAndNoDotPerKeyOnceStable() {
    try (InJvmCluster cluster = InJvmCluster.of(3)) {
      List<CrdtNode> nodes = cluster.nodes();
      List<Replicated<ORMap<String, PNCounter>>> carts = nodes.stream()
          .map(n -> n.register("cart", ORMap.<String, PNCounter>empty(PNCounter.empty()), CART)).toList();
      for (int i = 0; i < nodes.size(); i++) {
        carts.get(i).update((cart, self) -> cart.deltaUpdate(self, "milk", qty -> qty.deltaIncrement(self, 1)));
      }
      carts.get(1).update((cart, self) -> cart.deltaUpdate(self, "eggs", qty -> qty.deltaIncrement(self, 6)));
      await().atMost(DEADLINE).until(() -> carts.get(2).value().containsKey("eggs"));
      carts.get(2).update((cart, self) -> cart.deltaRemove(self, "eggs"));

      await().atMost(DEADLINE).untilAsserted(() -> assertThat(carts).allSatisfy(cart -> {
        ORMap<String, PNCounter> state = cart.value();
        assertThat(state.value().mapValues(PNCounter::value).toJavaMap()).isEqualTo(Map.of("milk", 3L));
        assertThat(state.parts().deltas().get("milk").map(updates -> updates.size()).getOrElse(0))
            .as("dots of milk's three updates").isZero();
        assertThat(state.parts().collapsed().keySet()).containsExactly("milk");
        assertThat(state.tombstones()).isZero();
      }));
      assertThat(carts.get(0).gcStatus()).isNotEmpty();
    }
  }
}
