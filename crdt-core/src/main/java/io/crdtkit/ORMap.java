package io.crdtkit;

import static org.apiguardian.api.API.Status.INTERNAL;
import static org.apiguardian.api.API.Status.STABLE;

import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.HlcTimestamp;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import io.vavr.Tuple2;
import io.vavr.collection.HashMap;
import io.vavr.collection.Map;
import io.vavr.collection.Set;
import io.vavr.collection.SortedMap;
import io.vavr.collection.SortedSet;
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
 * replica; a nested set: one per add until it is removed), plus the causal context. Removed keys cost nothing.
 * With garbage collection (crdt-gc), the updates of a key that every replica knows to be stable fold into one
 * value without a dot, so a settled key costs its value only; a remove of such a key leaves a token until it is
 * stable. Nested values keep their own metadata: they are merged, not collected themselves.
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
    extends CausalType<ORMap<K, V>, CausalState<DotMap<K, ValuedPresence<V, V>>>> implements Timestamped {

  private final V bottomValue;

  // Keys whose entry is not present (only remove tokens, or a delta's floor) are absent; see ValuedPresence.
  private ORMap(CausalState<DotMap<K, ValuedPresence<V, V>>> state, V bottomValue) {
    super(state);
    this.bottomValue = bottomValue;
  }

  @Override
  ORMap<K, V> with(CausalState<DotMap<K, ValuedPresence<V, V>>> next) {
    return new ORMap<>(next, bottomValue);
  }

  /**
   * The empty map whose absent keys read as {@code bottomValue} when updated, e.g. {@code PNCounter.empty()}.
   *
   * @param bottomValue the value an absent key starts from; not null
   * @param <K>         the key type
   * @param <V>         the nested CRDT type
   * @return the map that has seen nothing
   */
  public static <K, V extends Crdt<V>> ORMap<K, V> empty(V bottomValue) {
    return new ORMap<>(CausalState.empty(emptyStore()), Objects.requireNonNull(bottomValue, "bottom value"));
  }

  /**
   * The map holding, per key, the deltas of its live updates each under its dot, having seen {@code context}: a
   * whole map never garbage collected (tests build such states directly). Unlike {@link #fromParts}, it checks
   * that the map's context covers the nested deltas' contexts, a rule only whole states keep.
   *
   * @throws IllegalArgumentException if a key has no update, a dot is beyond {@code context} or held twice, a
   *     causal nested delta has seen a dot the map has not (the map's context covers every nested one), or two
   *     updates of a key hold different writes under one timestamp (no valid state does: see {@link Conflicts})
   */
  static <K, V extends Crdt<V>> ORMap<K, V> of(
      V bottomValue, Map<K, ? extends Map<Dot, V>> deltas, CausalContext context) {
    return of(new Parts<>(bottomValue, deltas, HashMap.empty(), HashMap.empty(), HashMap.empty(), context,
        GcMetadata.NONE), true);
  }

  /**
   * The parts of a map that a codec writes and reads back, and a snapshot keeps: what {@link #parts()} returns and
   * {@link #fromParts} takes. For crdt-jackson and crdt-gc, not for applications: the parts are the map's
   * metadata, and their shape may change with any release.
   *
   * @param bottom    the value an absent key starts from when it is updated
   * @param deltas    per key, the deltas of its live updates under their dots (in dot order from {@code parts()})
   * @param collapsed per key whose stable updates were folded (crdt-gc's GC.md): their fold, a value without a dot
   * @param tokens    the remove tokens still held, by key (until they are stable)
   * @param floors    the floor of each key that has one: what a delta's entry observed beyond the dots it lists
   *                  (GC.md, rule 6)
   * @param context   every dot the map has seen
   * @param gc        the rest of the garbage-collection metadata: cuts, delivered dots, whether it is a delta
   * @param <K>       the key type
   * @param <V>       the nested CRDT type
   */
  @API(status = INTERNAL, since = "0.1")
  public record Parts<K, V extends Crdt<V>>(V bottom, Map<K, ? extends Map<Dot, V>> deltas, Map<K, V> collapsed,
      Map<K, ? extends Iterable<Dot>> tokens, Map<K, VectorClock> floors, CausalContext context, GcMetadata gc) {}

  /**
   * The map rebuilt from its parts, garbage-collection metadata included, after checking that they make a valid
   * state: for codecs and snapshots, not for applications. {@code ORMap.fromParts(m.parts())} equals {@code m}.
   * The parts may be those of a delta (a decoder cannot tell a delta from a whole state), so the nested values'
   * contexts are not checked against the map's: the delta of {@link #deltaUpdate} has seen just the dots it mints
   * and replaces, while its nested delta has also seen the nested dots it overwrites.
   *
   * @param parts what {@link #parts()} returned, or a decoder read
   * @param <K>   the key type
   * @param <V>   the nested CRDT type
   * @return the map
   * @throws IllegalArgumentException if a dot is beyond the context or held twice, a key listed with updates or
   *     tokens has none, the cuts are out of order (collapse cut &lt;= stable cut &lt;= context; none in a delta),
   *     values are collapsed without a collapse cut, or two updates of a key hold different writes under one
   *     timestamp
   * @throws NullPointerException if a part, a key, a value or a dot is null
   */
  @API(status = INTERNAL, since = "0.1")
  public static <K, V extends Crdt<V>> ORMap<K, V> fromParts(Parts<K, V> parts) {
    return of(parts, false);
  }

  /**
   * This map's parts, for codecs and snapshots, not for applications (see {@link Parts}).
   *
   * @return the parts; {@link #fromParts} rebuilds an equal map from them
   */
  @API(status = INTERNAL, since = "0.1")
  public Parts<K, V> parts() {
    return new Parts<>(bottomValue, deltas(), collapsedValues(), tokens(), floors(), state.context(),
        GcMetadata.of(state));
  }

  private static <K, V extends Crdt<V>> ORMap<K, V> of(Parts<K, V> parts, boolean nestedContextsCovered) {
    V bottomValue = Objects.requireNonNull(parts.bottom(), "bottom value");
    CausalContext context = parts.context();
    Map<K, ? extends Map<Dot, V>> deltas = parts.deltas();
    Map<K, V> collapsedValues = parts.collapsed();
    Map<K, ? extends Iterable<Dot>> tokens = parts.tokens();
    Map<K, VectorClock> floors = parts.floors();
    DotClaims claims = new DotClaims("ORMap", context);
    Cuts cuts = GcParts.cuts("ORMap", context, parts.gc());
    GcParts.requireCollapseCutFor("ORMap", !collapsedValues.isEmpty(), cuts);
    DotMap<K, ValuedPresence<V, V>> store = emptyStore();
    for (K key : deltas.keySet().union(collapsedValues.keySet()).union(tokens.keySet()).union(floors.keySet())) {
      Objects.requireNonNull(key, "ORMap key");
      SortedMap<Dot, V> keyDeltas = TreeMap.empty();
      if (deltas.containsKey(key)) {
        claims.claim("key " + key, deltas.get(key).get().keySet(), true);
        for (Tuple2<Dot, V> update : deltas.get(key).get()) {
          V delta = Objects.requireNonNull(update._2, "ORMap delta");
          requireCovered(nestedContextsCovered, "the delta of key " + key + " under " + update._1, delta, context);
          for (V other : keyDeltas.values()) {
            String conflict = Conflicts.between(other, delta);
            if (conflict != null) {
              throw new IllegalArgumentException("ORMap: the updates of key " + key + " hold " + conflict);
            }
          }
          keyDeltas = keyDeltas.put(update._1, delta);
        }
      }
      V collapsed = collapsedValues.get(key).getOrNull();
      if (collapsed != null) {
        requireCovered(nestedContextsCovered, "the collapsed value of key " + key, collapsed, context);
      }
      DotSet tokenDots = GcParts.dots(claims, "tokens of key " + key, tokens.get(key), tokens.containsKey(key));
      VectorClock floor = floors.get(key).getOrElse(VectorClock.empty());
      store = store.with(key, ValuedPresence.of(folding(), keyDeltas, collapsed, tokenDots, floor));
    }
    return new ORMap<>(GcParts.state("ORMap", store, context, cuts, parts.gc()), bottomValue);
  }

  private static void requireCovered(boolean check, String what, Object value, CausalContext context) {
    if (check && value instanceof CausalCrdt<?> nested && !nested.context().isLessOrEqual(context)) {
      throw new IllegalArgumentException("ORMap: " + what + " has seen dots beyond the map's causal context "
          + context + ": " + nested.context());
    }
  }

  /**
   * The map after {@code replica} updates {@code key} with {@code deltaMutator}, creating the key if absent.
   *
   * @param replica      the replica that makes the update; it mints the update's dot
   * @param key          the key; not null, immutable, with value-based equals and hashCode
   * @param deltaMutator from the key's current value to the delta to merge in; must not return {@code null}
   * @return the map with the key present and the delta merged into its value
   * @throws IllegalArgumentException if the nested mutator minted dots for another replica
   * @throws NullPointerException if the delta mutator returned {@code null}
   */
  public ORMap<K, V> update(ReplicaId replica, K key, UnaryOperator<V> deltaMutator) {
    return wrap(updated(key, prepare(replica, key, deltaMutator)));
  }

  private CausalState<DotMap<K, ValuedPresence<V, V>>> updated(K key, Update<V> update) {
    ValuedPresence<V, V> updated = update.current.withUpdate(update.subsumed, update.dot, update.delta);
    return state.withMinted(state.store().with(key, updated), update.minted);
  }

  /**
   * The delta of {@link #update}: the key's new delta under a new dot, and the dots it makes redundant.
   *
   * @param replica      the replica that makes the update; it mints the update's dot
   * @param key          the key; not null, immutable, with value-based equals and hashCode
   * @param deltaMutator from the key's current value to the delta to merge in; must not return {@code null}
   * @return the delta
   * @throws IllegalArgumentException if the nested mutator minted dots for another replica
   * @throws NullPointerException if the delta mutator returned {@code null}
   */
  public ORMap<K, V> deltaUpdate(ReplicaId replica, K key, UnaryOperator<V> deltaMutator) {
    Update<V> update = prepare(replica, key, deltaMutator);
    // No floor: an update leaves the key's other values, collapsed ones included, where they are.
    DotMap<K, ValuedPresence<V, V>> store = ORMap.<K, V>emptyStore()
        .with(key, ValuedPresence.single(folding(), update.dot, update.delta, DotSet.EMPTY, VectorClock.empty()));
    return wrap(state.delta(store, update.subsumed, update.minted, updated(key, update)));
  }

  /**
   * The map without {@code key}, removed by {@code replica}: removes the updates of it seen so far, and records the
   * remove as an event (a dot in the context; also a remove token if the key's updates may be collapsed somewhere,
   * see crdt-gc's GC.md). {@code this} if it is absent.
   *
   * @param replica the replica that makes the update; it mints the update's dot
   * @param key     the key to remove
   * @return the map without the key; {@code this} if it was absent
   */
  public ORMap<K, V> remove(ReplicaId replica, K key) {
    Objects.requireNonNull(replica, "replica");
    ValuedPresence<V, V> current = state.store().get(Objects.requireNonNull(key, "ORMap key"));
    if (!current.isPresent()) {
      return this;
    }
    return wrap(removed(key, current, state.context().nextDot(replica)));
  }

  private CausalState<DotMap<K, ValuedPresence<V, V>>> removed(K key, ValuedPresence<V, V> current, Dot dot) {
    ValuedPresence<V, V> removed = current.removed(dot, current.presence().removeNeedsToken(state.cuts().stable()));
    return state.withMinted(state.store().with(key, removed), dot);
  }

  /**
   * The delta of {@link #remove}: the observed dots of {@code key}, the remove's dot, and any token and floor.
   *
   * @param replica the replica that makes the update; it mints the update's dot
   * @param key     the key to remove
   * @return the delta; the bottom map if the key was absent
   */
  public ORMap<K, V> deltaRemove(ReplicaId replica, K key) {
    Objects.requireNonNull(replica, "replica");
    ValuedPresence<V, V> current = state.store().get(Objects.requireNonNull(key, "ORMap key"));
    if (!current.isPresent()) {
      return bottom();
    }
    Dot dot = state.context().nextDot(replica);
    // Named, so that a receiver finds the key whose dots the delta has seen without walking its whole map.
    DotMap<K, ValuedPresence<V, V>> tokens = ORMap.<K, V>emptyStore()
        .with(key, current.removalDelta(dot, state.cuts(), state.deltaFloor())).withName(key);
    return wrap(state.delta(tokens, current.dots(), dot, removed(key, current, dot)));
  }

  /**
   * The value of {@code key}; empty if absent.
   *
   * @param key any key
   * @return the merge of the key's live updates (and collapsed value); empty if absent
   */
  public Option<V> get(K key) {
    return Option.of(state.store().get(key).value());
  }

  /**
   * Whether {@code key} is present.
   *
   * @param key any key
   * @return {@code true} if an update of it survives that no remove has seen
   */
  public boolean containsKey(K key) {
    return state.store().get(key).isPresent();
  }

  /**
   * The greatest timestamp of the values, if they carry timestamps (a map of {@link LWWRegister}s or
   * {@link LWWMap}s); empty otherwise.
   */
  @Override
  public Option<HlcTimestamp> latestTimestamp() {
    HlcTimestamp latest = null;
    for (var entry : state.store().iterator().filter(entry -> entry._2.isPresent())) {
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

  /**
   * The present keys and their values.
   *
   * @return each present key with its value, as a Vavr map
   */
  public Map<K, V> value() {
    return state.store().viewsWhere(ValuedPresence::isPresent, ValuedPresence::value);
  }

  /**
   * The present keys and their values as an unmodifiable {@code java.util.Map}, for Java code that does not use Vavr.
   * It is a view of {@link #value()}, not a copy of it: {@code size}, {@code contains} and {@code get} are answered by
   * the Vavr value, and mutators throw {@link UnsupportedOperationException}.
   *
   * @return a view of the value of this state (a later state is another object, and does not change it)
   */
  public java.util.Map<K, V> valueAsJava() {
    return JavaViews.map(value());
  }

  /**
   * The present keys.
   *
   * @return the present keys, as a Vavr set
   */
  public Set<K> keySet() {
    return state.store().keysWhere(ValuedPresence::isPresent);
  }

  /**
   * The number of present keys.
   *
   * @return how many keys are present
   */
  public int size() {
    return state.store().count(ValuedPresence::isPresent);
  }

  /**
   * Whether no key is present.
   *
   * @return {@code true} if no key is present
   */
  public boolean isEmpty() {
    return !state.store().exists(ValuedPresence::isPresent);
  }

  /** The value an absent key starts from. */
  V bottomValue() {
    return bottomValue;
  }

  /** Per key, the deltas of its live updates under their dots. */
  Map<K, SortedMap<Dot, V>> deltas() {
    return state.store().viewsWhere(entry -> !entry.values().isEmpty(), ValuedPresence::values);
  }

  /** Per key whose stable updates were folded (crdt-gc's GC.md): their fold, a value without a dot. */
  Map<K, V> collapsedValues() {
    return state.store().viewsWhere(entry -> entry.collapsedValue() != null, ValuedPresence::collapsedValue);
  }

  /** The remove tokens still held (until stable), by key. */
  Map<K, SortedSet<Dot>> tokens() {
    return state.store().viewsWhere(entry -> !entry.presence().tokens().isEmpty(),
        entry -> entry.presence().tokens().dots());
  }

  /** The floor of each key that has one (crdt-gc's GC.md, rule 6). */
  Map<K, VectorClock> floors() {
    return state.store().viewsWhere(entry -> !entry.presence().floor().isEmpty(), entry -> entry.presence().floor());
  }

  /** The number of update dots {@code key} holds: its metadata (none once its updates are collapsed). */
  int dotCount(K key) {
    return state.store().get(key).values().size();
  }

  /** The remove tokens held: what collection at stability reclaims. */
  @Override
  public int tombstones() {
    return state.store().iterator().map(entry -> entry._2.presence().tokens().size()).sum().intValue();
  }

  @Override
  public ORMap<K, V> bottom() {
    return new ORMap<>(CausalState.empty(emptyStore()), bottomValue);
  }

  /**
   * An update about to be applied: its dot, the nested delta, the dots that delta makes redundant, and every dot
   * it minted (its own, plus any further ones the nested mutator minted), which the map's context must absorb.
   */
  private record Update<V>(ValuedPresence<V, V> current, Dot dot, V delta, Iterable<Dot> subsumed, List<Dot> minted) {}

  private Update<V> prepare(ReplicaId replica, K key, UnaryOperator<V> deltaMutator) {
    Objects.requireNonNull(key, "ORMap key");
    Objects.requireNonNull(deltaMutator, "delta mutator");
    Dot dot = state.context().nextDot(Objects.requireNonNull(replica, "replica"));
    ValuedPresence<V, V> current = state.store().get(key);
    V input = withMapContext(current.isPresent() ? Objects.requireNonNull(current.value()) : bottomValue);
    V made = deltaMutator.apply(input);
    if (made == null) {
      throw new NullPointerException("the delta mutator for ORMap key " + key + " returned null");
    }
    // The map keeps the delta: without the states it remembers, which only merging it back would use.
    V delta = OwnDelta.forget(made);
    return new Update<>(current, dot, delta, current.subsumedBy(live -> live.isLessOrEqual(delta)),
        minted(replica, key, dot, input, delta));
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

  @SuppressWarnings("unchecked")
  private static <K, V extends Crdt<V>> DotMap<K, ValuedPresence<V, V>> emptyStore() {
    return (DotMap<K, ValuedPresence<V, V>>) (DotMap<?, ?>) EMPTY_STORE;
  }

  /** A key's values fold by merging: the fold of its stable updates is their merge. */
  @SuppressWarnings("unchecked")
  private static <V extends Crdt<V>> ValuedPresence.Folding<V, V> folding() {
    return (ValuedPresence.Folding<V, V>) MERGING;
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static final ValuedPresence.Folding MERGING = new ValuedPresence.Folding<Crdt, Crdt>() {
    @Override
    public Crdt fold(Crdt into, Crdt value) {
      return into == null ? value : (Crdt) into.merge(value);
    }

    @Override
    public Crdt join(Crdt one, Crdt other) {
      return (Crdt) one.merge(other);
    }

    @Override
    public Crdt rename(Crdt value, ReplicaId from, ReplicaId to, long offset) {
      // nested causal values mint their dots from the map's context: they are renamed with it
      return value instanceof CausalCrdt<?> nested ? (Crdt) nested.renameReplica(from, to, offset) : value;
    }

    @Override
    public Crdt renameFolded(Crdt folded, ReplicaId from, ReplicaId to, long offset) {
      return rename(folded, from, to, offset);
    }
  };

  // After MERGING: the one empty store every map shares.
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static final DotMap<?, ?> EMPTY_STORE = DotMap.empty(ValuedPresence.empty(MERGING));

  /** {@code ORMap{milk=PNCounter(2, ...) {a:1=PNCounter(2, ...)}} | seen {a:1}}: each key's value and deltas. */
  @Override
  public String toString() {
    return "ORMap" + state.store() + " | seen " + state.context()
        + (state.cuts().equals(Cuts.NONE) ? "" : " | collected at " + state.cuts());
  }
}
