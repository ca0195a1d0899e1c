package io.crdtkit.laws.selftest;

import io.crdtkit.Crdt;
import io.crdtkit.GCounter;
import io.crdtkit.GSet;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.laws.CrdtDescription;
import io.vavr.collection.HashMap;
import io.vavr.collection.Map;
import net.jqwik.api.Arbitraries;
import org.jspecify.annotations.Nullable;

/**
 * Deliberately broken CRDTs, each with one classic mistake, for testing that the law kit catches them. A kit
 * that passes everything proves nothing.
 */
final class BrokenCrdts {

  private BrokenCrdts() {}

  /** A register whose merge keeps its own value when both are set: the first writer "wins" differently everywhere. */
  record FirstWinsRegister(@Nullable String value) implements Crdt<FirstWinsRegister> {
    @Override
    public FirstWinsRegister merge(FirstWinsRegister other) {
      return value != null ? this : other;
    }

    static CrdtDescription<FirstWinsRegister> description() {
      return CrdtDescription.of("FirstWinsRegister", new FirstWinsRegister(null))
          .operation("write", Arbitraries.of("x", "y"),
              (s, r, v) -> new FirstWinsRegister(v), (s, r, v) -> new FirstWinsRegister(v));
    }
  }

  /** A counter that adds the other side's counts on merge: receiving the same state twice counts it twice. */
  record SummingCounter(Map<ReplicaId, Long> counts) implements Crdt<SummingCounter> {
    @Override
    public SummingCounter merge(SummingCounter other) {
      return new SummingCounter(counts.merge(other.counts, Long::sum));
    }

    SummingCounter increment(ReplicaId replica) {
      return new SummingCounter(counts.put(replica, counts.getOrElse(replica, 0L) + 1));
    }

    static CrdtDescription<SummingCounter> description() {
      return CrdtDescription.of("SummingCounter", new SummingCounter(HashMap.empty()))
          .operation("increment", (s, r) -> s.increment(r), (s, r) -> new SummingCounter(HashMap.of(r, 1L)));
    }
  }

  /** A grow-only set whose delta forgets the element "z": the delta loses information. */
  static CrdtDescription<GSet<String>> lossyDeltaSet() {
    return CrdtDescription.of("LossyDeltaSet", GSet.<String>empty())
        .operation("add", Arbitraries.of("x", "y", "z"),
            (s, r, e) -> s.add(e), (s, r, e) -> e.equals("z") ? GSet.empty() : s.deltaAdd(e));
  }

  /** A register merged by integer midpoint: commutative and idempotent, but not associative. */
  record MidpointRegister(int value) implements Crdt<MidpointRegister> {
    @Override
    public MidpointRegister merge(MidpointRegister other) {
      return value == other.value ? this : new MidpointRegister(Math.floorDiv(value + other.value, 2));
    }

    static CrdtDescription<MidpointRegister> description() {
      return CrdtDescription.of("MidpointRegister", new MidpointRegister(0))
          .operation("write", Arbitraries.integers().between(0, 9),
              (s, r, n) -> new MidpointRegister(n), (s, r, n) -> new MidpointRegister(n));
    }
  }

  /** A grow-only counter whose order says "less or equal" to everything. */
  record LyingOrderCounter(GCounter counter) implements Crdt<LyingOrderCounter> {
    @Override
    public LyingOrderCounter merge(LyingOrderCounter other) {
      GCounter merged = counter.merge(other.counter);
      return merged == counter ? this : new LyingOrderCounter(merged);
    }

    @Override
    public boolean isLessOrEqual(LyingOrderCounter other) {
      return true;
    }

    static CrdtDescription<LyingOrderCounter> description() {
      return CrdtDescription.of("LyingOrderCounter", new LyingOrderCounter(GCounter.empty()))
          .operation("increment",
              (s, r) -> new LyingOrderCounter(s.counter.increment(r)),
              (s, r) -> new LyingOrderCounter(s.counter.deltaIncrement(r, 1)));
    }
  }

  /** A grow-only set with a "reset" that empties it locally: an update that goes down the lattice. */
  static CrdtDescription<GSet<String>> resettableSet() {
    return CrdtDescription.of("ResettableSet", GSet.<String>empty())
        .operation("add", Arbitraries.of("x", "y"), (s, r, e) -> s.add(e), (s, r, e) -> s.deltaAdd(e))
        .operation("reset", (s, r) -> GSet.empty(), (s, r) -> GSet.empty());
  }

  /**
   * A counter whose deltas are increments ("+1") rather than states: merging a delta adds it. Each delta merged
   * once is right; delivered twice, or in a group with itself, it counts twice.
   */
  record AdditiveDeltaCounter(GCounter total, boolean isIncrement) implements Crdt<AdditiveDeltaCounter> {
    @Override
    public AdditiveDeltaCounter merge(AdditiveDeltaCounter other) {
      if (other.isIncrement) {
        GCounter sum = total;
        for (var entry : other.total.entries()) {
          sum = sum.increment(entry._1, entry._2);
        }
        return new AdditiveDeltaCounter(sum, isIncrement);
      }
      return new AdditiveDeltaCounter(total.merge(other.total), isIncrement && other.isIncrement);
    }

    static CrdtDescription<AdditiveDeltaCounter> description() {
      return CrdtDescription.of("AdditiveDeltaCounter", new AdditiveDeltaCounter(GCounter.empty(), false))
          .operation("increment",
              (s, r) -> new AdditiveDeltaCounter(s.total.increment(r), false),
              (s, r) -> new AdditiveDeltaCounter(GCounter.empty().increment(r), true));
    }
  }

  /**
   * A grow-only set whose delta, like crdt-core's, remembers the state it was made from and the full mutator's
   * result, and whose merge answers from that when the delta comes back to its origin; but the delta itself forgets
   * the element "z". {@code x.merge(delta(x))} is then right, and only {@code delta(x).merge(x)}, a real join,
   * shows what a receiver elsewhere would lose.
   */
  record RememberingLossySet(GSet<String> elements, RememberingLossySet origin, RememberingLossySet result)
      implements Crdt<RememberingLossySet> {
    @Override
    public RememberingLossySet merge(RememberingLossySet other) {
      return other.origin == this ? other.result : new RememberingLossySet(elements.merge(other.elements), null, null);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof RememberingLossySet other && elements.equals(other.elements);
    }

    @Override
    public int hashCode() {
      return elements.hashCode();
    }

    @Override
    public String toString() {
      return "RememberingLossySet" + elements.value();
    }

    static CrdtDescription<RememberingLossySet> description() {
      return CrdtDescription.of("RememberingLossySet", new RememberingLossySet(GSet.empty(), null, null))
          .operation("add", Arbitraries.of("x", "y", "z"),
              (s, r, e) -> new RememberingLossySet(s.elements.add(e), null, null),
              (s, r, e) -> new RememberingLossySet(e.equals("z") ? GSet.empty() : GSet.of(e), s,
                  new RememberingLossySet(s.elements.add(e), null, null)));
    }
  }
}
