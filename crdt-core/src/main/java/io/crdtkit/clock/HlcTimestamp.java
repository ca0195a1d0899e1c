package io.crdtkit.clock;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Comparator;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A hybrid-logical-clock timestamp: the greatest physical time seen ({@code wallTime}, in milliseconds since the
 * epoch), a {@code logical} counter that orders events within that millisecond, and the replica that issued it.
 *
 * <p>Timestamps are totally ordered by {@code (wallTime, logical, replica)}: the replica id breaks ties, so two
 * writes made in the same millisecond on two replicas still have a winner that every replica agrees on.
 *
 * @param wallTime milliseconds since the epoch, {@code >= 0}
 * @param logical  the counter within {@code wallTime}, {@code >= 0}
 * @param replica  the replica incarnation whose clock issued the timestamp
 */
@API(status = STABLE, since = "0.1")
public record HlcTimestamp(long wallTime, int logical, ReplicaId replica) implements Comparable<HlcTimestamp> {

  private static final Comparator<HlcTimestamp> ORDER =
      Comparator.comparingLong(HlcTimestamp::wallTime)
          .thenComparingInt(HlcTimestamp::logical)
          .thenComparing(HlcTimestamp::replica);

  /**
   * The timestamp, checked.
   *
   * @param wallTime milliseconds since the epoch, {@code >= 0}
   * @param logical  the counter within {@code wallTime}, {@code >= 0}
   * @param replica  the replica incarnation whose clock issued the timestamp
   * @throws NullPointerException     if {@code replica} is null
   * @throws IllegalArgumentException if {@code wallTime} or {@code logical} is negative
   */
  public HlcTimestamp {
    Objects.requireNonNull(replica, "timestamp replica");
    if (wallTime < 0) {
      throw new IllegalArgumentException("timestamp wall time must be >= 0, got " + wallTime);
    }
    if (logical < 0) {
      throw new IllegalArgumentException("timestamp logical counter must be >= 0, got " + logical);
    }
  }

  /**
   * The timestamp {@code (wallTime, logical, replica)}.
   *
   * @param wallTime milliseconds since the epoch, {@code >= 0}
   * @param logical  the counter within {@code wallTime}, {@code >= 0}
   * @param replica  the replica incarnation whose clock issued the timestamp
   * @return the timestamp
   * @throws IllegalArgumentException if {@code wallTime} or {@code logical} is negative
   */
  public static HlcTimestamp of(long wallTime, int logical, ReplicaId replica) {
    return new HlcTimestamp(wallTime, logical, replica);
  }

  /**
   * Whether this timestamp orders after {@code other}: by wall time, then logical counter, then replica.
   *
   * @param other another timestamp
   * @return {@code true} if this one is strictly later
   */
  public boolean isAfter(HlcTimestamp other) {
    return compareTo(other) > 0;
  }

  @Override
  public int compareTo(HlcTimestamp other) {
    return ORDER.compare(this, other);
  }

  /** {@code wallTime.logical@replica}, e.g. {@code 1732872000000.2@a}. */
  @Override
  public String toString() {
    return wallTime + "." + logical + "@" + replica;
  }
}
