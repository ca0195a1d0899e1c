package io.crdtkit;

import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeSet;
import java.util.Objects;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A set of dots: the payload of an enable-wins flag, and of each element of an add-wins set.
 *
 * <p>Sorted, so that iteration and {@code toString} are deterministic. It usually holds exactly one dot (the
 * element's last add), so that case is kept as the dot alone: an add then costs no sorted set, and neither does
 * each element of a large set on the heap. {@link #dots()} builds the sorted view on demand.
 */
final class DotSet implements DotStore<DotSet> {

  static final DotSet EMPTY = new DotSet(TreeSet.empty());

  // Exactly one of the two is set: the one dot, or the sorted set of any other number of dots.
  private final @Nullable Dot single;
  private final @Nullable SortedSet<Dot> many;

  DotSet(SortedSet<Dot> dots) {
    Objects.requireNonNull(dots, "dots");
    this.single = dots.size() == 1 ? dots.head() : null;
    this.many = dots.size() == 1 ? null : dots;
  }

  private DotSet(Dot single) {
    this.single = Objects.requireNonNull(single, "dot");
    this.many = null;
  }

  static DotSet of(Dot dot) {
    return new DotSet(dot);
  }

  /** The dots, sorted (built on each call for a single dot: callers on hot paths use the methods below). */
  @Override
  public SortedSet<Dot> dots() {
    return many != null ? many : TreeSet.of(single);
  }

  /** The one dot, if this holds exactly one; else null. */
  @Nullable Dot only() {
    return single;
  }

  boolean contains(Dot dot) {
    return many != null ? many.contains(dot) : single.equals(dot);
  }

  int size() {
    return many != null ? many.size() : 1;
  }

  /** Whether some dot passes {@code test} (no set is built for one dot). */
  boolean exists(Predicate<Dot> test) {
    return many != null ? many.exists(test) : test.test(single);
  }

  /** The dots that pass {@code test}; {@code this} if all do (no set is built for one dot). */
  DotSet filter(Predicate<Dot> test) {
    if (many == null) {
      return test.test(single) ? this : EMPTY;
    }
    SortedSet<Dot> kept = many.filter(test);
    return kept.size() == many.size() ? this : new DotSet(kept);
  }

  /** The dots of both; {@code this} if {@code other} adds none. */
  DotSet union(DotSet other) {
    if (other.isEmpty() || other.equals(this)) {
      return this;
    }
    return isEmpty() ? other : new DotSet(dots().union(other.dots()));
  }

  @Override
  public DotSet join(DotSet other, JoinSides sides) {
    return join(other, sides.own()::contains, sides.other()::contains);
  }

  /**
   * The join, given what each side has seen: a dot survives if both hold it, or one holds it and the other has not
   * seen it (DotStore's rule).
   */
  DotSet join(DotSet other, Predicate<Dot> seenHere, Predicate<Dot> seenThere) {
    if (other == this || other.equals(this)) {
      return this;
    }
    DotSet kept = filter(dot -> other.contains(dot) || !seenThere.test(dot));
    DotSet arrived = other.filter(dot -> !contains(dot) && !seenHere.test(dot));
    return kept.union(arrived);
  }

  @Override
  public DotSet renameDots(ReplicaId from, ReplicaId to, long offset) {
    if (dots().forAll(dot -> !dot.replica().equals(from))) {
      return this;
    }
    return new DotSet(dots().map(dot -> DotStore.renamed(dot, from, to, offset)));
  }

  /** Holds no collapsed presence: nothing to collapse. */
  @Override
  public DotSet collapse(Cuts cuts) {
    return this;
  }

  @Override
  public boolean isEmpty() {
    return many != null && many.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof DotSet other)) {
      return false;
    }
    if (single != null || other.single != null) {
      return Objects.equals(single, other.single);
    }
    return many.equals(other.many);
  }

  /** The sum of the dots' hashes, the same whichever form holds them. */
  @Override
  public int hashCode() {
    if (single != null) {
      return single.hashCode();
    }
    int hash = 0;
    for (Dot dot : many) {
      hash += dot.hashCode();
    }
    return hash;
  }

  @Override
  public String toString() {
    return dots().mkString("[", ", ", "]");
  }
}
