package io.crdtkit;

import static org.apiguardian.api.API.Status.STABLE;

import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.HlcTimestamp;
import io.crdtkit.clock.ReplicaId;
import io.vavr.Tuple2;
import io.vavr.collection.Map;
import io.vavr.collection.Set;
import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.apiguardian.api.API;

/**
 * An observed-remove map from keys to nested CRDTs: keys are added by updating them and removed like the
 * elements of an {@link ORSet}; concurrent updates of one key merge with the nested type's own merge.
 *
 * <p><b>Concurrency.</b> Every update of a key is tagged with a dot and keeps its delta. A remove of the key takes
 * away the updates it <em>observed</em> and nothing else:
 * <ul>
 *   <li>remove vs concurrent update: the key stays, with the value the concurrent updates made. For causal nested
 *       types (sets, registers, flags, maps) that is exactly the concurrent updates. For counters it is the
 *       concurrent updater's whole count, because a counter delta carries its replica's total (Pekko, riak_dt and
 *       rust-crdt behave the same way).
 *   <li>remove, then a new update on the same replica: the key comes back fresh; the removed value never returns,
 *       whatever order the states are merged in.
 * </ul>
 *
 * <pre>{@code
 * ORMap<String, PNCounter> cart = ORMap.<String, PNCounter>empty(PNCounter.empty())
 *     .update(A, "milk", qty -> qty.deltaIncrement(A, 2));
 * ORMap<String, PNCounter> onA = cart.remove(A, "milk");
 * ORMap<String, PNCounter> onB = cart.update(B, "eggs", qty -> qty.deltaIncrement(B, 6));
 * onA.merge(onB).value()  -> {eggs=6}                  // the milk A removed stays removed
 * }</pre>
 *
 * <p>An update takes a <em>delta mutator</em>: a function from the key's current value (the bottom value if the
 * key is absent) to the delta to merge in, such as {@code qty -> qty.deltaIncrement(A, 2)}. A full mutator
 * ({@code qty -> qty.increment(A, 2)}) works too; its deltas are larger.
 *
 * <p><b>Metadata.</b> Per key, one dot and one delta per update that no later update includes (a counter: one per
 * replica; a nested set: one per add until it is removed or collected), plus the causal context. Removed keys
 * cost nothing. The garbage collector folds causally stable updates together.
 *
 * <p>Nested {@link CausalCrdt}s (sets, registers, flags, maps) mint their dots from the map's context, so a key
 * that is removed and created again never reuses a dot of its earlier life. A nested mutator must use the
 * replica id of the update it belongs to; one that mints dots for another replica is rejected.
 *
 * @param <K> the key type; keys must be immutable and have value-based equals and hashCode
 * @param <V> the nested CRDT type
 */
