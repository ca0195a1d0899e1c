package io.crdtkit;

import static org.apiguardian.api.API.Status.STABLE;

import io.crdtkit.clock.HlcTimestamp;
import io.crdtkit.clock.HybridLogicalClock;
import io.vavr.control.Option;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A last-writer-wins register on hybrid-logical-clock timestamps: of two writes, the one with the greater
 * timestamp wins; equal physical times are ordered by the logical counter, then by replica id, so every replica
 * picks the same winner. A write can also <em>clear</em> the register.
 *
 * <pre>{@code
 * LWWRegister<String> r = LWWRegister.<String>empty().set(clockA, "light");
 * LWWRegister<String> s = r.set(clockB, "dark");       // clockB has seen r's timestamp: "dark" wins
 * r.merge(s).value()  -> Some(dark)
 * s.merge(r).value()  -> Some(dark)                      // same winner in any order
 * }</pre>
 *
 * <p>Concurrent writes lose silently to the greater timestamp; if both must survive, use an {@link MVRegister}.
 * Writing through a {@link HybridLogicalClock} guarantees that a write beats every write its replica has seen.
 *
 * <p><b>Metadata.</b> One timestamp.
 *
 * @param <V> the value type; values must be immutable and have value-based equals and hashCode
 */
@API(status = STABLE, since = "0.1")
public final class LWWRegister<V> implements DeltaCrdt<LWWRegister<V>>, Timestamped {

  private static final LWWRegister<?> EMPTY = new LWWRegister<>(null, null);

  private final @Nullable HlcTimestamp timestamp;
  private final @Nullable V value;

  private LWWRegister(@Nullable HlcTimestamp timestamp, @Nullable V value) {
    this.timestamp = timestamp;
    this.value = value;
  }

  /**
   * The register that was never written.
   *
   * @param <V> the value type
   * @return the empty register: no value, no timestamp
   */
  @SuppressWarnings("unchecked")
  public static <V> LWWRegister<V> empty() {
    return (LWWRegister<V>) EMPTY;
  }

  /**
   * The register holding {@code value} written at {@code timestamp}.
   *
   * @param timestamp the write's timestamp
   * @param value     the value; not null
   * @param <V>       the value type
   * @return the register
   */
  public static <V> LWWRegister<V> of(HlcTimestamp timestamp, V value) {
    return new LWWRegister<>(
        Objects.requireNonNull(timestamp, "timestamp"), Objects.requireNonNull(value, "LWWRegister value"));
  }

  /**
   * The register cleared at {@code timestamp}: no value, but the clear wins over older writes.
   *
   * @param timestamp the clear's timestamp
   * @param <V>       the value type
   * @return the cleared register
   */
  public static <V> LWWRegister<V> cleared(HlcTimestamp timestamp) {
    return new LWWRegister<>(Objects.requireNonNull(timestamp, "timestamp"), null);
  }

  /**
   * {@code value} written at {@code timestamp}; {@code this} if the register already holds a newer write (the
   * stale write loses, exactly as it would when merged later).
   *
   * @param timestamp the write's timestamp; newer than every write it should win over
   * @param value     the value; not null
   * @return the register holding the newer of the two writes
   */
  public LWWRegister<V> set(HlcTimestamp timestamp, V value) {
    return merge(deltaSet(timestamp, value));
  }

  /**
   * The delta of {@link #set(HlcTimestamp, Object)}: the write alone.
   *
   * @param timestamp the write's timestamp; newer than every write it should win over
   * @param value     the value; not null
   * @return the delta; the empty register if the write loses here
   */
  public LWWRegister<V> deltaSet(HlcTimestamp timestamp, V value) {
    return of(timestamp, value);
  }

  /**
   * {@code value} written at a timestamp from {@code clock} that orders after the current write.
   *
   * @param clock     the replica's clock; the timestamp it issues orders after the current write's
   * @param value     the value; not null
   * @return the register holding the new write
   * @throws io.crdtkit.clock.ClockOffsetException if the current write's timestamp is too far ahead of the clock
   */
  public LWWRegister<V> set(HybridLogicalClock clock, V value) {
    return merge(deltaSet(clock, value));
  }

  /**
   * The delta of {@link #set(HybridLogicalClock, Object)}.
   *
   * @param clock     the replica's clock; the timestamp it issues orders after the current write's
   * @param value     the value; not null
   * @return the delta: the new write alone
   * @throws io.crdtkit.clock.ClockOffsetException if the current write's timestamp is too far ahead of the clock
   */
  public LWWRegister<V> deltaSet(HybridLogicalClock clock, V value) {
    return of(timestampAfterCurrent(clock), value);
  }

