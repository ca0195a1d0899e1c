package io.crdtkit;

import static org.apiguardian.api.API.Status.STABLE;

import io.crdtkit.clock.HlcTimestamp;
import io.crdtkit.clock.HybridLogicalClock;
import io.vavr.Tuple2;
import io.vavr.collection.HashMap;
import io.vavr.collection.Map;
import io.vavr.control.Option;
import java.util.Objects;
import org.apiguardian.api.API;

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
 * <p><b>Metadata.</b> A removed key stays as a tombstone (its remove timestamp) so that an older put arriving
 * later cannot revive it. The garbage collector drops tombstones once they are causally stable.
 *
 * @param <K> the key type; keys must be immutable and have value-based equals and hashCode
 * @param <V> the value type, likewise
 */
@API(status = STABLE, since = "0.1")
public final class LWWMap<K, V> implements DeltaCrdt<LWWMap<K, V>> {

  private static final LWWMap<?, ?> EMPTY = new LWWMap<>(HashMap.empty());

  // Never holds a register that was never written; cleared registers are the tombstones.
  private final Map<K, LWWRegister<V>> registers;

  private LWWMap(Map<K, LWWRegister<V>> registers) {
    this.registers = registers;
  }

  /** The empty map. */
  @SuppressWarnings("unchecked")
  public static <K, V> LWWMap<K, V> empty() {
    return (LWWMap<K, V>) EMPTY;
  }

  /**
   * The map holding these registers, tombstones included: for decoders and snapshots.
   *
   * @throws IllegalArgumentException if a register was never written (it would be no entry at all)
   */
  public static <K, V> LWWMap<K, V> of(Map<K, LWWRegister<V>> registers) {
    for (Tuple2<K, LWWRegister<V>> entry : registers) {
      Objects.requireNonNull(entry._1, "LWWMap key");
      if (entry._2.timestamp().isEmpty()) {
        throw new IllegalArgumentException("LWWMap: key " + entry._1 + " holds a register that was never written");
      }
    }
    return registers.isEmpty() ? empty() : new LWWMap<>(registers);
  }

  /** {@code key} mapped to {@code value} at {@code timestamp}; {@code this} if the key holds a newer write. */
  public LWWMap<K, V> put(HlcTimestamp timestamp, K key, V value) {
    return merge(deltaPut(timestamp, key, value));
  }

  /** The delta of {@link #put(HlcTimestamp, Object, Object)}. */
  public LWWMap<K, V> deltaPut(HlcTimestamp timestamp, K key, V value) {
    return single(key, LWWRegister.of(timestamp, value));
  }

  /** {@code key} mapped to {@code value} at a timestamp from {@code clock} after the key's current write. */
  public LWWMap<K, V> put(HybridLogicalClock clock, K key, V value) {
    return merge(deltaPut(clock, key, value));
  }

  /** The delta of {@link #put(HybridLogicalClock, Object, Object)}. */
  public LWWMap<K, V> deltaPut(HybridLogicalClock clock, K key, V value) {
    return single(key, register(key).deltaSet(clock, value));
  }

  /** {@code key} removed at {@code timestamp}, leaving a tombstone; {@code this} if the key holds a newer write. */
  public LWWMap<K, V> remove(HlcTimestamp timestamp, K key) {
    return merge(deltaRemove(timestamp, key));
  }

  /** The delta of {@link #remove(HlcTimestamp, Object)}. */
  public LWWMap<K, V> deltaRemove(HlcTimestamp timestamp, K key) {
    return single(key, LWWRegister.cleared(timestamp));
  }

  /** {@code key} removed at a timestamp from {@code clock} after the key's current write. */
  public LWWMap<K, V> remove(HybridLogicalClock clock, K key) {
    return merge(deltaRemove(clock, key));
  }

  /** The delta of {@link #remove(HybridLogicalClock, Object)}. */
  public LWWMap<K, V> deltaRemove(HybridLogicalClock clock, K key) {
    return single(key, register(key).deltaClear(clock));
  }

  /** The value of {@code key}; empty if absent or removed. */
  public Option<V> get(K key) {
    return register(key).value();
  }

  /** Whether {@code key} has a value. */
  public boolean containsKey(K key) {
    return get(key).isDefined();
  }

  /** The live entries: keys with a value. */
  public Map<K, V> value() {
    return registers.filterValues(register -> !register.isCleared()).mapValues(register -> register.value().get());
  }

  /** The number of live keys. */
  public int size() {
    return registers.count(entry -> !entry._2.isCleared());
  }

  /** The number of tombstones held: removed keys kept so that older puts cannot revive them. */
  public int tombstones() {
    return registers.count(entry -> entry._2.isCleared());
  }

  /** Every key's register, tombstones included. */
  public Map<K, LWWRegister<V>> registers() {
    return registers;
  }

  /**
   * Key by key, the write with the greater timestamp.
   *
   * @throws IllegalStateException if a key holds different writes with one timestamp on the two sides
   */
  @Override
  public LWWMap<K, V> merge(LWWMap<K, V> other) {
    if (other == this || other.registers.isEmpty()) {
      return this;
    }
    if (registers.isEmpty()) {
      return other;
    }
    Map<K, LWWRegister<V>> merged = registers;
    for (var theirs : other.registers) {
      LWWRegister<V> mine = register(theirs._1);
      LWWRegister<V> winner = mine.merge(theirs._2);
      if (winner != mine) {
        merged = merged.put(theirs._1, winner);
      }
    }
    return merged == registers ? this : new LWWMap<>(merged);
  }

  @Override
  public boolean isLessOrEqual(LWWMap<K, V> other) {
    return registers.forAll(mine -> mine._2.isLessOrEqual(other.register(mine._1)));
  }

  @Override
  public LWWMap<K, V> bottom() {
    return empty();
  }

  private LWWRegister<V> register(K key) {
    return registers.getOrElse(Objects.requireNonNull(key, "LWWMap key"), LWWRegister.empty());
  }

  private LWWMap<K, V> single(K key, LWWRegister<V> register) {
    return new LWWMap<>(HashMap.of(Objects.requireNonNull(key, "LWWMap key"), register));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LWWMap<?, ?> other && registers.equals(other.registers);
  }

  @Override
  public int hashCode() {
    return registers.hashCode();
  }

  /** {@code LWWMap{theme=LWWRegister(dark @ ...), lang=LWWRegister(cleared @ ...)}}. */
  @Override
  public String toString() {
    return "LWWMap" + registers.iterator().map(e -> e._1 + "=" + e._2).mkString("{", ", ", "}");
  }
}
