package io.crdtkit;

import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeSet;

/**
 * A set of dots: the payload of an enable-wins flag, and of each element of an add-wins set.
 *
 * <p>Sorted, so that iteration and {@code toString} are deterministic; it usually holds one dot per replica
 * that concurrently added the same element, so its size stays tiny.
 */
record DotSet(SortedSet<Dot> dots) implements DotStore<DotSet> {

  static final DotSet EMPTY = new DotSet(TreeSet.empty());

  static DotSet of(Dot dot) {
    return new DotSet(TreeSet.of(dot));
  }

  boolean contains(Dot dot) {
    return dots.contains(dot);
  }

  @Override
  public DotSet join(DotSet other, JoinSides sides) {
    if (other == this || other.dots.equals(dots)) {
      return this;
    }
    SortedSet<Dot> kept = dots.filter(dot -> other.dots.contains(dot) || !sides.other().contains(dot));
    SortedSet<Dot> arrived = other.dots.filter(dot -> !dots.contains(dot) && !sides.own().contains(dot));
    if (kept.size() == dots.size() && arrived.isEmpty()) {
      return this;
    }
    return kept.isEmpty() && arrived.isEmpty() ? EMPTY : new DotSet(kept.union(arrived));
  }

  @Override
  public DotSet renameDots(ReplicaId from, ReplicaId to, long offset) {
    if (dots.forAll(dot -> !dot.replica().equals(from))) {
      return this;
    }
    return new DotSet(dots.map(dot -> DotStore.renamed(dot, from, to, offset)));
  }

  /** Holds no collapsed presence: nothing to collapse. */
  @Override
  public DotSet collapse(Cuts cuts) {
    return this;
  }

  @Override
  public boolean isEmpty() {
    return dots.isEmpty();
  }

  @Override
  public String toString() {
    return dots.mkString("[", ", ", "]");
  }
}
