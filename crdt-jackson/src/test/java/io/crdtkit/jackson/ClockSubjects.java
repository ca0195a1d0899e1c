package io.crdtkit.jackson;

import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.HlcTimestamp;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import tools.jackson.core.type.TypeReference;

/** The clocks the codec covers, built from random events; equal variants add the same events in other orders. */
final class ClockSubjects {

  private static final Arbitrary<ReplicaId> REPLICAS = Arbitraries.of(History.REPLICAS);

  private ClockSubjects() {}

  static List<Subject<?>> all() {
    return List.of(dot(), hlcTimestamp(), vectorClock(), causalContext());
  }

  static Subject<Dot> dot() {
    Arbitrary<Dot> dots = Combinators.combine(REPLICAS, Arbitraries.of(1L, 2L, 16L, 1_000L, Long.MAX_VALUE))
        .as(Dot::of);
    return new Subject<>("Dot", new TypeReference<>() {}, dots.map(List::of),
        dots.map(d -> List.of(d, Dot.of(d.replica(), d.counter()))), d -> Dot.of(d.replica(), d.counter()));
  }

  static Subject<HlcTimestamp> hlcTimestamp() {
    Arbitrary<HlcTimestamp> timestamps = Combinators.combine(
            Arbitraries.of(0L, 1_732_872_000_000L, Long.MAX_VALUE), Arbitraries.of(0, 1, Integer.MAX_VALUE), REPLICAS)
        .as(HlcTimestamp::of);
    return new Subject<>("HlcTimestamp", new TypeReference<>() {}, timestamps.map(List::of),
        timestamps.map(t -> List.of(t, HlcTimestamp.of(t.wallTime(), t.logical(), t.replica()))),
        t -> HlcTimestamp.of(t.wallTime(), t.logical(), t.replica()));
  }

  static Subject<VectorClock> vectorClock() {
    Arbitrary<List<Dot>> events = Combinators.combine(REPLICAS, Arbitraries.longs().between(1, 1L << 50))
        .as(Dot::of).list().ofMaxSize(6);
    return new Subject<>("VectorClock", new TypeReference<>() {}, events.map(e -> List.of(advanced(e))),
        events.map(e -> List.of(advanced(e), advanced(reversed(e)), merged(e))),
        c -> VectorClock.of(c.entries().toJavaMap()));
  }

  static Subject<CausalContext> causalContext() {
    Arbitrary<List<Dot>> dots = Combinators.combine(REPLICAS, Arbitraries.longs().between(1, 12))
        .as(Dot::of).list().ofMaxSize(20);
    return new Subject<>("CausalContext", new TypeReference<>() {},
        dots.map(d -> List.of(CausalContext.empty().addAll(d))),
        dots.map(d -> List.of(CausalContext.empty().addAll(d), CausalContext.empty().addAll(reversed(d)),
            CausalContext.empty().addAll(d.subList(0, d.size() / 2))
                .merge(CausalContext.empty().addAll(d.subList(d.size() / 2, d.size()))))),
        c -> CausalContext.of(c.vectorClock(), c.dotCloud()));
  }

  private static VectorClock advanced(List<Dot> events) {
    VectorClock clock = VectorClock.empty();
    for (Dot event : events) {
      clock = clock.advance(event.replica(), event.counter());
    }
    return clock;
  }

  private static VectorClock merged(List<Dot> events) {
    VectorClock clock = VectorClock.empty();
    for (Dot event : reversed(events)) {
      clock = VectorClock.empty().advance(event.replica(), event.counter()).merge(clock);
    }
    return clock;
  }

  private static <T> List<T> reversed(List<T> list) {
    List<T> copy = new ArrayList<>(list);
    Collections.reverse(copy);
    return copy;
  }
}
