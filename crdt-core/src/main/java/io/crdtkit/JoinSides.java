package io.crdtkit;

import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.VectorClock;

/**
 * What a dot-store join needs to know about the two sides besides their stores: what each side has seen, what the
 * joined state will have seen without gaps ({@code joinedClock}: an entry's floor below it says nothing more), the
 * garbage collector's cuts each side knows (only stores that collapse stable dots use the cuts), and whether the
 * joined state is a delta ({@code partial}: both sides are).
 */
record JoinSides(CausalContext own, CausalContext other, VectorClock joinedClock, Cuts ownCuts, Cuts otherCuts,
    Cuts joinedCuts, boolean partial) {

  /**
   * The sides of a join, and the cuts the joined state will know: both sides', within what it will have seen
   * ({@code joined}). Only whole states carry cuts, and a cut is true of any state that includes the state that
   * carries it (GC.md, rule 5).
   */
  static JoinSides of(CausalContext own, CausalContext other, CausalContext joined, Cuts ownCuts, Cuts otherCuts,
      boolean partial) {
    VectorClock joinedClock = joined.vectorClock();
    return new JoinSides(own, other, joinedClock, ownCuts, otherCuts, ownCuts.merge(otherCuts).within(joinedClock),
        partial);
  }

  /** The same sides seen from the other one. */
  JoinSides reversed() {
    return new JoinSides(other, own, joinedClock, otherCuts, ownCuts, joinedCuts, partial);
  }
}
