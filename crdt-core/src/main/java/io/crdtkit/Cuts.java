package io.crdtkit;

import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;

/**
 * The garbage collector's two cuts as a state knows them (crdt-gc's GC.md §1): every dot at or below
 * {@code stable} has been merged by every replica; every replica knows every dot at or below {@code collapse} is
 * stable. Cuts are true everywhere once computed anywhere, so they travel with states and deltas and merge by
 * maximum.
 */
record Cuts(VectorClock stable, VectorClock collapse) {

  static final Cuts NONE = new Cuts(VectorClock.empty(), VectorClock.empty());

  Cuts merge(Cuts other) {
    if (other == this || other.equals(NONE)) {
      return this;
    }
    VectorClock mergedStable = stable.merge(other.stable);
    VectorClock mergedCollapse = collapse.merge(other.collapse);
    return mergedStable == stable && mergedCollapse == collapse ? this : new Cuts(mergedStable, mergedCollapse);
  }

  /**
   * These cuts as far as a state that has seen {@code compact} may claim them. A cut speaks for every dot below
   * it, as something its state has seen: a blank replica that merged a delta carrying the sender's cuts has not
   * seen what they cover, and must not speak for it (GC.md, refinements 6 and 8).
   */
  Cuts within(VectorClock compact) {
    if (equals(NONE)) {
      return this;
    }
    VectorClock cappedStable = stable.intersect(compact);
    VectorClock cappedCollapse = collapse.intersect(cappedStable);
    if (cappedStable == stable && cappedCollapse == collapse) {
      return this;
    }
    return cappedStable.isEmpty() && cappedCollapse.isEmpty() ? NONE : new Cuts(cappedStable, cappedCollapse);
  }

  /** The cuts with {@code from}'s entries moved to {@code to}'s block at {@code offset} (see retirement). */
  Cuts rename(ReplicaId from, ReplicaId to, long offset) {
    return equals(NONE) ? this : new Cuts(rename(stable, from, to, offset), rename(collapse, from, to, offset));
  }

  /** {@code cut} with {@code from}'s entry moved to {@code to}'s block at {@code offset}. */
  static VectorClock rename(VectorClock cut, ReplicaId from, ReplicaId to, long offset) {
    long counter = cut.get(from);
    return counter == 0 ? cut : cut.without(from).advance(to, Math.addExact(offset, counter));
  }
}
