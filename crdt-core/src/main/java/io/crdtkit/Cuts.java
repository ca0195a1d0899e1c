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

  /**
   * The entries of {@code floor} above {@code cut}'s: what a floor (a claim to have seen every dot up to it) still
   * says to a state that has seen every dot up to {@code cut} itself.
   */
  static VectorClock above(VectorClock floor, VectorClock cut) {
    if (floor.isEmpty() || cut.isEmpty()) {
      return floor;
    }
    VectorClock kept = floor;
    for (var entry : floor.entries()) {
      if (entry._2 <= cut.get(entry._1)) {
        kept = kept.without(entry._1);
      }
    }
    return kept;
  }

  /**
   * {@code cut} with {@code from}'s entry moved to {@code to}'s block, which starts after {@code offset} (see
   * retirement). SUBTLE: a cut is a prefix per replica, so the block extends {@code to}'s entry only if the cut
   * already covers everything of {@code to} before the block; otherwise {@code from}'s part is dropped, and the cut
   * claims less. (A stale state's cut may lag behind the heir's earlier blocks; covering them would claim stable the
   * dots of another retired replica that were not.)
   */
  static VectorClock rename(VectorClock cut, ReplicaId from, ReplicaId to, long offset) {
    long counter = cut.get(from);
    if (counter == 0) {
      return cut;
    }
    VectorClock without = cut.without(from);
    return cut.get(to) >= offset ? without.advance(to, Math.addExact(offset, counter)) : without;
  }
}
