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
    return !removes.isEmpty() && !adds.exists(dot -> !stableCut.contains(dot))
        && !removes.exists(dot -> !stableCut.contains(dot));
  }

  @Override
  public AddRemoveDots join(AddRemoveDots other, JoinSides sides) {
    DotSet joinedAdds = adds.join(other.adds, sides);
    DotSet joinedRemoves = removes.join(other.removes, sides);
    AddRemoveDots joined = joinedAdds == adds && joinedRemoves == removes
        ? this
        : joinedAdds.isEmpty() && joinedRemoves.isEmpty() ? EMPTY : new AddRemoveDots(joinedAdds, joinedRemoves);
    // SUBTLE: a side that speaks for this entry (holds something for it) has seen every dot of it at or below its
    // stable cut; those it does not hold it removed, or dropped as a stable tombstone. A delta carries its state's
    // cuts, so an add made after its replica dropped a tombstone still removes the tombstone where it survives.
    if (!other.isEmpty()) {
      joined = joined.without(this, other, sides.otherCuts().stable());
    }
    if (!isEmpty()) {
      joined = joined.without(other, this, sides.ownCuts().stable());
    }
    return joined.equals(this) ? this : joined;
  }

  /** This join without {@code side}'s dots at or below {@code cut} that {@code speaker} does not hold. */
  private AddRemoveDots without(AddRemoveDots side, AddRemoveDots speaker, VectorClock cut) {
    DotSet keptAdds = adds.filter(dot ->
        !(side.adds.contains(dot) && cut.contains(dot) && !speaker.adds.contains(dot)));
    DotSet keptRemoves = removes.filter(dot ->
        !(side.removes.contains(dot) && cut.contains(dot) && !speaker.removes.contains(dot)));
    if (keptAdds == adds && keptRemoves == removes) {
      return this;
    }
    return keptAdds.isEmpty() && keptRemoves.isEmpty() ? EMPTY : new AddRemoveDots(keptAdds, keptRemoves);
  }

  @Override
  public AddRemoveDots renameDots(ReplicaId from, ReplicaId to, long offset) {
    DotSet renamedAdds = adds.renameDots(from, to, offset);
    DotSet renamedRemoves = removes.renameDots(from, to, offset);
    return renamedAdds == adds && renamedRemoves == removes ? this : new AddRemoveDots(renamedAdds, renamedRemoves);
  }

  /** Empty once every replica has fully seen the removal: the tombstone goes, the element stays absent. */
  @Override
  public AddRemoveDots collapse(Cuts cuts) {
    return isStableRemoval(cuts.stable()) ? EMPTY : this;
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