@API(status = STABLE, since = "0.1")
public final class ORMap<K, V extends Crdt<V>>
    implements CausalCrdt<ORMap<K, V>>, Retirable<ORMap<K, V>>, Timestamped {

  private final CausalState<DotMap<K, DotValues<V>>> state;
  private final V bottomValue;

  private ORMap(CausalState<DotMap<K, DotValues<V>>> state, V bottomValue) {
    this.state = state;
    this.bottomValue = bottomValue;
  }

  /**
   * The empty map whose absent keys read as {@code bottomValue} when updated, e.g. {@code PNCounter.empty()}.
   */
  public static <K, V extends Crdt<V>> ORMap<K, V> empty(V bottomValue) {
    return new ORMap<>(CausalState.empty(emptyStore()), Objects.requireNonNull(bottomValue, "bottom value"));
  }

  /**
   * The map holding, per key, the deltas of its live updates each under its dot, having seen {@code context}:
   * for decoders and snapshots. {@code ORMap.of(m.bottomValue(), m.deltas(), m.context())} equals {@code m}.
   *
   * @throws IllegalArgumentException if a key has no update, a dot is beyond {@code context} or held twice, a
   *     causal nested delta has seen a dot the map has not (the map's context covers every nested one), or two
   *     updates of a key hold different writes under one timestamp (no valid state does: see {@link Conflicts})
   */
  public static <K, V extends Crdt<V>> ORMap<K, V> of(
      V bottomValue, Map<K, ? extends Map<Dot, V>> deltas, CausalContext context) {
    return of(bottomValue, deltas, context, true);
  }

  /**
   * Like {@link #of}, for a state that may be a delta (a full state is a delta too): for decoders, which cannot
   * tell the two apart. It checks everything {@link #of} checks except that the map's context covers the nested
   * deltas' contexts, a rule only full states keep: the delta of {@link #deltaUpdate} has seen just the dots it
   * mints and replaces, while its nested delta has also seen the nested dots it overwrites (an ORSet delta that
   * removes an element has seen that element's dots). Added for crdt-jackson, which decodes such deltas.
   *
   * @throws IllegalArgumentException if a key has no update, or a dot is beyond {@code context} or held twice
   */
  public static <K, V extends Crdt<V>> ORMap<K, V> ofDelta(
      V bottomValue, Map<K, ? extends Map<Dot, V>> deltas, CausalContext context) {
    return of(bottomValue, deltas, context, false);
  }

  private static <K, V extends Crdt<V>> ORMap<K, V> of(V bottomValue, Map<K, ? extends Map<Dot, V>> deltas,
      CausalContext context, boolean nestedContextsCovered) {
    DotClaims claims = new DotClaims("ORMap", context);
    DotMap<K, DotValues<V>> store = emptyStore();
    for (Tuple2<K, ? extends Map<Dot, V>> entry : deltas) {
      K key = Objects.requireNonNull(entry._1, "ORMap key");
      claims.claim("key " + key, entry._2.keySet(), true);
      SortedMap<Dot, V> keyDeltas = TreeMap.empty();
      for (Tuple2<Dot, V> update : entry._2) {
        V delta = Objects.requireNonNull(update._2, "ORMap delta");
        if (nestedContextsCovered && delta instanceof CausalCrdt<?> nested
            && !nested.context().isLessOrEqual(context)) {
          throw new IllegalArgumentException("ORMap: the delta of key " + key + " under " + update._1
              + " has seen dots beyond the map's causal context " + context + ": " + nested.context());
        }
        for (V other : keyDeltas.values()) {
          String conflict = Conflicts.between(other, delta);
          if (conflict != null) {
            throw new IllegalArgumentException("ORMap: the updates of key " + key + " hold " + conflict);
          }
        }
        keyDeltas = keyDeltas.put(update._1, delta);
      }
      store = store.with(key, DotValues.of(keyDeltas));
    }
    return new ORMap<>(new CausalState<>(store, context), Objects.requireNonNull(bottomValue, "bottom value"));
  }

  /**
   * The map after {@code replica} updates {@code key} with {@code deltaMutator}, creating the key if absent.
   *
   * @param deltaMutator from the key's current value to the delta to merge in; must not return {@code null}
   */
  public ORMap<K, V> update(ReplicaId replica, K key, UnaryOperator<V> deltaMutator) {
    Update<V> update = prepare(replica, key, deltaMutator);
    DotValues<V> replaced = state.store().get(key).replace(update.subsumed, update.dot, update.delta);
    return wrap(state.withMinted(state.store().with(key, replaced), update.minted));
  }

  /** The delta of {@link #update}: the key's new delta under a new dot, and the dots it makes redundant. */
  public ORMap<K, V> deltaUpdate(ReplicaId replica, K key, UnaryOperator<V> deltaMutator) {
    Update<V> update = prepare(replica, key, deltaMutator);
    DotMap<K, DotValues<V>> store = ORMap.<K, V>emptyStore().with(key, DotValues.of(update.dot, update.delta));
    return wrap(state.delta(store, update.subsumed, update.minted));
  }

  /**
   * The map without {@code key}, removed by {@code replica}: removes the updates of it seen so far, and records the
   * remove as an event (a dot in the context). {@code this} if it is absent.
   */
  public ORMap<K, V> remove(ReplicaId replica, K key) {
    Objects.requireNonNull(replica, "replica");
    if (!containsKey(Objects.requireNonNull(key, "ORMap key"))) {
      return this;
    }
    Dot dot = state.context().nextDot(Objects.requireNonNull(replica, "replica"));
    return wrap(state.withMinted(state.store().with(key, DotValues.empty()), dot));
  }

  /** The delta of {@link #remove}: no entry; the observed dots of {@code key} and the remove's dot. */
  public ORMap<K, V> deltaRemove(ReplicaId replica, K key) {
    Objects.requireNonNull(replica, "replica");
    if (!containsKey(Objects.requireNonNull(key, "ORMap key"))) {
      return bottom();
    }
    Dot dot = state.context().nextDot(Objects.requireNonNull(replica, "replica"));
    return wrap(state.removal(emptyStore(), state.store().get(key).dots(), dot));
  }

  /** The value of {@code key}; empty if absent. */
  public Option<V> get(K key) {
    return Option.of(state.store().get(key).value());
  }

  /** Whether {@code key} is present. */
  public boolean containsKey(K key) {
    return state.store().containsKey(key);
  }

  /**
   * The greatest timestamp of the values, if they carry timestamps (a map of {@link LWWRegister}s or
   * {@link LWWMap}s); empty otherwise.
   */
  @Override
  public Option<HlcTimestamp> latestTimestamp() {
    HlcTimestamp latest = null;
    for (var entry : state.store().iterator()) {
      V value = entry._2.value();
      if (value instanceof Timestamped timestamped) {
        HlcTimestamp candidate = timestamped.latestTimestamp().getOrNull();
        if (candidate != null && (latest == null || candidate.isAfter(latest))) {
          latest = candidate;
        }
      }
    }
    return Option.of(latest);
  }

  /** The present keys and their values. */
  public Map<K, V> value() {
    return state.store().viewsWhere(values -> true, DotValues::value);
  }

  /** The present keys. */
  public Set<K> keySet() {
    return state.store().keysWhere(values -> true);
  }

  /** The number of present keys. */
  public int size() {
    return state.store().size();
  }

  /** Whether no key is present. */
  public boolean isEmpty() {
    return state.store().isEmpty();
  }

  /** The value an absent key starts from. */
  public V bottomValue() {
    return bottomValue;
  }

  /** Per key, the deltas of its live updates under their dots: the state, with {@link #context()}. */
  public Map<K, SortedMap<Dot, V>> deltas() {
    return state.store().viewsWhere(values -> true, DotValues::deltas);
  }

  /** The number of update dots {@code key} holds: its metadata. */
  public int dotCount(K key) {
    return state.store().get(key).deltas().size();
  }

  /** Every dot this map has seen, removed ones included. */
  @Override
  public CausalContext context() {
    return state.context();
  }

  @Override
  public ORMap<K, V> renameReplica(ReplicaId from, ReplicaId to, long offset) {
    return wrap(state.rename(from, to, offset));
  }

  @Override
  public ORMap<K, V> retire(ReplicaId retired, ReplicaId heir) {
    return wrap(state.retire(retired, heir));
  }

  @Override
  public ORMap<K, V> withContext(CausalContext seen) {
    return wrap(state.withContext(seen));
  }

  @Override
  public ORMap<K, V> merge(ORMap<K, V> other) {
    return wrap(state.join(other.state));
  }

  @Override
  public boolean isLessOrEqual(ORMap<K, V> other) {
    return state.isLessOrEqual(other.state);
  }

  @Override
  public ORMap<K, V> bottom() {
    return new ORMap<>(CausalState.empty(emptyStore()), bottomValue);
  }

  /**
   * An update about to be applied: its dot, the nested delta, the dots that delta makes redundant, and every dot
   * it minted (its own, plus any further ones the nested mutator minted), which the map's context must absorb.
   */
  private record Update<V>(Dot dot, V delta, Iterable<Dot> subsumed, List<Dot> minted) {}

  private Update<V> prepare(ReplicaId replica, K key, UnaryOperator<V> deltaMutator) {
    Objects.requireNonNull(key, "ORMap key");
    Objects.requireNonNull(deltaMutator, "delta mutator");
    Dot dot = state.context().nextDot(Objects.requireNonNull(replica, "replica"));
    DotValues<V> current = state.store().get(key);
    V input = withMapContext(current.isEmpty() ? bottomValue : Objects.requireNonNull(current.value()));
    V delta = deltaMutator.apply(input);
    if (delta == null) {
      throw new NullPointerException("the delta mutator for ORMap key " + key + " returned null");
    }
    return new Update<>(dot, delta, current.subsumedBy(delta), minted(replica, key, dot, input, delta));
  }

  /**
   * SUBTLE: a causal nested value mints its dots from the map's context, so a key created again after a remove
   * never reuses a dot of its earlier life; without this, a concurrent nested remove that observed the old
   * element would also take the new one (Almeida et al. 2018, §7.3, share one context the same way).
   */
  @SuppressWarnings("unchecked")
  private V withMapContext(V value) {
    return value instanceof CausalCrdt<?> causal ? (V) causal.withContext(state.context()) : value;
  }

  /** The map's own dot, then the dots a causal nested mutator minted beyond it, which the map must never reuse. */
  private static <V> List<Dot> minted(ReplicaId replica, Object key, Dot dot, V input, V delta) {
    List<Dot> minted = new ArrayList<>(List.of(dot));
    if (delta instanceof CausalCrdt<?> nested && input instanceof CausalCrdt<?> before) {
      requireOwnDotsOnly(replica, key, before.context(), nested.context());
      for (long counter = dot.counter() + 1; counter <= nested.context().maxCounter(replica); counter++) {
        minted.add(Dot.of(replica, counter));
      }
    }
    return minted;
  }

  private static void requireOwnDotsOnly(ReplicaId replica, Object key, CausalContext before, CausalContext after) {
    Iterable<ReplicaId> replicas = io.vavr.collection.Iterator.concat(
        after.vectorClock().entries().keySet(), after.dotCloud().map(Dot::replica));
    for (ReplicaId other : replicas) {
      if (!other.equals(replica) && after.maxCounter(other) > before.maxCounter(other)) {
        throw new IllegalArgumentException("the nested mutator for ORMap key " + key + " minted a dot of replica "
            + other + " while the update is made by " + replica + "; pass the same replica id to both");
      }
    }
  }

  private static <K, V extends Crdt<V>> DotMap<K, DotValues<V>> emptyStore() {
    return DotMap.empty(DotValues.empty());
  }

  private ORMap<K, V> wrap(CausalState<DotMap<K, DotValues<V>>> next) {
    return next == state ? this : new ORMap<>(next, bottomValue);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ORMap<?, ?> other && state.equals(other.state);
  }

  @Override
  public int hashCode() {
    return state.hashCode();
  }

  /** {@code ORMap{milk=PNCounter(2, ...) {a:1=PNCounter(2, ...)}} | seen {a:1}}: each key's value and deltas. */
  @Override
  public String toString() {
    return "ORMap" + state.store() + " | seen " + state.context();
  }
}
