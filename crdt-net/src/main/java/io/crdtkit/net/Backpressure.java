package io.crdtkit.net;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What a local update does when its key, or the node, already has as many updates pending (applied here, not yet
 * handed to JGroups) as {@link CrdtNodeBuilder#maxPendingUpdates} or {@link CrdtNodeBuilder#maxPendingUpdatesPerNode}
 * allow: wait for the next flush to make room, or fail at once. Either way nothing queues without bound.
 *
 * <pre>{@code
 * CrdtNode.builder("shop").stack(JGroupsStack.inJvm())
 *     .maxPendingUpdates(1_000)
 *     .whenPendingFull(Backpressure.waitUpTo(Duration.ofMillis(200)))   // or Backpressure.fail()
 *     .start();
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.2")
public final class Backpressure {

  private static final Backpressure FAIL = new Backpressure(Duration.ZERO);

  private final Duration maxWait;

  private Backpressure(Duration maxWait) {
    this.maxWait = maxWait;
  }

  /**
   * An update that finds no room fails at once with a {@link PendingUpdatesFullException}, changing nothing.
   *
   * @return the policy that never waits
   */
  public static Backpressure fail() {
    return FAIL;
  }

  /**
   * An update that finds no room waits on its caller's thread until a flush makes room, and fails with a
   * {@link PendingUpdatesFullException} (changing nothing) if none comes within {@code timeout}. An update made on the
   * node's protocol thread (in a listener of a received change) never waits: that thread is the one that makes room.
   *
   * @param timeout the longest wait; positive, not null
   * @return the policy that waits up to {@code timeout}
   * @throws IllegalArgumentException if {@code timeout} is zero or negative
   * @throws NullPointerException     if {@code timeout} is null
   */
  public static Backpressure waitUpTo(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the wait of Backpressure.waitUpTo must be positive, got " + timeout
          + "; use Backpressure.fail() not to wait");
    }
    return new Backpressure(timeout);
  }

  /**
   * How long an update waits for room.
   *
   * @return the longest wait; zero for {@link #fail()}
   */
  public Duration maxWait() {
    return maxWait;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Backpressure that && maxWait.equals(that.maxWait);
  }

  @Override
  public int hashCode() {
    return maxWait.hashCode();
  }

  @Override
  public String toString() {
    return maxWait.isZero() ? "Backpressure.fail()" : "Backpressure.waitUpTo(" + maxWait + ")";
  }
}
