package io.crdtkit.gc;

import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever the order of events, the cuts only grow and never pass what any accepted member has merged. */
class StabilityTrackerProperties {

  private static final List<ReplicaId> REPLICAS = List.of(ReplicaId.of("a"), ReplicaId.of("b"), ReplicaId.of("c"));

  sealed interface Event {}

  record Progress(long a, long b, long c) implements Event {}

  record Report(int from, long a, long b, long c, boolean withStableCut) implements Event {}

  record Learn(int member) implements Event {}

  @Provide
  Arbitrary<List<Event>> events() {
    Arbitrary<Long> counter = Arbitraries.longs().between(0, 6);
    Arbitrary<Event> progress = Combinators.combine(counter, counter, counter).as(Progress::new);
    Arbitrary<Event> report = Combinators.combine(Arbitraries.integers().between(1, 2), counter, counter, counter,
        Arbitraries.of(true, false)).as(Report::new);
    Arbitrary<Event> learn = Arbitraries.integers().between(1, 2).map(Learn::new);
    return Arbitraries.oneOf(progress, report, learn).list().ofMaxSize(30);
  }

  @Property
  void cutsOnlyGrowAndStayWithinEveryAcceptedProgress(@ForAll("events") List<Event> events) {
    StabilityTracker tracker = StabilityTracker.create(REPLICAS.get(0));
    for (Event event : events) {
      StabilityTracker next = apply(tracker, event);
      assertThat(tracker.stableCut().isLessOrEqual(next.stableCut())).as("stable cut grows").isTrue();
      assertThat(tracker.collapseCut().isLessOrEqual(next.collapseCut())).as("collapse cut grows").isTrue();
      assertThat(next.collapseCut().isLessOrEqual(next.stableCut())).as("collapse <= stable").isTrue();
      assertThat(next.stableCut().isLessOrEqual(next.progress())).as("stable <= own progress").isTrue();
      tracker = next;
    }
  }

  private static StabilityTracker apply(StabilityTracker tracker, Event event) {
    if (event instanceof Progress p) {
      return tracker.progress(clock(p.a(), p.b(), p.c()));
    }
    if (event instanceof Report r) {
      ReplicaId from = REPLICAS.get(r.from());
      VectorClock progress = clock(r.a(), r.b(), r.c());
      // a well-behaved replica reports a stable cut within its own progress (its own cut is a past minimum)
      VectorClock cut = r.withStableCut() ? progress.intersect(tracker.stableCut()) : VectorClock.empty();
      return tracker.receive(new StabilityReport(from, progress, cut));
    }
    return tracker.learn(REPLICAS.get(((Learn) event).member()));
  }

  private static VectorClock clock(long a, long b, long c) {
    return VectorClock.of(Map.of(REPLICAS.get(0), a, REPLICAS.get(1), b, REPLICAS.get(2), c));
  }
}
