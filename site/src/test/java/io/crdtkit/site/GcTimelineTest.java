package io.crdtkit.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crdtkit.LWWMap;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import io.crdtkit.gc.GcStatus;
import io.crdtkit.net.CrdtNode;
import io.crdtkit.net.JGroupsStack;
import io.crdtkit.net.PartitionInjector;
import io.crdtkit.net.Replicated;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;

/**
 * The GC page's timeline (gc.adoc): three in-JVM members with the default intervals replicate an LWWMap; removes
 * before, during and after a partition. A sampler records each member's tombstones and n0's stable cut every 50 ms;
 * the test asserts the stall and the collection, and writes the chart and its legend for the page.
 */
class GcTimelineTest {

  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final TypeReference<LWWMap<String, String>> SETTINGS = new TypeReference<>() {};

  @Test
  void gcStallsWhileAMemberIsAwayAndCollectsOnceThePartitionHeals() throws Exception {
    String cluster = "gc-timeline-" + UUID.randomUUID();
    List<CrdtNode> nodes = new ArrayList<>();
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    try {
      for (String name : List.of("n0", "n1", "n2")) {
        nodes.add(CrdtNode.builder(cluster).replica(ReplicaId.of(name)).stack(JGroupsStack.inJvm()).start());
      }
      CrdtNode n0 = nodes.get(0);
      CrdtNode n1 = nodes.get(1);
      CrdtNode n2 = nodes.get(2);
      Clusters.awaitOneView(nodes);
      List<Replicated<LWWMap<String, String>>> settings = new ArrayList<>();
      for (CrdtNode node : nodes) {
        settings.add(node.register("settings", LWWMap.empty(), SETTINGS));
      }
      Replicated<LWWMap<String, String>> on0 = settings.get(0);
      Replicated<LWWMap<String, String>> on2 = settings.get(2);

      List<Timeline.Series> series = new ArrayList<>();
      String[] colours = {"#1f77b4", "#2ca02c", "#d62728"};
      for (int i = 0; i < nodes.size(); i++) {
        Replicated<LWWMap<String, String>> mine = settings.get(i);
        series.add(new Timeline.Series(nodes.get(i).replica().name(), colours[i], "tombstones held",
            () -> (long) mine.value().tombstones()));
      }
      series.add(new Timeline.Series("merged", "#7f7f7f", "n0: dots merged, and its stable cut",
          () -> on0.value().progress().sum()));
      series.add(new Timeline.Series("stable cut", "#9467bd", "n0: dots merged, and its stable cut",
          () -> on0.gcStatus().map(status -> status.stableCut().sum()).getOrElse(0L)));
      Timeline timeline = new Timeline(series);
      sampler.scheduleAtFixedRate(timeline::sample, 0, 50, TimeUnit.MILLISECONDS);

      for (String key : List.of("theme", "lang", "font", "size", "tz", "unit")) {
        on0.update((map, self) -> map.deltaPut(n0.clock(), key, "x"));
      }
      on0.update((map, self) -> map.deltaRemove(n0.clock(), "tz"));
      on0.update((map, self) -> map.deltaRemove(n0.clock(), "unit"));
      timeline.mark("n0 writes six keys and removes two: two tombstones");
      await().atMost(DEADLINE).untilAsserted(() -> assertThat(settings).allSatisfy(s -> {
        assertThat(s.value().value().size()).isEqualTo(4);
        assertThat(s.value().tombstones()).isZero();
      }));
      timeline.mark("every member has reported: stable everywhere, collected");
      awaitSamplesFor(timeline, 500);   // so that the chart shows the quiet before the split

      timeline.shadeFrom("partition: n0, n1 | n2");
      // tag::split[]
      PartitionInjector partitions = PartitionInjector.of(n0, n1, n2);
      partitions.split(List.of(n0, n1), List.of(n2));                  // n2 is cut off

      on0.update((map, self) -> map.deltaRemove(n0.clock(), "lang"));   // tombstones on n0's side
      on0.update((map, self) -> map.deltaRemove(n0.clock(), "font"));
      on2.update((map, self) -> map.deltaRemove(n2.clock(), "size"));   // and one on n2
      // end::split[]
      timeline.mark("split; n0 removes lang and font, n2 removes size");
      await().atMost(DEADLINE).until(() -> n0.members().size() == 2 && n2.members().size() == 1);

      // the stall: for three seconds the removes stay as tombstones on both sides, and n0's cut does not move
      await().atMost(DEADLINE).until(() -> settings.get(1).value().tombstones() == 2);
      long cutAtSplit = on0.gcStatus().get().stableCut().sum();
      await("tombstones kept while n2 is away").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
          .until(() -> on0.value().tombstones() == 2 && settings.get(1).value().tombstones() == 2
              && on2.value().tombstones() == 1 && on0.gcStatus().get().stableCut().sum() == cutAtSplit);
      // tag::status[]
      GcStatus stalled = on0.gcStatus().get();    // n2 is still a member: the cut waits for it
      // end::status[]
      VectorClock mergedAtStall = on0.value().progress();
      assertThat(stalled.stableCut().sum()).isLessThan(mergedAtStall.sum());
      assertThat(stalled.members()).contains(n2.replica());
      assertThat(stalled.waitingFor()).isEmpty();           // n2 had reported before: the cut is stuck at that report
      assertThat(stalled.lag().get(n2.replica()).get()).isPositive();

      // tag::heal[]
      partitions.heal();                          // a MergeView follows, then anti-entropy
      // end::heal[]
      timeline.mark("heal: the traffic between the sides flows again");
      await().atMost(DEADLINE).until(() -> nodes.stream().allMatch(n -> n.members().size() == 3));
      timeline.shadeTo();
      timeline.mark("MergeView: one view of three again");
      await().atMost(DEADLINE).untilAsserted(() -> assertThat(settings).allSatisfy(s -> {
        assertThat(s.value().value().keySet().toJavaSet()).containsExactlyInAnyOrder("theme");
        assertThat(s.value().tombstones()).isZero();
      }));
      timeline.mark("reports accepted again: all three tombstones collected everywhere");
      awaitSamplesFor(timeline, 600);
      sampler.shutdown();
      assertThat(sampler.awaitTermination(5, TimeUnit.SECONDS)).isTrue();

      // what the chart shows, asserted on the samples themselves
      assertThat(timeline.values("n2")).contains(1L);
      assertThat(timeline.values("n0")).contains(2L);
      for (String node : List.of("n0", "n1", "n2")) {
        List<Long> held = timeline.values(node);
        assertThat(held.get(held.size() - 1)).as("tombstones of %s at the end", node).isZero();
      }
      SnippetOutput.write("gc-timeline.svg", timeline.svg(
          "An LWWMap on three members: tombstones before, during and after a partition"));
      SnippetOutput.write("gc-timeline-events.adoc", timeline.eventList());
      SnippetOutput.write("gc-stalled.txt", String.join("\n",
          "stableCut   " + stalled.stableCut() + "    (n0 has merged " + mergedAtStall + ")",
          "members     " + stalled.members(),
          "waitingFor  " + stalled.waitingFor(),
          "lag         " + stalled.lag(),
          "tombstones  " + stalled.tombstones(),
          "reclaimed   " + stalled.reclaimed()));
    } finally {
      sampler.shutdownNow();
      nodes.forEach(CrdtNode::close);
    }
  }

  /** Until the sampler has recorded {@code millis} more. */
  private static void awaitSamplesFor(Timeline timeline, long millis) {
    long from = timeline.now();
    await().atMost(DEADLINE).until(() -> {
      List<Timeline.Sample> samples = timeline.samples();
      return !samples.isEmpty() && samples.get(samples.size() - 1).millis() > from + millis;
    });
  }
}
