package io.crdtkit;

import static org.apiguardian.api.API.Status.STABLE;

import io.crdtkit.clock.ReplicaId;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A counter that goes up and down: two grow-only counters, one of increments and one of decrements; the value
 * is their difference. Concurrent increments and decrements all count.
 *
 * <pre>{@code
 * PNCounter stock = PNCounter.empty().increment(A, 10);
 * stock.decrement(A, 3).merge(stock.decrement(B, 4)).value() == 3
 * }</pre>
 *
 * <p>It is not a bounded counter: concurrent decrements can take it below any floor you check locally.
 *
 * <p><b>Metadata.</b> Up to two entries per replica that ever changed it.
 */
@API(status = STABLE, since = "0.1")
public final class PNCounter implements DeltaCrdt<PNCounter>, Retirable<PNCounter> {

  private static final PNCounter ZERO = new PNCounter(GCounter.empty(), GCounter.empty());

  private final GCounter increments;
  private final GCounter decrements;

  // A delta that deltaIncrement or deltaDecrement just made: the counter it was made from and the counter with the
  // change, so that merging it back into that counter is a lookup (see OwnDelta). Null otherwise; no part of
  // equality. It costs no memory: the object has room for a third field.
  private final @Nullable OwnDelta<PNCounter> own;

  private PNCounter(GCounter increments, GCounter decrements) {
    this(increments, decrements, null);
  }

  private PNCounter(GCounter increments, GCounter decrements, @Nullable OwnDelta<PNCounter> own) {
    this.increments = increments;
    this.decrements = decrements;
    this.own = own;
  }

  /** This counter without what a delta remembers ({@link OwnDelta#forget}). */
  PNCounter withoutOwnDelta() {
    return own == null ? this : new PNCounter(increments, decrements);
  }

  /**
   * The counter at 0.
   *
   * @return the empty counter
   */
  public static PNCounter empty() {
    return ZERO;
  }

  /**
   * The counter made of these grow-only counters of increments and decrements.
   *
   * @param increments every replica's total of increments
   * @param decrements every replica's total of decrements
   * @return the counter; its value is their difference
   */
  public static PNCounter of(GCounter increments, GCounter decrements) {
    return new PNCounter(increments, decrements);
  }

  /**
   * One more, counted for {@code replica}.
   *
   * @param replica the replica that counts
   * @return the counter, one higher
   */
  public PNCounter increment(ReplicaId replica) {
    return increment(replica, 1);
  }

  /**
   * {@code amount} more, counted for {@code replica}.
   *
   * @param replica the replica that counts
   * @param amount  how much more; not negative
   * @return the counter, {@code amount} higher
   * @throws IllegalArgumentException if {@code amount} is negative (use {@link #decrement})
   */
  public PNCounter increment(ReplicaId replica, long amount) {
    return with(increments.increment(replica, nonNegative(amount, "increment")), decrements);
  }

  /**
   * The delta of {@link #increment(ReplicaId, long)}: the replica's new total of increments, and its unchanged
   * total of decrements, so that the delta includes every earlier delta of that replica (a map holding counter
   * deltas then keeps one per replica).
   *
   * @param replica the replica that counts
   * @param amount  how much more; not negative
   * @return the delta, a counter holding the replica's entries only
   * @throws IllegalArgumentException if {@code amount} is negative
   */
  public PNCounter deltaIncrement(ReplicaId replica, long amount) {
    return new PNCounter(increments.deltaIncrement(replica, nonNegative(amount, "increment")),
        decrements.deltaIncrement(replica, 0), new OwnDelta<>(this, increment(replica, amount)));
  }

  /**
   * One less, counted for {@code replica}.
   *
   * @param replica the replica that counts
   * @return the counter, one lower
   */
  public PNCounter decrement(ReplicaId replica) {
    return decrement(replica, 1);
  }

  /**
   * {@code amount} less, counted for {@code replica}.
   *
   * @param replica the replica that counts
   * @param amount  how much less; not negative
   * @return the counter, {@code amount} lower
   * @throws IllegalArgumentException if {@code amount} is negative (use {@link #increment})
   */
  public PNCounter decrement(ReplicaId replica, long amount) {
    return with(increments, decrements.increment(replica, nonNegative(amount, "decrement")));
  }

  /**
   * The delta of {@link #decrement(ReplicaId, long)}: both of the replica's totals, as for increments.
   *
   * @param replica the replica that counts
   * @param amount  how much less; not negative
   * @return the delta, a counter holding the replica's entries only
   * @throws IllegalArgumentException if {@code amount} is negative
   */
  public PNCounter deltaDecrement(ReplicaId replica, long amount) {
    return new PNCounter(increments.deltaIncrement(replica, 0),
        decrements.deltaIncrement(replica, nonNegative(amount, "decrement")),
        new OwnDelta<>(this, decrement(replica, amount)));
  }

  /**
   * Increments minus decrements.
   *
   * @return the counter's value
   * @throws ArithmeticException if the difference does not fit a {@code long}
   */
  public long value() {
    return Math.subtractExact(increments.value(), decrements.value());
  }

  /**
   * The grow-only counter of increments.
   *
   * @return every replica's total of increments
   */
  public GCounter increments() {
    return increments;
  }

  /**
   * The grow-only counter of decrements.
   *
   * @return every replica's total of decrements
   */
  public GCounter decrements() {
    return decrements;
  }

  /** Folds {@code retired}'s increments and decrements into {@code heir}'s (see {@link Retirable}). */
  @Override
  public PNCounter retire(ReplicaId retired, ReplicaId heir) {
    return with(increments.retire(retired, heir), decrements.retire(retired, heir));
  }

  @Override
  public PNCounter merge(PNCounter other) {
    PNCounter ownResult = OwnDelta.resultOfMerging(other.own, this);
    if (ownResult != null) {
      return ownResult;
    }
    return with(increments.merge(other.increments), decrements.merge(other.decrements));
  }

  @Override
  public boolean isLessOrEqual(PNCounter other) {
    return increments.isLessOrEqual(other.increments) && decrements.isLessOrEqual(other.decrements);
  }

  @Override
  public PNCounter bottom() {
    return ZERO;
  }

  private PNCounter with(GCounter newIncrements, GCounter newDecrements) {
    return newIncrements == increments && newDecrements == decrements
        ? this
        : new PNCounter(newIncrements, newDecrements);
  }

  private static long nonNegative(long amount, String operation) {
    if (amount < 0) {
      throw new IllegalArgumentException("PNCounter " + operation + " amount must be >= 0, got " + amount
          + "; use " + (operation.equals("increment") ? "decrement" : "increment") + " instead");
    }
    return amount;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PNCounter other && increments.equals(other.increments) && decrements.equals(other.decrements);
  }

  @Override
  public int hashCode() {
    return 31 * increments.hashCode() + decrements.hashCode();
  }

  /** {@code PNCounter(3, +{a:10}, -{a:3, b:4})}. */
  @Override
  public String toString() {
    return "PNCounter(" + value() + ", +" + increments.countsText() + ", -" + decrements.countsText() + ")";
  }
}
