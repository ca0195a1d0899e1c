package io.crdtkit;

import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import io.vavr.Tuple2;
import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;
import java.util.Objects;

/**
 * A map from dot to the value written with it: the payload of a multi-value register, and of an OR-map key's
 * updates. A dot names one write, so the two sides of a join agree on its value; if they do not (two writes minted
 * with one dot: a replica id reused without its state, or forged input), the join keeps what {@link Conflicts}
 * says, the same on every replica.
 */
record DotFun<V>(SortedMap<Dot, V> entries) implements DotStore<DotFun<V>> {

  private static final DotFun<?> EMPTY = new DotFun<>(TreeMap.empty());

  @SuppressWarnings("unchecked")
  static <V> DotFun<V> empty() {
    return (DotFun<V>) EMPTY;
  }

  static <V> DotFun<V> of(Dot dot, V value) {
    return new DotFun<>(TreeMap.of(dot, value));
  }

  @Override
  public DotFun<V> join(DotFun<V> other, JoinSides sides) {
    if (other == this) {
      return this;
    }
    SortedMap<Dot, V> joined = entries;
    for (Tuple2<Dot, V> mine : entries) {
      if (!other.entries.containsKey(mine._1) && sides.other().contains(mine._1)) {
        joined = joined.remove(mine._1);
      }
    }
    for (Tuple2<Dot, V> theirs : other.entries) {
      V mine = entries.getOrElse(theirs._1, null);
      if (mine != null) {
        if (!Objects.equals(mine, theirs._2)) {
          joined = joined.put(theirs._1, Conflicts.resolve(mine, theirs._2));
        }
      } else if (!sides.own().contains(theirs._1)) {
        joined = joined.put(theirs);
      }
    }
    return joined == entries ? this : new DotFun<>(joined);
  }

  @Override
  public DotFun<V> renameDots(ReplicaId from, ReplicaId to, long offset) {
    if (entries.keySet().forAll(dot -> !dot.replica().equals(from))) {
      return this;
    }
    return new DotFun<>(entries.mapKeys(dot -> DotStore.renamed(dot, from, to, offset)));
  }

  /** Holds no collapsed presence: nothing to collapse. */
  @Override
  public DotFun<V> collapse(Cuts cuts) {
    return this;
  }

  @Override
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  @Override
  public Iterable<Dot> dots() {
    return entries.keySet();
  }

  @Override
  public String toString() {
    return entries.iterator().map(e -> e._1 + "=" + e._2).mkString("{", ", ", "}");
  }
}
