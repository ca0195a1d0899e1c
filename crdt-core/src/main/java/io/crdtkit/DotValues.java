package io.crdtkit;

import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The payload of one OR-map key: the deltas of the updates made to its value, each under the dot of its update,
 * and their join (the key's value), kept so that reads do not re-join.
 *
 * <p>Keeping each update's delta under its own dot is what lets a remove of the key take away exactly the updates
 * it observed: a concurrent update's dot survives, and with it only that update's delta. An update whose delta
 * includes an earlier delta (a counter's new total includes its old one) replaces that earlier dot, so a counter
 * holds one dot per replica, not one per increment.
 */
final class DotValues<V extends Crdt<V>> implements DotStore<DotValues<V>> {

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static final DotValues<?> EMPTY = new DotValues(DotFun.empty(), null);

  private final DotFun<V> deltas;
  private final @Nullable V value;

  private DotValues(DotFun<V> deltas, @Nullable V value) {
    this.deltas = deltas;
    this.value = value;
  }

  @SuppressWarnings("unchecked")
  static <V extends Crdt<V>> DotValues<V> empty() {
    return (DotValues<V>) EMPTY;
  }

  static <V extends Crdt<V>> DotValues<V> of(Dot dot, V delta) {
    return new DotValues<>(DotFun.of(dot, delta), delta);
  }

  /** The deltas of a key's live updates, each under its dot. */
  static <V extends Crdt<V>> DotValues<V> of(SortedMap<Dot, V> deltas) {
    return of(new DotFun<>(deltas));
  }

  /** The join of every update's delta; {@code null} if the key has none. */
  @Nullable V value() {
    return value;
  }

  /** Each live update's delta under its dot. */
  SortedMap<Dot, V> deltas() {
    return deltas.entries();
  }

  /** The dots of the updates whose deltas {@code delta} includes: an update carrying it makes them redundant. */
  Iterable<Dot> subsumedBy(V delta) {
    return deltas.entries().filter(entry -> entry._2.isLessOrEqual(delta)).keySet();
  }

  /** These deltas without the {@code subsumed} dots and with {@code delta} under {@code dot}. */
  DotValues<V> replace(Iterable<Dot> subsumed, Dot dot, V delta) {
    SortedMap<Dot, V> kept = deltas.entries().removeAll(subsumed).put(dot, delta);
    return of(new DotFun<>(kept));
  }

  @Override
  public DotValues<V> join(DotValues<V> other, JoinSides sides) {
    DotFun<V> joined = deltas.join(other.deltas, sides);
    return joined == deltas ? this : of(joined);
  }

  /** Renames the update dots, and the dots inside causal nested deltas (they share the map's dot namespace). */
  @Override
  @SuppressWarnings("unchecked")
  public DotValues<V> renameDots(ReplicaId from, ReplicaId to, long offset) {
    SortedMap<Dot, V> renamed = TreeMap.empty();
    for (var entry : deltas.entries()) {
      V delta = entry._2 instanceof CausalCrdt<?> nested ? (V) nested.renameReplica(from, to, offset) : entry._2;
      renamed = renamed.put(DotStore.renamed(entry._1, from, to, offset), delta);
    }
    return renamed.equals(deltas.entries()) ? this : of(renamed);
  }

  /** Holds no collapsed presence: nothing to collapse. */
  @Override
  public DotValues<V> collapse(Cuts cuts) {
    return this;
  }

  @Override
  public boolean isEmpty() {
    return deltas.isEmpty();
  }

  @Override
  public Iterable<Dot> dots() {
    return deltas.dots();
  }

  private static <V extends Crdt<V>> DotValues<V> of(DotFun<V> deltas) {
    if (deltas.isEmpty()) {
      return empty();
    }
    V joined = null;
    for (V delta : deltas.entries().values()) {
      joined = joined == null ? delta : joined.merge(delta);
    }
    return new DotValues<>(deltas, joined);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DotValues<?> other && deltas.equals(other.deltas);
  }

  @Override
  public int hashCode() {
    return deltas.hashCode();
  }

  @Override
  public String toString() {
    return value + " " + deltas;
  }
}
