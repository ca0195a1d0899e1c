package io.crdtkit;

import io.crdtkit.clock.CausalContext;

/**
 * What a dot-store join needs to know about the two sides besides their stores: what each side has seen, and the
 * garbage collector's cuts each side knows (only stores that collapse stable dots use the cuts).
 */
record JoinSides(CausalContext own, CausalContext other, Cuts ownCuts, Cuts otherCuts) {

  /** The same sides seen from the other one. */
  JoinSides reversed() {
    return new JoinSides(other, own, otherCuts, ownCuts);
  }

  /** The cuts the joined state will know. */
  Cuts joinedCuts() {
    return ownCuts.merge(otherCuts);
  }
}
