package io.crdtkit;

import static org.apiguardian.api.API.Status.INTERNAL;
import static org.apiguardian.api.API.Status.STABLE;

import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.HlcTimestamp;
import io.crdtkit.clock.HybridLogicalClock;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import io.vavr.Tuple2;
import io.vavr.collection.HashMap;
import io.vavr.collection.Iterator;
import io.vavr.collection.Map;
import io.vavr.control.Option;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A map where each key is a last-writer-wins register: puts and removes of a key are ordered by their
 * hybrid-logical-clock timestamps, and the latest wins, removes included.
 *
 * <pre>{@code
 * LWWMap<String, String> m = LWWMap.<String, String>empty().put(clockA, "theme", "dark");
 * LWWMap<String, String> removed = m.remove(clockA, "theme");          // newer than the put
 * removed.merge(m).get("theme") -> None                                // an older put does not revive it
 * }</pre>
 *
 * <p>A write that loses to the key's current write where it is made (its timestamp is not newer) changes nothing
 * and has an empty delta: it would lose everywhere else too. Writing through a {@link HybridLogicalClock} always
 * makes a newer write.
 *
 * <p><b>Metadata.</b> A removed key stays as a tombstone (its remove timestamp) so that an older put arriving
 * later cannot revive it. Each write is also recorded as a dot in a causal context (one counter per replica): once
 * a write's dot is causally stable (crdt-gc), a tombstone is dropped and a live key is <em>settled</em>: it keeps
 * its value only, no timestamp and no dot, so a collected map costs about what a plain map of its live entries
 * does. The context still recognises any stale copy of what was dropped, and any write it has not seen is newer
 * than a settled one (crdt-gc's GC.md, refinement 9).
 *
 * <p><b>Implementation note.</b> Unlike the other causal types (ORSet, RWSet, the flags, MVRegister, ORMap),
 * this map does not share their base class: theirs is a dot store joined relative to the two causal contexts,
 * which the base merges, compares, collects and retires once for all of them. This map's state is five fields
 * of its own (the writes, the settled values, the context, the stable cut and the latest timestamp), joined
 * by timestamp rather than by dots, so it implements {@link CausalCrdt}, {@link Collectable} and
 * {@link Retirable} itself.
 *
 * @param <K> the key type; keys must be immutable and have value-based equals and hashCode
 * @param <V> the value type, likewise
 */
@API(status = STABLE, since = "0.1")
public final class LWWMap<K, V>
    implements CausalCrdt<LWWMap<K, V>>, Collectable<LWWMap<K, V>>, Retirable<LWWMap<K, V>>, Timestamped {

  private static final LWWMap<?, ?> EMPTY =
      new LWWMap<>(HashTrie.empty(), HashTrie.empty(), CausalContext.empty(), VectorClock.empty(), null);

  // Never holds a register that was never written; cleared registers are the tombstones.
  private final HashTrie<K, LWWEntry<V>> entries;
  // Live keys whose winning write was stable when collected: their values alone. No key is in both maps.
  private final HashTrie<K, V> settled;
  private final CausalContext context;
  // The greatest stable cut this map was collected at, within its context: every replica has merged every write
  // below it. Only whole states carry one; a delta settles nothing.
  private final VectorClock stableCut;
  // The greatest timestamp ever merged, collected tombstones included: writes through a clock go past it, so a
  // collected tombstone's key cannot be revived by a write its clock would have placed before the remove.
  private final @Nullable HlcTimestamp latest;
  // A delta that deltaPut or deltaRemove just made: the map it was made from and the map with the write, so that
  // merging it back into that map is a lookup (see OwnDelta). Null otherwise; no part of equality.
  private final @Nullable OwnDelta<LWWMap<K, V>> own;

  private LWWMap(HashTrie<K, LWWEntry<V>> entries, HashTrie<K, V> settled, CausalContext context, VectorClock stableCut,
      @Nullable HlcTimestamp latest) {
    this(entries, settled, context, stableCut, latest, null);
  }

  private LWWMap(HashTrie<K, LWWEntry<V>> entries, HashTrie<K, V> settled, CausalContext context, VectorClock stableCut,
      @Nullable HlcTimestamp latest, @Nullable OwnDelta<LWWMap<K, V>> own) {
    this.entries = entries;
    this.settled = settled;
    this.context = context;
    this.stableCut = stableCut;
    this.latest = latest;
    this.own = own;
  }

  /**
   * The empty map.
   *
   * @param <K> the key type
   * @param <V> the value type
   * @return the map that has seen nothing
   */
  @SuppressWarnings("unchecked")
  public static <K, V> LWWMap<K, V> empty() {
    return (LWWMap<K, V>) EMPTY;
  }

  /**
   * The map holding these registers, tombstones included, without dots (as an earlier format stored them): such
   * entries merge by timestamp alone, and their tombstones are never collected. Tests build such states directly.
   *
   * @throws IllegalArgumentException if a register was never written (it would be no entry at all)
   */
  static <K, V> LWWMap<K, V> of(Map<K, LWWRegister<V>> registers) {
    return of(registers, HashMap.empty(), CausalContext.empty());
  }

  /**
   * The map holding these registers, each recorded under its dot in {@code dots} (a key may lack one), having seen
   * {@code context}: a map never collected (tests build such states directly).
   *
   * @throws IllegalArgumentException if a register was never written, a dot belongs to no key, is beyond
   *     {@code context} or is held twice
   */
  static <K, V> LWWMap<K, V> of(Map<K, LWWRegister<V>> registers, Map<K, Dot> dots, CausalContext context) {
    return of(registers, dots, context, null);
  }

  /**
   * As {@link #of(Map, Map, CausalContext)}, with the greatest timestamp the map ever merged ({@code null}: the
   * greatest of {@code registers}).
   *
   * @throws IllegalArgumentException as the other factory, or if a register is newer than {@code latest}
   */
  static <K, V> LWWMap<K, V> of(Map<K, LWWRegister<V>> registers, Map<K, Dot> dots, CausalContext context,
      @Nullable HlcTimestamp latest) {
    return fromParts(new Parts<>(registers, dots, HashMap.empty(), context, VectorClock.empty(), latest));
  }

  /**
   * The parts of a map that a codec writes and reads back, and a snapshot keeps: what {@link #parts()} returns and
   * {@link #fromParts} takes. For crdt-jackson and crdt-gc, not for applications: the parts are the map's
   * metadata, and their shape may change with any release.
   *
   * @param registers every unsettled key's register, tombstones included
   * @param dots      the dot each key's winning write was recorded under (keys rebuilt without one are absent)
   * @param settled   the settled keys and their values: live keys whose winning write was stable when the map was
   *                  collected, kept without timestamp or dot (crdt-gc's GC.md, refinement 9)
   * @param context   every write the map has seen, as dots
   * @param stableCut the stable cut the map was last collected at (empty if never), within its context
   * @param latest    the greatest timestamp the map ever merged, collected tombstones included; {@code null} for
   *                  the greatest of {@code registers} (and when there is none)
   * @param <K>       the key type
   * @param <V>       the value type
   */
  @API(status = INTERNAL, since = "0.1")
  public record Parts<K, V>(Map<K, LWWRegister<V>> registers, Map<K, Dot> dots, Map<K, V> settled,
      CausalContext context, VectorClock stableCut, @Nullable HlcTimestamp latest) {}

  /**
   * The map rebuilt from its parts, garbage-collection metadata included, after checking that they make a valid
   * state: for codecs and snapshots, not for applications. {@code LWWMap.fromParts(m.parts())} equals {@code m}.
   *
   * @param parts what {@link #parts()} returned, or a decoder read
   * @param <K>   the key type
   * @param <V>   the value type
   * @return the map
   * @throws IllegalArgumentException if a register was never written, a dot belongs to no key, is beyond the
   *     context or is held twice, a key is both settled and written, the stable cut is beyond the context, a
   *     register is newer than the latest timestamp, or there are settled keys but no latest timestamp (they were
   *     written at one)
   * @throws NullPointerException if a part, a key, a register or a settled value is null
   */
  @API(status = INTERNAL, since = "0.1")
  public static <K, V> LWWMap<K, V> fromParts(Parts<K, V> parts) {
    Map<K, LWWRegister<V>> registers = parts.registers();
    Map<K, Dot> dots = parts.dots();
    Map<K, V> settled = parts.settled();
    CausalContext context = parts.context();
    VectorClock stableCut = parts.stableCut();
    HlcTimestamp latest = parts.latest();
    HashTrie<K, V> settledValues = HashTrie.empty();
    for (Tuple2<K, V> entry : settled) {
      Objects.requireNonNull(entry._1, "LWWMap settled key");
      Objects.requireNonNull(entry._2, "LWWMap settled value");
      if (registers.containsKey(entry._1)) {
        throw new IllegalArgumentException("LWWMap: key " + entry._1 + " is both settled and written");
      }
      settledValues = settledValues.put(entry._1, entry._2);
    }
    if (!stableCut.isLessOrEqual(context.vectorClock())) {
      throw new IllegalArgumentException("LWWMap: the stable cut " + stableCut + " is beyond the context " + context);
    }
    DotClaims claims = new DotClaims("LWWMap", context);
    HashTrie<K, LWWEntry<V>> entries = HashTrie.empty();
    for (Tuple2<K, LWWRegister<V>> entry : registers) {
      K key = Objects.requireNonNull(entry._1, "LWWMap key");
      LWWRegister<V> register = Objects.requireNonNull(entry._2, "LWWMap register");
      if (register.timestamp().isEmpty()) {
        throw new IllegalArgumentException("LWWMap: key " + key + " holds a register that was never written");
      }
      Dot dot = dots.get(key).getOrNull();
      if (dot != null) {
        claims.claim("key " + key, dot);
      }
      entries = entries.put(key, new LWWEntry<>(register, dot));
    }
    for (K key : dots.keySet()) {
      if (!registers.containsKey(key)) {
        throw new IllegalArgumentException("LWWMap: a dot is given for key " + key + ", which holds no register");
      }
    }
    HlcTimestamp newest = latestOf(registers.values());
    if (latest != null && newest != null && newest.isAfter(latest)) {
      throw new IllegalArgumentException("LWWMap: a register written at " + newest + " is newer than the latest"
          + " timestamp " + latest);
    }
    HlcTimestamp effective = latest != null ? latest : newest;
    if (effective == null && !settled.isEmpty()) {
      throw new IllegalArgumentException("LWWMap: settled keys need the latest timestamp (they were written at one)");
    }
    return entries.isEmpty() && settled.isEmpty() && context.isEmpty() && effective == null ? empty()
        : new LWWMap<>(entries, settledValues, context, stableCut, effective);
  }

  /**
   * This map's parts, for codecs and snapshots, not for applications (see {@link Parts}).
   *
   * @return the parts; {@link #fromParts} rebuilds an equal map from them
   */
  @API(status = INTERNAL, since = "0.1")
  public Parts<K, V> parts() {
    return new Parts<>(registers(), dots(), settled(), context, stableCut, latest);
  }

  private static @Nullable HlcTimestamp latestOf(Iterable<? extends LWWRegister<?>> registers) {
    HlcTimestamp newest = null;
    for (LWWRegister<?> register : registers) {
      HlcTimestamp timestamp = register.timestamp().getOrNull();
      if (timestamp != null && (newest == null || timestamp.isAfter(newest))) {
        newest = timestamp;
      }
    }
    return newest;
  }

  /**
   * {@code key} mapped to {@code value} at {@code timestamp}; {@code this} if the key holds a newer write.
   *
   * @param timestamp the write's timestamp; newer than the key's current write, or the write changes nothing
   * @param key       the key; not null, immutable, with value-based equals and hashCode
   * @param value     the value; not null
   * @return the map with the write; {@code this} if the key holds a newer one
   */
  public LWWMap<K, V> put(HlcTimestamp timestamp, K key, V value) {
    return write(key, LWWRegister.of(timestamp, value), false);
  }

  /**
   * The delta of {@link #put(HlcTimestamp, Object, Object)}; empty if the write loses here.
   *
   * @param timestamp the write's timestamp; newer than the key's current write, or the write changes nothing
   * @param key       the key; not null, immutable, with value-based equals and hashCode
   * @param value     the value; not null
   * @return the delta: the write alone; the empty map if it loses here
   */
  public LWWMap<K, V> deltaPut(HlcTimestamp timestamp, K key, V value) {
    return write(key, LWWRegister.of(timestamp, value), true);
  }

  /**
   * {@code key} mapped to {@code value} at a timestamp from {@code clock} after every write this map has merged
   * (collected tombstones included).
   *
   * @param clock     the replica's clock; it issues a timestamp after every write this map has merged
   * @param key       the key; not null, immutable, with value-based equals and hashCode
   * @param value     the value; not null
   * @return the map with the write
   * @throws io.crdtkit.clock.ClockOffsetException if the map's latest timestamp is too far ahead of the clock
   */
  public LWWMap<K, V> put(HybridLogicalClock clock, K key, V value) {
    return write(key, LWWRegister.of(after(clock), value), false);
  }

  /**
   * The delta of {@link #put(HybridLogicalClock, Object, Object)}.
   *
   * @param clock     the replica's clock; it issues a timestamp after every write this map has merged
   * @param key       the key; not null, immutable, with value-based equals and hashCode
   * @param value     the value; not null
   * @return the delta: the write alone
   * @throws io.crdtkit.clock.ClockOffsetException if the map's latest timestamp is too far ahead of the clock
   */
  public LWWMap<K, V> deltaPut(HybridLogicalClock clock, K key, V value) {
    return write(key, LWWRegister.of(after(clock), value), true);
  }

  /**
   * {@code key} removed at {@code timestamp}, leaving a tombstone; {@code this} if the key holds a newer write.
   *
   * @param timestamp the write's timestamp; newer than the key's current write, or the write changes nothing
   * @param key       the key; not null, immutable, with value-based equals and hashCode
   * @return the map with the tombstone; {@code this} if the key holds a newer write
   */
  public LWWMap<K, V> remove(HlcTimestamp timestamp, K key) {
    return write(key, LWWRegister.cleared(timestamp), false);
  }

  /**
   * The delta of {@link #remove(HlcTimestamp, Object)}; empty if the remove loses here.
   *
   * @param timestamp the write's timestamp; newer than the key's current write, or the write changes nothing
   * @param key       the key; not null, immutable, with value-based equals and hashCode
   * @return the delta: the remove alone; the empty map if it loses here
   */
  public LWWMap<K, V> deltaRemove(HlcTimestamp timestamp, K key) {
    return write(key, LWWRegister.cleared(timestamp), true);
  }

  /**
   * {@code key} removed at a timestamp from {@code clock} after every write this map has merged.
   *
   * @param clock     the replica's clock; it issues a timestamp after every write this map has merged
   * @param key       the key; not null, immutable, with value-based equals and hashCode
   * @return the map with the tombstone
   * @throws io.crdtkit.clock.ClockOffsetException if the map's latest timestamp is too far ahead of the clock
   */
  public LWWMap<K, V> remove(HybridLogicalClock clock, K key) {
    return write(key, LWWRegister.cleared(after(clock)), false);
  }

  /**
   * The delta of {@link #remove(HybridLogicalClock, Object)}.
   *
   * @param clock     the replica's clock; it issues a timestamp after every write this map has merged
   * @param key       the key; not null, immutable, with value-based equals and hashCode
   * @return the delta: the remove alone
   * @throws io.crdtkit.clock.ClockOffsetException if the map's latest timestamp is too far ahead of the clock
   */
  public LWWMap<K, V> deltaRemove(HybridLogicalClock clock, K key) {
    return write(key, LWWRegister.cleared(after(clock)), true);
  }

  /**
   * The greatest timestamp this map has ever merged, collected tombstones included. Writes with explicit
   * timestamps should come from a clock that has seen it: an older write to a key whose tombstone was collected
   * would take effect, where before collection it would have lost.
   */
  @Override
  public Option<HlcTimestamp> latestTimestamp() {
    return Option.of(latest);
  }

  private HlcTimestamp after(HybridLogicalClock clock) {
    Objects.requireNonNull(clock, "clock");
    return latest == null ? clock.now() : clock.update(latest);
  }

  /**
   * This map without the tombstones whose dot is at or below {@code stableCut}, its live keys left unsettled: what
   * {@link #collect} does to tombstones, alone, for tests that watch it. {@code this} if none.
   */
  LWWMap<K, V> dropStableTombstones(VectorClock stableCut) {
    HashTrie<K, LWWEntry<V>> kept =
        entries.update((key, entry) -> entry.register().isCleared() && entry.isBelow(stableCut) ? null : entry);
    return kept == entries ? this : new LWWMap<>(kept, settled, context, this.stableCut, latest);
  }

  /**
   * Drops the tombstones whose dot is at or below {@code stableCut} and settles the live keys whose dot is: every
   * replica has merged those writes, and this one has merged every write to their keys that was concurrent with
   * them, so any write it has not seen yet is newer (GC.md, refinement 9). {@code collapseCut} is not needed.
   */
  /** The prefix of the context: an LWWMap delta lists only the write it carries, so all it has seen it holds. */
  @Override
  public VectorClock progress() {
    return context.vectorClock();
  }

  @Override
  public LWWMap<K, V> collect(VectorClock stableCut, VectorClock collapseCut) {
    VectorClock raised = this.stableCut.merge(stableCut).intersect(context.vectorClock());
    HashTrie<K, LWWEntry<V>> kept = entries;
    HashTrie<K, V> nowSettled = settled;
    for (Tuple2<K, LWWEntry<V>> entry : entries) {
      if (entry._2.isBelow(raised)) {
        kept = kept.remove(entry._1);
        if (!entry._2.register().isCleared()) {
          nowSettled = nowSettled.put(entry._1, entry._2.register().value().get());
        }
      }
    }
    return kept == entries && raised.equals(this.stableCut) ? this
        : new LWWMap<>(kept, nowSettled, context, raised, latest);
  }

  /** The stable cut this map was last collected at (empty if never), within its context. */
  VectorClock stableCut() {
    return stableCut;
  }

  /** The settled keys and their values: live keys whose winning write was stable when the map was collected. */
  Map<K, V> settled() {
    return HashMap.ofEntries(settled);
  }

  /**
   * The value of {@code key}; empty if absent or removed.
   *
   * @param key any key
   * @return the value of the key's winning write (or settled value); empty if absent or removed
   */
  public Option<V> get(K key) {
    return register(key).value().orElse(() -> Option.of(settled.get(key)));
  }

  /**
   * Whether {@code key} has a value.
   *
   * @param key any key
   * @return {@code true} if the key has a value
   */
  public boolean containsKey(K key) {
    return get(key).isDefined();
  }

  /**
   * The live entries: keys with a value.
   *
   * @return each live key with its value, as a Vavr map
   */
  public Map<K, V> value() {
    return HashMap.ofEntries(Iterator.concat(settled, entries.iterator()
        .filter(entry -> !entry._2.register().isCleared())
        .map(entry -> entry.map2(written -> written.register().value().get()))));
  }

  /**
   * The live entries as an unmodifiable {@code java.util.Map}, for Java code that does not use Vavr. It is a view of
   * {@link #value()}, not a copy of it: {@code size}, {@code contains} and {@code get} are answered by the Vavr value,
   * and mutators throw {@link UnsupportedOperationException}.
   *
   * @return a view of the value of this state (a later state is another object, and does not change it)
   */
  public java.util.Map<K, V> valueAsJava() {
    return JavaViews.map(value());
  }

  /**
   * The number of live keys.
   *
   * @return how many keys have a value
   */
  public int size() {
    return settled.size() + entries.values().count(entry -> !entry.register().isCleared());
  }

  /** The number of tombstones held: removed keys kept so that older puts cannot revive them. */
  @Override
  public int tombstones() {
    return entries.values().count(entry -> entry.register().isCleared());
  }

  /** Every unsettled key's register, tombstones included. */
  Map<K, LWWRegister<V>> registers() {
    return HashMap.ofEntries(entries.iterator().map(entry -> entry.map2(LWWEntry::register)));
  }

  /** The dot each key's winning write was recorded under (keys rebuilt without one are absent). */
  Map<K, Dot> dots() {
    return HashMap.ofEntries(entries.iterator().filter(entry -> entry._2.dot() != null)
        .map(entry -> entry.map2(written -> Objects.requireNonNull(written.dot()))));
  }

  @Override
  public CausalContext context() {
    return context;
  }

  @Override
  public LWWMap<K, V> renameReplica(ReplicaId from, ReplicaId to, long offset) {
    HashTrie<K, LWWEntry<V>> renamed = entries.update((key, entry) -> entry.dot() == null
        || !entry.dot().replica().equals(from)
        ? entry
        : new LWWEntry<>(entry.register(), DotStore.renamed(entry.dot(), from, to, offset)));
    CausalContext renamedContext = context.rename(from, to, offset);
    VectorClock renamedCut = Cuts.rename(stableCut, from, to, offset);
    return renamed == entries && renamedContext == context && renamedCut.equals(stableCut) ? this
        : new LWWMap<>(renamed, settled, renamedContext, renamedCut, latest);
  }

  /** Folds {@code retired}'s dots into the heir's block (see {@link Retirable}); timestamps keep their replica. */
  @Override
  public LWWMap<K, V> retire(ReplicaId retired, ReplicaId heir) {
    CausalContext filled = context.fillGaps(retired);
    return new LWWMap<>(entries, settled, filled, stableCut, latest)
        .renameReplica(retired, heir, filled.vectorClock().get(heir));
  }

  @Override
  public LWWMap<K, V> withContext(CausalContext seen) {
    CausalContext merged = context.merge(seen);
    return merged == context ? this : new LWWMap<>(entries, settled, merged, stableCut, latest);
  }

  /**
   * Key by key, the write with the greater timestamp. A key only one side holds stays, unless the other side has
   * seen its dot: then the other side dropped it as a stable tombstone, settled it, or holds something newer. A
   * settled key loses only to a write its side has not seen, and goes where the other side lacks it having seen
   * the stable cut it was settled at (GC.md, refinement 9).
   * (Two different writes with one timestamp keep one of them, see {@link LWWRegister#merge}.)
   */
  @Override
  public LWWMap<K, V> merge(LWWMap<K, V> other) {
    if (other == this) {
      return this;
    }
    LWWMap<K, V> ownResult = OwnDelta.resultOfMerging(other.own, this);
    if (ownResult != null) {
      return ownResult;
    }
    LWWMapJoin<K, V> join = new LWWMapJoin<>(entries, settled, context, stableCut);
    join.with(other.entries, other.settled, other.context, other.stableCut);
    CausalContext mergedContext = context.merge(other.context);
    VectorClock mergedCut = stableCut.merge(other.stableCut).intersect(mergedContext.vectorClock());
    HlcTimestamp mergedLatest = later(latest, other.latest);
    return join.entries() == entries && join.settled() == settled && mergedContext == context
        && mergedCut.equals(stableCut) && mergedLatest == latest
        ? this
        : new LWWMap<>(join.entries(), join.settled(), mergedContext, mergedCut, mergedLatest);
  }

  @Override
  public boolean isLessOrEqual(LWWMap<K, V> other) {
    return context.isLessOrEqual(other.context) && merge(other).equals(other);
  }

  @Override
  public LWWMap<K, V> bottom() {
    return empty();
  }

  /**
   * Records {@code written} for {@code key} under a new dot, if it wins here; its delta alone if asked. A settled
   * key's timestamp is gone: a write wins over it if it is after the latest timestamp (always true through a
   * clock), and otherwise loses, as it may have.
   */
  /** This map without what a delta remembers ({@link OwnDelta#forget}). */
  LWWMap<K, V> withoutOwnDelta() {
    return own == null ? this : new LWWMap<>(entries, settled, context, stableCut, latest);
  }

  private LWWMap<K, V> write(K key, LWWRegister<V> written, boolean deltaOnly) {
    if (deltaOnly) {
      // The write itself (one descent), then the delta alone, which remembers it.
      LWWMap<K, V> result = write(key, written, false);
      if (result == this) {
        return empty();
      }
      HlcTimestamp timestamp = written.timestamp().get();
      Dot dot = context.nextDot(timestamp.replica());
      return new LWWMap<>(HashTrie.<K, LWWEntry<V>>empty().put(key, new LWWEntry<>(written, dot)), HashTrie.empty(),
          CausalContext.empty().add(dot), VectorClock.empty(), timestamp, new OwnDelta<>(this, result));
    }
    HlcTimestamp timestamp = written.timestamp().get();
    boolean isSettled = settled.containsKey(Objects.requireNonNull(key, "LWWMap key"));
    // The dot is only minted (added to the context) if the write wins.
    Dot dot = context.nextDot(timestamp.replica());
    LWWEntry<V> entry = new LWWEntry<>(written, dot);
    if (!isSettled) {
      // The common write, in one descent of the trie: the new entry replaces the key's entry if it wins over it.
      HashTrie<K, LWWEntry<V>> updated = entries.compute(key,
          current -> current == null || current.register().merge(written) == written ? entry : current);
      return updated == entries ? this
          : new LWWMap<>(updated, settled, context.add(dot), stableCut, later(latest, timestamp));
    }
    LWWRegister<V> winner = isSettled
        ? (latest == null || timestamp.isAfter(latest) ? written : LWWRegister.empty())
        : register(key).merge(written);
    if (winner != written) {
      return this;
    }
    return new LWWMap<>(entries.put(key, entry), settled.remove(key), context.add(dot), stableCut,
        later(latest, timestamp));
  }

  private static @Nullable HlcTimestamp later(@Nullable HlcTimestamp one, @Nullable HlcTimestamp other) {
    if (one == null) {
      return other;
    }
    return other == null || !other.isAfter(one) ? one : other;
  }

  private LWWRegister<V> register(K key) {
    LWWEntry<V> entry = entries.get(Objects.requireNonNull(key, "LWWMap key"));
    return entry == null ? LWWRegister.empty() : entry.register();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LWWMap<?, ?> other && entries.equals(other.entries) && settled.equals(other.settled)
        && context.equals(other.context) && stableCut.equals(other.stableCut) && Objects.equals(latest, other.latest);
  }

  @Override
  public int hashCode() {
    return Objects.hash(entries, settled, context, stableCut, latest);
  }

  /** {@code LWWMap{theme=LWWRegister(dark @ ...) #a:1, lang=LWWRegister(cleared @ ...) #b:1} | seen {a:1, b:1}}. */
  @Override
  public String toString() {
    String settledPart = settled.isEmpty() ? "" : " settled " + settled.iterator().map(e -> e._1 + "=" + e._2)
        .mkString("{", ", ", "}");
    return "LWWMap" + entries.iterator().map(e -> e._1 + "=" + e._2).mkString("{", ", ", "}") + settledPart
        + " | seen " + context;
  }
}
