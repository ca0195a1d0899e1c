package io.crdtkit.clock;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Comparator;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One event: the {@code counter}-th update minted by {@code replica}. Dots tag the updates that causal CRDTs
 * (ORSet, MVRegister, flags, ORMap) can later observe and remove.
 *
 * <p>Dots are ordered by replica, then counter; the order only makes iteration and encodings deterministic,
 * it says nothing about causality.
 *
 * @param replica the replica incarnation that minted the dot
 * @param counter its sequence number at that replica, starting at 1
 */
@API(status = STABLE, since = "0.1")
public record Dot(ReplicaId replica, long counter) implements Comparable<Dot> {

  private static final Comparator<Dot> ORDER =
      Comparator.comparing(Dot::replica).thenComparingLong(Dot::counter);

  /**
   * The dot, checked.
   *
   * @param replica the replica incarnation that minted the dot
   * @param counter its sequence number at that replica, at least 1
   * @throws NullPointerException     if {@code replica} is null
   * @throws IllegalArgumentException if {@code counter} is below 1
   */
  public Dot {
    Objects.requireNonNull(replica, "dot replica");
    if (counter < 1) {
      throw new IllegalArgumentException("dot counter must be >= 1, got " + counter + " for " + replica);
    }
  }

  /**
   * The dot {@code (replica, counter)}.
   *
   * @param replica the replica incarnation that minted the dot
   * @param counter its sequence number at that replica, at least 1
   * @return the dot
   * @throws IllegalArgumentException if {@code counter} is below 1
   */
  public static Dot of(ReplicaId replica, long counter) {
    return new Dot(replica, counter);
  }

  /**
   * The next dot of the same replica.
   *
   * @return the dot with the same replica and the counter after this one's
   * @throws ArithmeticException if the counter is {@code Long.MAX_VALUE}
   */
  public Dot next() {
    return new Dot(replica, Math.addExact(counter, 1));
  }

  @Override
  public int compareTo(Dot other) {
    return ORDER.compare(this, other);
  }

  /** {@code replica:counter}, e.g. {@code a:3}. */
  @Override
  public String toString() {
    return replica + ":" + counter;
  }
}
