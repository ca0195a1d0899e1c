package io.crdtkit;

import static org.apiguardian.api.API.Status.STABLE;

import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import io.vavr.collection.SortedMap;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A grow-only counter: each replica counts its own increments, merge keeps the larger count per replica, and the
 * value is the sum. Concurrent increments all count; the value never goes down.
 *
 * <pre>{@code
 * GCounter a = GCounter.empty().increment(A, 2);
 * GCounter b = GCounter.empty().increment(B, 3);
 * a.merge(b).value() == 5
 * a.merge(b).merge(b).value() == 5        // merging again counts nothing twice
 * }</pre>
 *
 * <p><b>Metadata.</b> One entry per replica that ever incremented. Entries of retired replicas are what the
 * garbage collector folds away.
 */
@API(status = STABLE, since = "0.1")
public final class GCounter implements DeltaCrdt<GCounter>, Retirable<GCounter> {

  private static final GCounter ZERO = new GCounter(VectorClock.empty());

  // A vector clock is exactly a map of per-replica counts merged by pointwise maximum.
  private final VectorClock counts;
  // The count of the last replica to increment this counter, over what counts holds for it (null: none, counts is
  // the whole). A replica increments its own entry again and again: this keeps that entry beside the clock, so such
  // an increment copies no array of every replica's count (528 bytes at 64 replicas), only this object. The replica
  // always has an entry in counts (so folding it back copies the counts, never the replicas), at most this count.
  private final @Nullable ReplicaId raised;
  private final long raisedCount;

  private GCounter(VectorClock counts) {
    this(counts, null, 0);
  }

  private GCounter(VectorClock counts, @Nullable ReplicaId raised, long raisedCount) {
    this.counts = counts;
    this.raised = raised;
    this.raisedCount = raisedCount;
  }

  /** Whether {@code replica} is the one whose count is kept beside the clock. */
  private boolean isRaised(ReplicaId replica) {
    return raised != null && (replica == raised || raised.equals(replica));
  }

  /** Every replica's count, the raised entry included (a new clock if there is one). */
  private VectorClock clock() {
    return raised == null ? counts : counts.advance(raised, raisedCount);
  }

  /**
   * The counter at 0.
   *
   * @return the empty counter
   */
  public static GCounter empty() {
    return ZERO;
  }

  /**
   * The counter holding these per-replica counts.
   *
   * @param counts each replica's count; not negative (0 counts are dropped)
   * @return the counter
   * @throws IllegalArgumentException if a count is negative
   */
  public static GCounter of(java.util.Map<ReplicaId, Long> counts) {
    return new GCounter(VectorClock.of(counts));
  }

  /**
   * One more for {@code replica}.
   *
   * @param replica the replica that counts
   * @return the counter, one higher
   */
  public GCounter increment(ReplicaId replica) {
    return increment(replica, 1);
  }

  /**
   * {@code amount} more for {@code replica}; {@code this} if {@code amount} is 0.
   *
   * @param replica the replica that counts
   * @param amount  how much more; not negative
   * @return the counter, {@code amount} higher
   * @throws IllegalArgumentException if {@code amount} is negative: a grow-only counter cannot go down (use a
   *     {@link PNCounter})
   * @throws ArithmeticException if the replica's count would overflow a {@code long}
   */
  public GCounter increment(ReplicaId replica, long amount) {
    Objects.requireNonNull(replica, "replica");
    if (amount < 0) {
      throw new IllegalArgumentException(
          "GCounter increment must be >= 0, got " + amount + " for " + replica + "; use a PNCounter to decrement");
    }
    // One entry changes: raise it, rather than build a delta and merge it.
    if (amount == 0) {
      return this;
    }
    if (isRaised(replica)) {
      return new GCounter(counts, raised, Math.addExact(raisedCount, amount));
    }
    // Another replica: the raised entry goes into the clock (one copy of the counts, what an increment cost before),
    // and this one is raised instead. A replica new to the clock gets its entry there first.
    VectorClock whole = clock();
    long current = whole.get(replica);
    if (current == 0) {
      return new GCounter(whole.increment(replica, amount), replica, amount);
    }
    return new GCounter(whole, replica, Math.addExact(current, amount));
  }

  /**
   * The delta of {@link #increment(ReplicaId, long)}: the replica's new count, alone (0 counts too).
   *
   * @param replica the replica that counts
   * @param amount  how much more; not negative
   * @return the delta, a counter holding the replica's entry only
   * @throws IllegalArgumentException if {@code amount} is negative
   * @throws ArithmeticException if the replica's count would overflow a {@code long}
   */
  public GCounter deltaIncrement(ReplicaId replica, long amount) {
    Objects.requireNonNull(replica, "replica");
    if (amount < 0) {
      throw new IllegalArgumentException(
          "GCounter increment must be >= 0, got " + amount + " for " + replica + "; use a PNCounter to decrement");
    }
    long count = Math.addExact(get(replica), amount);
    return count == 0 ? ZERO : new GCounter(VectorClock.empty().advance(replica, count));
  }

  /**
   * The sum of all replicas' counts.
   *
   * @return the counter's value
   * @throws ArithmeticException if the sum exceeds {@code Long.MAX_VALUE} (each count fits, their sum does not)
   */
  public long value() {
    // The others' sum, then the raised entry: overflows exactly when the whole clock's sum would (no count is
    // negative).
    return raised == null ? counts.sum() : Math.addExact(counts.sum() - counts.get(raised), raisedCount);
  }

  /**
   * The count contributed by {@code replica}.
   *
   * @param replica any replica
   * @return its count; 0 if it never counted
   */
  public long get(ReplicaId replica) {
    return isRaised(replica) ? raisedCount : counts.get(replica);
  }

  /**
   * The per-replica counts, sorted by replica.
   *
   * @return each replica that counted, with its count
   */
  public SortedMap<ReplicaId, Long> entries() {
    return clock().entries();
  }

  /** Adds {@code retired}'s count to {@code heir}'s entry and drops its own (see {@link Retirable}). */
  @Override
  public GCounter retire(ReplicaId retired, ReplicaId heir) {
    VectorClock counts = clock();
    long count = counts.get(retired);
    if (count == 0) {
      return this;
    }
    VectorClock without = counts.without(retired);
    return new GCounter(without.advance(heir, Math.addExact(without.get(heir), count)));
  }

  @Override
  public GCounter merge(GCounter other) {
    long theirsRaised =
        raised != null && other.raised == null && other.counts.size() == 1 ? other.counts.get(raised) : 0;
    if (theirsRaised > 0) {
      // A delta of the replica raised here (its own increment coming back, or a peer's): no copy of the counts.
      return theirsRaised <= raisedCount ? this : new GCounter(counts, raised, theirsRaised);
    }
    VectorClock mine = clock();
    VectorClock theirs = other.clock();
    VectorClock merged = mine.merge(theirs);
    return merged == mine ? this : merged == theirs ? other : new GCounter(merged);
  }

  @Override
  public boolean isLessOrEqual(GCounter other) {
    return clock().isLessOrEqual(other.clock());
  }

  @Override
  public GCounter bottom() {
    return ZERO;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GCounter other && clock().equals(other.clock());
  }

  @Override
  public int hashCode() {
    return clock().hashCode();
  }

  /** The per-replica counts as text, {@code {a:2, b:3}}. */
  String countsText() {
    return clock().toString();
  }

  /** {@code GCounter(5, {a:2, b:3})}. */
  @Override
  public String toString() {
    return "GCounter(" + value() + ", " + countsText() + ")";
  }
}
