package io.crdtkit;

import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import io.vavr.collection.Iterator;

/**
 * Two sets of dots, for the remove-wins types: {@code adds} made the thing present, {@code removes} are remove
 * tokens that override every add they are concurrent with. Present means: at least one add, no remove.
 *
 * <p>Each new add or remove replaces both sets with its own single dot: it observed all of them, and those it
 * observed no longer matter. What stays are the tokens that were concurrent with each other.
 */
record AddRemoveDots(DotSet adds, DotSet removes) implements DotStore<AddRemoveDots> {

  static final AddRemoveDots EMPTY = new AddRemoveDots(DotSet.EMPTY, DotSet.EMPTY);

  static AddRemoveDots added(Dot dot) {
    return new AddRemoveDots(DotSet.of(dot), DotSet.EMPTY);
  }

  static AddRemoveDots removed(Dot dot) {
    return new AddRemoveDots(DotSet.EMPTY, DotSet.of(dot));
  }

  boolean isPresent() {
    return !adds.isEmpty() && removes.isEmpty();
  }

  /**
   * Whether this is a removal every replica has fully seen: a remove token, and every dot (adds and removes) at or
   * below {@code stableCut}. Dropping it changes no value, and the context still recognises any stale copy.
   */
  boolean isStableRemoval(VectorClock stableCut) {
    return !removes.isEmpty() && adds.dots().forAll(stableCut::contains) && removes.dots().forAll(stableCut::contains);
  }

  @Override
  public AddRemoveDots join(AddRemoveDots other, JoinSides sides) {
    DotSet joinedAdds = adds.join(other.adds, sides);
    DotSet joinedRemoves = removes.join(other.removes, sides);
    if (joinedAdds == adds && joinedRemoves == removes) {
      return this;
    }
    return joinedAdds.isEmpty() && joinedRemoves.isEmpty() ? EMPTY : new AddRemoveDots(joinedAdds, joinedRemoves);
  }

  @Override
  public AddRemoveDots renameDots(ReplicaId from, ReplicaId to, long offset) {
    DotSet renamedAdds = adds.renameDots(from, to, offset);
    DotSet renamedRemoves = removes.renameDots(from, to, offset);
    return renamedAdds == adds && renamedRemoves == removes ? this : new AddRemoveDots(renamedAdds, renamedRemoves);
  }

  /** Holds no collapsed presence: nothing to collapse. */
  @Override
  public AddRemoveDots collapse(Cuts cuts) {
    return this;
  }

  @Override
  public boolean isEmpty() {
    return adds.isEmpty() && removes.isEmpty();
  }

  @Override
  public Iterable<Dot> dots() {
    return Iterator.concat(adds.dots(), removes.dots());
  }

  @Override
  public String toString() {
    return "adds" + adds + " removes" + removes;
  }
}
