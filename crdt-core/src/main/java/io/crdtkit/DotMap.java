package io.crdtkit;

import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import io.vavr.collection.HashMap;
import io.vavr.collection.HashSet;
import io.vavr.collection.Iterator;
import io.vavr.collection.Map;
import io.vavr.collection.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A map from key to a nested dot store, joined key by key; a key whose store becomes empty disappears. This is
 * the payload of the add-wins and remove-wins sets (one small store per element) and of the OR-map.
 *
 * <p>The entries are a {@link HashTrie}, joined in lockstep: a full-state merge of two replicas skips what they
 * share and costs what they differ by, and a delta's merge visits only the delta's keys when no other key can
 * change (see {@link #mayChangeKeysItLacks}).
 *
 * <p>Equal maps hold equal entries. The names a remove's delta carries are a hint beside the value, not part of it,
 * which is why this is a class and not a record (a record promises equality over all its parts).
 */
final class DotMap<K, S extends DotStore<S>> implements DotStore<DotMap<K, S>> {

  // Never holds an empty store.
  private final HashTrie<K, S> entries;
  // The store a side that lacks a key is taken to hold for it.
  private final S emptyStore;
  // Keys a remove's delta names without holding them (empty in whole states): where the dots it has seen were held.
  // Only a hint for the exact test of SeenDots, never trusted; not part of equality.
  private final Set<K> named;

  private DotMap(HashTrie<K, S> entries, S emptyStore, Set<K> named) {
    this.entries = entries;
    this.emptyStore = emptyStore;
    this.named = named;
  }

  static <K, S extends DotStore<S>> DotMap<K, S> empty(S emptyStore) {
    return new DotMap<>(HashTrie.empty(), emptyStore, HashSet.empty());
  }

  /** The keys a remove's delta names (see the class comment); empty in whole states. */
  Set<K> named() {
    return named;
  }

  /** This delta, naming {@code key} as one whose dots it has seen (a removed key). */
  DotMap<K, S> withName(K key) {
    return new DotMap<>(entries, emptyStore, named.add(key));
  }

  S get(K key) {
    return entries.getOrElse(key, emptyStore);
  }

  boolean containsKey(K key) {
    return entries.containsKey(key);
  }

  int size() {
    return entries.size();
  }

  /** The keys whose store passes {@code test}, as a Vavr set (for the types' public views). */
  Set<K> keysWhere(Predicate<? super S> test) {
    return HashSet.ofAll(entries.iterator().filter(entry -> test.test(entry._2)).map(entry -> entry._1));
  }

  /** The keys whose store passes {@code test}, each with {@code view} of its store, as a Vavr map. */
  <T> Map<K, T> viewsWhere(Predicate<? super S> test, Function<? super S, ? extends T> view) {
    return HashMap.ofEntries(entries.iterator().filter(entry -> test.test(entry._2))
        .map(entry -> entry.map2(view)));
  }

  /** Whether some store passes {@code test}. */
  boolean exists(Predicate<? super S> test) {
    return entries.values().exists(test);
  }

  /** How many stores pass {@code test}. */
  int count(Predicate<? super S> test) {
    return entries.values().count(test);
  }

  /** Every key with its store. */
  Iterator<io.vavr.Tuple2<K, S>> iterator() {
    return entries.iterator();
  }

  /** This map with {@code key}'s store replaced by {@code change} of it, in one descent; an empty store removes it. */
  DotMap<K, S> update(K key, UnaryOperator<S> change) {
    return wrap(entries.compute(key, current -> nonEmpty(change.apply(current == null ? emptyStore : current))));
  }

  /** This map with {@code key} holding {@code store}; an empty store removes the key. */
  DotMap<K, S> with(K key, S store) {
    return wrap(store.isEmpty() ? entries.remove(key) : entries.put(key, store));
  }

  @Override
  public DotMap<K, S> join(DotMap<K, S> other, JoinSides sides) {
    Set<K> joinedNames = sides.partial() ? named.union(other.named) : HashSet.empty();
    if (other == this || other.entries == entries) {
      return joinedNames.size() == named.size() ? this : new DotMap<>(entries, emptyStore, joinedNames);
    }
    // Stores are kept collapsed at their state's cuts, so equal stores join to themselves unless the cuts grow.
    boolean cutsKept = sides.joinedCuts().equals(sides.ownCuts());
    boolean visitLacking = mayChangeKeysItLacks(other, sides, cutsKept);
    HashTrie<K, S> joined = entries.join(other.entries, new HashTrie.Joiner<>() {
      @Override
      public @Nullable S both(K key, S mine, S theirs) {
        return cutsKept && mine.equals(theirs) ? mine : nonEmpty(mine.join(theirs, sides));
      }

      // SUBTLE: keys the other side lacks still change when it saw (and so removed) some of their dots.
      @Override
      public @Nullable S onlyMine(K key, S mine) {
        return nonEmpty(mine.join(emptyStore, sides));
      }

      @Override
      public @Nullable S onlyTheirs(K key, S theirs) {
        return nonEmpty(emptyStore.join(theirs, sides));
      }

      @Override
      public boolean keepsEqual() {
        return cutsKept;
      }

      @Override
      public boolean keepsOnlyMine() {
        return !visitLacking;
      }
    });
    if (!visitLacking) {
      // The keys the other side names are the only ones it lacks that can change (SeenDots checked it).
      for (K key : other.named) {
        if (!other.entries.containsKey(key)) {
          joined = joined.compute(key, mine -> mine == null ? null : nonEmpty(mine.join(emptyStore, sides)));
        }
      }
    }
    return joined == entries && joinedNames.size() == named.size() ? this
        : new DotMap<>(joined, emptyStore, joinedNames);
  }

  private static <S extends DotStore<S>> @Nullable S nonEmpty(S store) {
    return store.isEmpty() ? null : store;
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
    return !SeenDots.reachOnlyTheirKeys(sides.other(), sides.own(), () -> other.entries.keys()
        .concat(other.named.iterator())
        .flatMap(key -> Iterator.concat(other.get(key).heldDots(), get(key).heldDots())));
  }

  @Override
  public DotMap<K, S> renameDots(ReplicaId from, ReplicaId to, long offset) {
    return wrap(entries.update((key, store) -> store.renameDots(from, to, offset)));
  }

  @Override
  public DotMap<K, S> collapse(Cuts cuts) {
    return wrap(entries.update((key, store) -> nonEmpty(store.collapse(cuts))));
  }

  private DotMap<K, S> wrap(HashTrie<K, S> updated) {
    return updated == entries ? this : new DotMap<>(updated, emptyStore, named);
  }

  @Override
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  @Override
  public Iterable<Dot> dots() {
    return entries.values().flatMap(DotStore::dots);
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
    return entries.toString();
  }
}