  /**
   * The register cleared at {@code timestamp}.
   *
   * @param timestamp the write's timestamp; newer than every write it should win over
   * @return the cleared register; {@code this} if it holds a newer write
   */
  public LWWRegister<V> clear(HlcTimestamp timestamp) {
    return merge(deltaClear(timestamp));
  }

  /**
   * The delta of {@link #clear(HlcTimestamp)}: the clear alone.
   *
   * @param timestamp the write's timestamp; newer than every write it should win over
   * @return the delta; the empty register if the clear loses here
   */
  public LWWRegister<V> deltaClear(HlcTimestamp timestamp) {
    return cleared(timestamp);
  }

  /**
   * The register cleared at a timestamp from {@code clock} that orders after the current write.
   *
   * @param clock     the replica's clock; the timestamp it issues orders after the current write's
   * @return the cleared register
   * @throws io.crdtkit.clock.ClockOffsetException if the current write's timestamp is too far ahead of the clock
   */
  public LWWRegister<V> clear(HybridLogicalClock clock) {
    return merge(deltaClear(clock));
  }

  /**
   * The delta of {@link #clear(HybridLogicalClock)}.
   *
   * @param clock     the replica's clock; the timestamp it issues orders after the current write's
   * @return the delta: the clear alone
   * @throws io.crdtkit.clock.ClockOffsetException if the current write's timestamp is too far ahead of the clock
   */
  public LWWRegister<V> deltaClear(HybridLogicalClock clock) {
    return cleared(timestampAfterCurrent(clock));
  }

  /**
   * The winning value.
   *
   * @return the value; empty if never written or cleared by the winning write
   */
  public Option<V> value() {
    return Option.of(value);
  }

  /**
   * The winning write's timestamp.
   *
   * @return the timestamp; empty if never written
   */
  public Option<HlcTimestamp> timestamp() {
    return Option.of(timestamp);
  }

  /**
   * The winning write's timestamp, the only one a register keeps.
   *
   * @return the timestamp; empty if never written
   */
  @Override
  public Option<HlcTimestamp> latestTimestamp() {
    return timestamp();
  }

  /**
   * Whether the winning write is a clear: a tombstone, in a map.
   *
   * @return {@code true} if cleared; {@code false} if it holds a value or was never written
   */
  public boolean isCleared() {
    return timestamp != null && value == null;
  }

  /**
   * The write with the greater timestamp. Two different writes with one timestamp (a hybrid logical clock never
   * issues one twice: a replica id reused after losing its clock, or forged input) keep one of them, the same on every
   * replica (by hash, then text), so that merging stays total.
   *
   * @param other another register
   * @return the register with the winning write; {@code this} if it is this one's
   */
  @Override
  public LWWRegister<V> merge(LWWRegister<V> other) {
    if (other.timestamp == null || other == this) {
      return this;
    }
    if (timestamp == null) {
      return other;
    }
    int order = timestamp.compareTo(other.timestamp);
    if (order == 0) {
      return Objects.equals(value, other.value) || !Conflicts.prefersTheirs(value, other.value) ? this : other;
    }
    return order > 0 ? this : other;
  }

  @Override
  public boolean isLessOrEqual(LWWRegister<V> other) {
    if (timestamp == null) {
      return true;
    }
    if (other.timestamp == null) {
      return false;
    }
    int order = timestamp.compareTo(other.timestamp);
    // Two different writes under one timestamp are unordered, as merge (which refuses them) says.
    return order < 0 || (order == 0 && Objects.equals(value, other.value));
  }

  @Override
  public LWWRegister<V> bottom() {
    return empty();
  }

  private HlcTimestamp timestampAfterCurrent(HybridLogicalClock clock) {
    Objects.requireNonNull(clock, "clock");
    return timestamp == null ? clock.now() : clock.update(timestamp);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LWWRegister<?> other
        && Objects.equals(timestamp, other.timestamp)
        && Objects.equals(value, other.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(timestamp, value);
  }

  /** {@code LWWRegister(dark @ 1732872000000.0@b)}, {@code LWWRegister(cleared @ ...)} or {@code LWWRegister()}. */
  @Override
  public String toString() {
    if (timestamp == null) {
      return "LWWRegister()";
    }
    return "LWWRegister(" + (value == null ? "cleared" : value) + " @ " + timestamp + ")";
  }
}
