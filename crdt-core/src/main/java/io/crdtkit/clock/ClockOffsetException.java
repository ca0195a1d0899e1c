package io.crdtkit.clock;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.Duration;
import org.apiguardian.api.API;

/**
 * A remote timestamp was further ahead of local physical time than the clock's configured maximum offset.
 * The clock did not move: accepting it would drag every later local timestamp into the future (and, with
 * last-writer-wins, let one replica with a broken clock win every write). Fix the remote clock, or raise the
 * maximum offset if the skew is expected.
 */
@API(status = STABLE, since = "0.1")
public final class ClockOffsetException extends RuntimeException {

  /** The rejected timestamp. */
  private final HlcTimestamp remote;
  /** Local physical time when it was rejected, in milliseconds since the epoch. */
  private final long localPhysicalTime;
  /** The offset the remote timestamp exceeded. */
  private final Duration maxOffset;

  /**
   * The rejection of {@code remote}, seen at {@code localPhysicalTime} by a clock allowing {@code maxOffset}.
   *
   * @param remote            the rejected timestamp
   * @param localPhysicalTime local physical time when it was rejected, in milliseconds since the epoch
   * @param maxOffset         the furthest a received timestamp may be ahead of local physical time
   */
  public ClockOffsetException(HlcTimestamp remote, long localPhysicalTime, Duration maxOffset) {
    super("remote timestamp " + remote + " is " + (remote.wallTime() - localPhysicalTime)
        + " ms ahead of local physical time " + localPhysicalTime + ", more than the maximum offset of "
        + maxOffset.toMillis() + " ms; the clock was not changed");
    this.remote = remote;
    this.localPhysicalTime = localPhysicalTime;
    this.maxOffset = maxOffset;
  }

  /**
   * The rejected timestamp.
   *
   * @return the timestamp the remote clock issued
   */
  public HlcTimestamp remote() {
    return remote;
  }

  /**
   * Local physical time when it was rejected.
   *
   * @return milliseconds since the epoch
   */
  public long localPhysicalTime() {
    return localPhysicalTime;
  }

  /**
   * The offset the remote timestamp exceeded.
   *
   * @return the clock's maximum offset
   */
  public Duration maxOffset() {
    return maxOffset;
  }
}
