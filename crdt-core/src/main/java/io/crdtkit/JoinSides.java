package io.crdtkit;

import io.crdtkit.clock.CausalContext;

/**
 * What a dot-store join needs to know about the two sides besides their stores: what each side has seen, and the
 * garbage collector's cuts each side knows (only stores that collapse stable dots use the cuts), and whether the
 * joined state is a delta ({@code partial}: both sides are).
 */
record JoinSides(CausalContext own, CausalContext other, Cuts ownCuts, Cuts otherCuts, Cuts joinedCuts,
    boolean partial) {

  /**
   * The sides of a join, and the cuts the joined state will know: both sides'; for a whole state (not a join of
   * deltas), only within what it will have seen.
   */
  static JoinSides of(CausalContext own, CausalContext other, Cuts ownCuts, Cuts otherCuts, boolean partial) {
    Cuts merged = ownCuts.merge(otherCuts);
    return new JoinSides(own, other, ownCuts, otherCuts,
        partial ? merged : merged.within(own.merge(other).vectorClock()), partial);
  }

  /** The same sides seen from the other one. */
  JoinSides reversed() {
    return new JoinSides(other, own, otherCuts, ownCuts, joinedCuts, partial);
  }
}
