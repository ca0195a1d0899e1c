package io.crdtkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.crdtkit.GCounter;
import io.crdtkit.ORMap;
import io.crdtkit.PNCounter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ReplicationTest {

  private static final Duration DEADLINE = Duration.ofSeconds(15);

  @Test
  void updatesOnEveryMemberReachEveryMember() {
    try (InJvmCluster cluster = InJvmCluster.of(3)) {
      List<Replicated<ORMap<String, PNCounter>>> carts =
          cluster.nodes().stream().map(node -> Carts.register(node, "cart")).toList();

      carts.get(0).update(Carts.add("milk", 2));
      carts.get(1).update(Carts.add("eggs", 6));
      carts.get(2).update(Carts.add("eggs", 6));

      await().atMost(DEADLINE).untilAsserted(() -> assertThat(carts).allSatisfy(cart ->
          assertThat(Carts.items(cart.value())).isEqualTo(Map.of("milk", 2L, "eggs", 12L))));
    }
  }

  @Test
  void anUpdateIsVisibleLocallyAtOnceAndListenersHearLocalAndRemoteChanges() {
    try (InJvmCluster cluster = InJvmCluster.of(2)) {
      Replicated<GCounter> here = cluster.get(0).register("visits", GCounter.empty(), GCounter.class);
      Replicated<GCounter> there = cluster.get(1).register("visits", GCounter.empty(), GCounter.class);
      List<Boolean> heard = new CopyOnWriteArrayList<>();
      there.subscribe((state, local) -> heard.add(local));

      GCounter after = here.update((counter, self) -> counter.deltaIncrement(self, 5));
      assertThat(after.value()).isEqualTo(5);
      assertThat(here.value().value()).isEqualTo(5);

      await().atMost(DEADLINE).until(() -> there.value().value() == 5);
      there.update((counter, self) -> counter.deltaIncrement(self, 1));
      await().atMost(DEADLINE).until(() -> here.value().value() == 6);
      assertThat(heard).containsExactly(false, true);
    }
  }

  @Test
  void manyUpdatesUnderLoadAreBatchedIntoFewMessages() {
    try (InJvmCluster cluster = InJvmCluster.of(2, builder -> builder.flushDelay(Duration.ofMillis(20)))) {
      Replicated<GCounter> here = cluster.get(0).register("hits", GCounter.empty(), GCounter.class);
      Replicated<GCounter> there = cluster.get(1).register("hits", GCounter.empty(), GCounter.class);
      long before = cluster.get(0).stats().messagesSent();
      for (int i = 0; i < 1_000; i++) {
        here.update((counter, self) -> counter.deltaIncrement(self, 1));
      }
      await().atMost(DEADLINE).until(() -> there.value().value() == 1_000);
      assertThat(cluster.get(0).stats().deltasSent() - 0).isLessThan(1_000);
      assertThat(cluster.get(0).stats().messagesSent() - before).isLessThan(500);
    }
  }

  @Test
  void updatesFromManyThreadsAtOnceAreAllKeptAndReplicated() throws Exception {
    try (InJvmCluster cluster = InJvmCluster.of(2)) {
      Replicated<PNCounter> here = cluster.get(0).register("level", PNCounter.empty(), PNCounter.class);
      Replicated<PNCounter> there = cluster.get(1).register("level", PNCounter.empty(), PNCounter.class);
      ExecutorService writers = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          done.add(writers.submit(() -> {
            for (int i = 0; i < 500; i++) {
              here.update((counter, self) -> counter.deltaIncrement(self, 2));
              there.update((counter, self) -> counter.deltaDecrement(self, 1));
            }
          }));
        }
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        writers.shutdown();
      }
      await().atMost(DEADLINE).until(() -> here.value().value() == 2_000 && there.value().value() == 2_000);
      assertThat(here.value()).isEqualTo(there.value());
    }
  }

  @Test
  void aKeyIsRegisteredOnceAndItsNameIsChecked() {
    try (InJvmCluster cluster = InJvmCluster.of(1)) {
      CrdtNode node = cluster.get(0);
      node.register("k", GCounter.empty(), GCounter.class);
      assertThatThrownBy(() -> node.register("k", GCounter.empty(), GCounter.class))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already registered");
      assertThatThrownBy(() -> node.register("", GCounter.empty(), GCounter.class))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 512");
      assertThatThrownBy(() -> node.register("x".repeat(513), GCounter.empty(), GCounter.class))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void aClosedNodeRefusesUpdates() {
    InJvmCluster cluster = InJvmCluster.of(1);
    Replicated<GCounter> counter = cluster.get(0).register("c", GCounter.empty(), GCounter.class);
    cluster.close();
    assertThatThrownBy(() -> counter.update((c, self) -> c.deltaIncrement(self, 1)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }
}
