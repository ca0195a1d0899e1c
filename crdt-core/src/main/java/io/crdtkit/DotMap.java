package io.crdtkit;

import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import io.vavr.Tuple2;
import io.vavr.collection.HashMap;
import io.vavr.collection.Iterator;
import io.vavr.collection.Map;

/**
 * A map from key to a nested dot store, joined key by key; a key whose store becomes empty disappears. This is
 * the payload of the add-wins and remove-wins sets (one small store per element) and of the OR-map.
 *
 * @param entries    never holds an empty store
 * @param emptyStore the store a side that lacks a key is taken to hold for it
 */
record DotMap<K, S extends DotStore<S>>(Map<K, S> entries, S emptyStore) implements DotStore<DotMap<K, S>> {

  static <K, S extends DotStore<S>> DotMap<K, S> empty(S emptyStore) {
    return new DotMap<>(HashMap.empty(), emptyStore);
  }

  S get(K key) {
    return entries.getOrElse(key, emptyStore);
  }

  /** This map with {@code key} holding {@code store}; an empty store removes the key. */
  DotMap<K, S> with(K key, S store) {
    Map<K, S> updated = store.isEmpty() ? entries.remove(key) : entries.put(key, store);
    return updated == entries ? this : new DotMap<>(updated, emptyStore);
  }

  @Override
  public DotMap<K, S> join(DotMap<K, S> other, JoinSides sides) {
    if (other == this || other.entries == entries) {
      return this;
    }
    Map<K, S> joined = entries;
    // Stores are kept collapsed at their state's cuts, so equal stores join to themselves unless the cuts grow.
    boolean cutsKept = sides.joinedCuts().equals(sides.ownCuts());
    for (Tuple2<K, S> theirs : other.entries) {
      S mine = get(theirs._1);
      if (cutsKept && mine.equals(theirs._2)) {
        continue;
      }
      S store = mine.join(theirs._2, sides);
      if (store != mine) {
        joined = store.isEmpty() ? joined.remove(theirs._1) : joined.put(theirs._1, store);
      }
    }
    // SUBTLE: keys the other side lacks still change when it saw (and so removed) some of their dots.
    if (!mayChangeKeysItLacks(other, sides, cutsKept)) {
      return joined == entries ? this : new DotMap<>(joined, emptyStore);
    }
    for (Tuple2<K, S> mine : entries) {
      if (!other.entries.containsKey(mine._1)) {
        S store = mine._2.join(emptyStore, sides);
        if (store != mine._2) {
          joined = store.isEmpty() ? joined.remove(mine._1) : joined.put(mine._1, store);
        }
      }
    }
    return joined == entries ? this : new DotMap<>(joined, emptyStore);
  }

  /**
   * Whether joining with {@code other} can change a key that {@code other} lacks: if the join collapses or drops a
   * collapsed presence (the cuts grow, {@code cutsKept} false, or the other side has seen this side's whole
   * collapse cut), or if the other side has seen one of the key's dots (see {@link SeenDots}). For a delta this is
   * false, and the join costs what the delta holds rather than what this map holds.
   */
  private boolean mayChangeKeysItLacks(DotMap<K, S> other, JoinSides sides, boolean cutsKept) {
    if (!cutsKept) {
      return true;
    }
    VectorClock ownCollapse = sides.ownCuts().collapse();
    if (!ownCollapse.isEmpty() && ownCollapse.isLessOrEqual(sides.other().vectorClock())) {
      return true;
    }
    return !SeenDots.reachOnlyTheirKeys(sides.other(), sides.own(), () -> other.entries.keySet().iterator()
        .flatMap(key -> Iterator.concat(other.get(key).heldDots(), get(key).heldDots())));
  }

  @Override
  public DotMap<K, S> renameDots(ReplicaId from, ReplicaId to, long offset) {
    Map<K, S> renamed = entries.mapValues(store -> store.renameDots(from, to, offset));
    return renamed.equals(entries) ? this : new DotMap<>(renamed, emptyStore);
  }

  @Override
  public DotMap<K, S> collapse(Cuts cuts) {
    Map<K, S> collapsed = entries;
    for (Tuple2<K, S> entry : entries) {
      S store = entry._2.collapse(cuts);
      if (store != entry._2) {
        collapsed = store.isEmpty() ? collapsed.remove(entry._1) : collapsed.put(entry._1, store);
      }
    }
    return collapsed == entries ? this : new DotMap<>(collapsed, emptyStore);
  }

  @Override
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  @Override
  public Iterable<Dot> dots() {
    return Iterator.ofAll(entries.values()).flatMap(DotStore::dots);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DotMap<?, ?> other && entries.equals(other.entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  @Override
  public String toString() {
    return entries.iterator().map(e -> e._1 + "=" + e._2).mkString("{", ", ", "}");
  }
}
