package io.crdtkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crdtkit.GCounter;
import io.crdtkit.LWWMap;
import io.crdtkit.clock.HybridLogicalClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;

/** Issue 17: retirement without an operator ({@code retireAbsentAfter}), and what it does to a member cut off. */
class AutoRetirementTest {

  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final TypeReference<LWWMap<String, String>> SETTINGS = new TypeReference<>() {};

  @Test
  void aCrashedMemberIsRetiredAfterTheTimeoutAndGcResumes() {
    Duration timeout = Duration.ofSeconds(2);
    try (LogCapture logs = LogCapture.start();
        InJvmCluster cluster = InJvmCluster.of(3, builder -> builder.retireAbsentAfter(timeout))) {
      List<CrdtNode> nodes = cluster.nodes();
      List<Replicated<LWWMap<String, String>>> settings =
          nodes.stream().map(n -> n.register("settings", LWWMap.<String, String>empty(), SETTINGS)).toList();
      HybridLogicalClock crashedClock = HybridLogicalClock.create(nodes.get(2).replica(), Duration.ofSeconds(5));
      settings.get(2).update((map, self) -> map.deltaPut(crashedClock, "lang", "en"));
      await().atMost(DEADLINE).until(() -> settings.stream().allMatch(s -> s.value().containsKey("lang")));

      CrdtNode crashed = nodes.get(2);
      long crashedAt = System.nanoTime();
      cluster.crash(crashed);
      HybridLogicalClock clock = HybridLogicalClock.create(nodes.get(0).replica(), Duration.ofSeconds(5));
      settings.get(0).update((map, self) -> map.deltaPut(clock, "theme", "dark"));
      settings.get(0).update((map, self) -> map.deltaRemove(clock, "theme"));

      await().atMost(DEADLINE).until(() -> nodes.subList(0, 2).stream()
          .allMatch(n -> n.stats().retired().equals(List.of(crashed.replica()))));
      // The clock starts when the crashed member leaves the view, which is after the crash.
      assertThat(Duration.ofNanos(System.nanoTime() - crashedAt)).isGreaterThanOrEqualTo(timeout);
      assertThat(settings.get(0).value().containsKey("lang")).isTrue();
      await().atMost(DEADLINE).until(() -> settings.get(0).value().tombstones() == 0
          && settings.get(1).value().tombstones() == 0);
      assertThat(logs.lines("INFO", "retiring [" + crashed.replica() + "]", "automatically",
          crashed.replica() + " absent from the view for")).hasSize(1);
    }
  }

  @Test
  void aMemberBackBeforeTheTimeoutIsNotRetired() {
    Duration timeout = Duration.ofSeconds(8);
    try (InJvmCluster cluster = InJvmCluster.of(3, builder -> builder.retireAbsentAfter(timeout))) {
      List<CrdtNode> nodes = cluster.nodes();
      long splitAt = System.nanoTime();
      cluster.split(nodes.subList(0, 2), nodes.subList(2, 3));
      cluster.heal();
      cluster.awaitOneView();
      assertThat(Duration.ofNanos(System.nanoTime() - splitAt)).as("healed within the timeout").isLessThan(timeout);
      // Past the time the split started plus the timeout (and a few ticks), still nobody is retired.
      Duration pastTheTimeout = timeout.plusSeconds(1).minus(Duration.ofNanos(System.nanoTime() - splitAt));
      await().during(pastTheTimeout).atMost(pastTheTimeout.plusSeconds(5))
          .until(() -> nodes.stream().allMatch(n -> n.stats().epoch() == 0 && !n.engine().isClosed()));
    }
  }

  @Test
  void withTheOptionOffNothingIsRetired() {
    try (InJvmCluster cluster = InJvmCluster.of(3)) {
      List<CrdtNode> nodes = cluster.nodes();
      cluster.crash(nodes.get(2));
      await().atMost(DEADLINE).until(() -> nodes.get(0).channel().getView().size() == 2);
      await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(8))
          .until(() -> nodes.get(0).stats().epoch() == 0 && nodes.get(1).stats().epoch() == 0);
    }
  }

  @Test
  void aMemberCutOffLongerThanTheTimeoutIsRetiredAndClosesWhenItComesBack() {
    Duration timeout = Duration.ofSeconds(2);
    try (LogCapture logs = LogCapture.start();
        InJvmCluster cluster = InJvmCluster.of(3, builder -> builder.retireAbsentAfter(timeout))) {
      List<CrdtNode> nodes = cluster.nodes();
      List<Replicated<GCounter>> hits =
          nodes.stream().map(n -> n.register("hits", GCounter.empty(), GCounter.class)).toList();
      hits.forEach(h -> h.update((counter, self) -> counter.deltaIncrement(self, 1)));
      await().atMost(DEADLINE).until(() -> hits.stream().allMatch(h -> h.value().value() == 3));

      CrdtNode cutOff = nodes.get(2);
      cluster.split(nodes.subList(0, 2), nodes.subList(2, 3));
      hits.get(2).update((counter, self) -> counter.deltaIncrement(self, 10));   // lost: the others never see it
      await().atMost(DEADLINE).until(() -> nodes.subList(0, 2).stream()
          .allMatch(n -> n.stats().retired().equals(List.of(cutOff.replica()))));
      // Alone, it is no majority of the replica set: it retires nobody on its side.
      assertThat(cutOff.stats().epoch()).isZero();

      cluster.heal();
      await().atMost(DEADLINE).until(() -> cutOff.engine().isClosed());
      assertThat(logs.lines("ERROR", cutOff.replica().toString(), "retired this replica while it was away",
          "new incarnation")).hasSize(1);
      assertThat(hits.get(0).value().value()).isEqualTo(3);
      hits.get(1).update((counter, self) -> counter.deltaIncrement(self, 1));
      await().atMost(DEADLINE).until(() -> hits.get(0).value().value() == 4);
    }
  }
}
