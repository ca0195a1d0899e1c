package io.crdtkit;

import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import io.vavr.collection.Iterator;
import java.util.function.Predicate;

/**
 * Two sets of dots, for the remove-wins types: {@code adds} made the thing present, {@code removes} are remove
 * tokens that override every add they are concurrent with. Present means: at least one add, no remove.
 *
 * <p>Each new add or remove replaces both sets with its own single dot: it observed all of them, and those it
 * observed no longer matter. What stays are the tokens that were concurrent with each other.
 *
 * <p>The {@code floor} is what an update made as a delta observed beyond the dots it lists (crdt-gc's GC.md,
 * refinement 6): its author had seen every dot of this entry at or below the floor, so those the entry does not
 * hold were removed there, even if its author has since dropped them as stable tombstones and cannot list them.
 * Whole states need none (their context says what they have seen); a join keeps the part of a floor beyond what
 * the joined state has seen without gaps, and collection drops what its stable cut covers.
 */
record AddRemoveDots(DotSet adds, DotSet removes, VectorClock floor) implements DotStore<AddRemoveDots> {

  static final AddRemoveDots EMPTY = new AddRemoveDots(DotSet.EMPTY, DotSet.EMPTY, VectorClock.empty());

  AddRemoveDots(DotSet adds, DotSet removes) {
    this(adds, removes, VectorClock.empty());
  }

  static AddRemoveDots added(Dot dot) {
    return new AddRemoveDots(DotSet.of(dot), DotSet.EMPTY);
  }

  static AddRemoveDots removed(Dot dot) {
    return new AddRemoveDots(DotSet.EMPTY, DotSet.of(dot));
  }

  /** This entry, as the delta of an update whose author had seen every dot of it at or below {@code seen}. */
  AddRemoveDots observing(VectorClock seen) {
    return seen.isEmpty() ? this : new AddRemoveDots(adds, removes, seen);
  }

  boolean isPresent() {
    return !adds.isEmpty() && removes.isEmpty();
  }

  /**
   * Whether this is a removal every replica has fully seen: a remove token, and every dot (adds and removes) at or
   * below {@code stableCut}. Dropping it changes no value, and the context still recognises any stale copy.
   */
  boolean isStableRemoval(VectorClock stableCut) {
    return !removes.isEmpty() && !adds.exists(dot -> !stableCut.contains(dot))
        && !removes.exists(dot -> !stableCut.contains(dot));
  }

  /**
   * A dot survives if both sides hold it, or one holds it and the other has not seen it, in its context or below
   * its floor (GC.md, refinement 6).
   */
  @Override
  public AddRemoveDots join(AddRemoveDots other, JoinSides sides) {
    if (other == this) {
      return this;
    }
    Predicate<Dot> seenHere = dot -> sides.own().contains(dot) || floor.contains(dot);
    Predicate<Dot> seenThere = dot -> sides.other().contains(dot) || other.floor.contains(dot);
    DotSet joinedAdds = adds.join(other.adds, seenHere, seenThere);
    DotSet joinedRemoves = removes.join(other.removes, seenHere, seenThere);
    VectorClock joinedFloor = Cuts.above(floor.merge(other.floor), sides.joinedClock());
    if (joinedAdds == adds && joinedRemoves == removes && joinedFloor.equals(floor)) {
      return this;
    }
    return joinedAdds.isEmpty() && joinedRemoves.isEmpty() && joinedFloor.isEmpty()
        ? EMPTY
        : new AddRemoveDots(joinedAdds, joinedRemoves, joinedFloor);
  }

  @Override
  public AddRemoveDots renameDots(ReplicaId from, ReplicaId to, long offset) {
    DotSet renamedAdds = adds.renameDots(from, to, offset);
    DotSet renamedRemoves = removes.renameDots(from, to, offset);
    VectorClock renamedFloor = Cuts.rename(floor, from, to, offset);
    return renamedAdds == adds && renamedRemoves == removes && renamedFloor.equals(floor)
        ? this
        : new AddRemoveDots(renamedAdds, renamedRemoves, renamedFloor);
  }

  /**
   * Empty once every replica has fully seen the removal: the tombstone goes, the element stays absent. The part of
   * the floor at or below the stable cut goes too: this state has seen those dots, so its context speaks for them.
   */
  @Override
  public AddRemoveDots collapse(Cuts cuts) {
    if (isStableRemoval(cuts.stable())) {
      return EMPTY;
    }
    VectorClock keptFloor = Cuts.above(floor, cuts.stable());
    if (keptFloor.equals(floor)) {
      return this;
    }
    return adds.isEmpty() && removes.isEmpty() && keptFloor.isEmpty() ? EMPTY
        : new AddRemoveDots(adds, removes, keptFloor);
  }

  @Override
  public boolean isEmpty() {
    return adds.isEmpty() && removes.isEmpty() && floor.isEmpty();
  }

  @Override
  public Iterable<Dot> dots() {
    return Iterator.concat(adds.dots(), removes.dots());
  }

  @Override
  public String toString() {
    return "adds" + adds + " removes" + removes + (floor.isEmpty() ? "" : " seen up to " + floor);
  }
}
