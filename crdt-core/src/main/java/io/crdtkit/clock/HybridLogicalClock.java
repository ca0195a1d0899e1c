package io.crdtkit.clock;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A hybrid logical clock (Kulkarni, Demirbas et al., <em>Logical Physical Clocks</em>, OPODIS 2014): timestamps
 * that stay close to physical time yet never go backwards and always order an event after everything its
 * replica has seen, even when physical clocks are skewed or step back.
 *
 * <p>Use {@link #now()} for a local event or a send, and {@link #update(HlcTimestamp)} when a remote timestamp
 * is received (for instance before writing to a register that holds one):
 *
 * <pre>{@code
 * HybridLogicalClock clock = HybridLogicalClock.create(replica, Duration.ofSeconds(5));
 * HlcTimestamp t1 = clock.now();
 * HlcTimestamp t2 = clock.update(remoteTimestamp);   // t2 orders after t1 and after remoteTimestamp
 * }</pre>
 *
 * <p>A remote timestamp more than {@code maxOffset} ahead of local physical time is rejected with a
 * {@link ClockOffsetException} before the clock changes (§3.3 of the paper bounds the drift this way).
 *
 * <p>The logical counter is an {@code int}: it only grows while physical time stands still, so it overflows only
 * if a physical clock stops (or a peer sends a timestamp with a counter near {@code Integer.MAX_VALUE}); the clock
 * then throws {@link IllegalStateException} until physical time passes that millisecond, and stays unchanged.
 *
 * <p>This is the one stateful class of the clock package; it is thread-safe and lock-free.
 */
@API(status = STABLE, since = "0.1")
public final class HybridLogicalClock {

  /**
   * The maximum offset of {@link #create(ReplicaId)}: one minute. Hosts kept by NTP agree within milliseconds, a
   * drifting laptop within seconds; a peer a minute or more ahead has a broken clock, and its timestamps would win
   * every write made here until this clock catches up.
   */
  public static final Duration DEFAULT_MAX_OFFSET = Duration.ofMinutes(1);

  private final ReplicaId replica;
  private final InstantSource physicalClock;
  private final Duration maxOffset;
  private final long maxOffsetMillis;
  private final AtomicReference<HlcTimestamp> last;

  private HybridLogicalClock(ReplicaId replica, InstantSource physicalClock, Duration maxOffset) {
    this.replica = Objects.requireNonNull(replica, "replica");
    this.physicalClock = Objects.requireNonNull(physicalClock, "physical clock");
    this.maxOffset = Objects.requireNonNull(maxOffset, "max offset");
    if (maxOffset.isNegative()) {
      throw new IllegalArgumentException("max offset must not be negative, got " + maxOffset);
    }
    // Duration.toMillis overflows for huge offsets (ChronoUnit.FOREVER means "no limit"): saturate instead.
    this.maxOffsetMillis = maxOffset.compareTo(Duration.ofMillis(Long.MAX_VALUE)) >= 0
        ? Long.MAX_VALUE
        : maxOffset.toMillis();
    this.last = new AtomicReference<>(HlcTimestamp.of(0, 0, replica));
  }

  /**
   * A clock for {@code replica} on the system clock, refusing timestamps {@link #DEFAULT_MAX_OFFSET} ahead.
   *
   * @param replica the replica whose timestamps the clock issues
   * @return a new clock
   */
  public static HybridLogicalClock create(ReplicaId replica) {
    return new HybridLogicalClock(replica, InstantSource.system(), DEFAULT_MAX_OFFSET);
  }

  /**
   * A clock for {@code replica} on the system clock.
   *
   * @param replica   the replica whose timestamps the clock issues
   * @param maxOffset the furthest a received timestamp may be ahead of local physical time; not negative
   * @return a new clock
   */
  public static HybridLogicalClock create(ReplicaId replica, Duration maxOffset) {
    return new HybridLogicalClock(replica, InstantSource.system(), maxOffset);
  }

  /**
   * A clock for {@code replica} on the given physical clock (inject a fixed or stepping one in tests).
   *
   * @param replica       the replica whose timestamps the clock issues
   * @param physicalClock the source of physical time
   * @param maxOffset     the furthest a received timestamp may be ahead of local physical time; not negative
   * @return a new clock
   */
  public static HybridLogicalClock create(ReplicaId replica, InstantSource physicalClock, Duration maxOffset) {
    return new HybridLogicalClock(replica, physicalClock, maxOffset);
  }

  /**
   * A timestamp for a local or send event: after every timestamp this clock issued or received.
   *
   * @return the new timestamp
   */
  public HlcTimestamp now() {
    return issue(null);
  }

  /**
   * Takes in a received timestamp and returns a timestamp for the receive event: after {@code remote} and after
   * every timestamp this clock issued before.
   *
   * @param remote a timestamp another replica issued
   * @return the timestamp of the receive event
   * @throws ClockOffsetException if {@code remote} is more than the maximum offset ahead of local physical time;
   *     the clock is then unchanged
   */
  public HlcTimestamp update(HlcTimestamp remote) {
    return issue(Objects.requireNonNull(remote, "remote timestamp"));
  }

  /**
   * Checks a received timestamp without taking it in: where a state enters (a decoder, a network receive), so that
   * a peer's broken clock is refused with the state it sent, and not at the next local write.
   *
   * @param remote a timestamp another replica issued
   * @throws ClockOffsetException if {@code remote} is more than the maximum offset ahead of local physical time
   */
  public void check(HlcTimestamp remote) {
    requireWithinOffset(Objects.requireNonNull(remote, "remote timestamp"), physicalTime());
  }

  private void requireWithinOffset(HlcTimestamp remote, long physical) {
    if (remote.wallTime() - physical > maxOffsetMillis) {
      throw new ClockOffsetException(remote, physical, maxOffset);
    }
  }

  /**
   * The next timestamp, after a local event ({@code remote} null) or the receipt of {@code remote}. A
   * compare-and-set loop rather than updateAndGet: no function object per timestamp on the write path.
   */
  private HlcTimestamp issue(@Nullable HlcTimestamp remote) {
    while (true) {
      HlcTimestamp previous = last.get();
      HlcTimestamp next = remote == null ? local(previous) : received(previous, remote);
      if (last.compareAndSet(previous, next)) {
        return next;
      }
    }
  }

  /** The timestamp of a local event after {@code previous}. */
  private HlcTimestamp local(HlcTimestamp previous) {
    long physical = physicalTime();
    return physical > previous.wallTime()
        ? HlcTimestamp.of(physical, 0, replica)
        : HlcTimestamp.of(previous.wallTime(), nextLogical(previous.logical()), replica);
  }

  /** The timestamp of receiving {@code remote} after {@code previous}; throws before the clock is changed. */
  private HlcTimestamp received(HlcTimestamp previous, HlcTimestamp remote) {
    long physical = physicalTime();
    requireWithinOffset(remote, physical);
    long wallTime = Math.max(physical, Math.max(previous.wallTime(), remote.wallTime()));
    int logical;
    if (wallTime == previous.wallTime() && wallTime == remote.wallTime()) {
      logical = nextLogical(Math.max(previous.logical(), remote.logical()));
    } else if (wallTime == previous.wallTime()) {
      logical = nextLogical(previous.logical());
    } else if (wallTime == remote.wallTime()) {
      logical = nextLogical(remote.logical());
    } else {
      logical = 0;
    }
    return HlcTimestamp.of(wallTime, logical, replica);
  }

  /**
   * The last timestamp issued, without issuing a new one.
   *
   * @return the last timestamp; {@code 0.0@replica} before the first
   */
  public HlcTimestamp current() {
    return last.get();
  }

  /**
   * The replica whose timestamps this clock issues.
   *
   * @return the replica id
   */
  public ReplicaId replica() {
    return replica;
  }

  /**
   * The furthest a received timestamp may be ahead of local physical time.
   *
   * @return the maximum offset
   */
  public Duration maxOffset() {
    return maxOffset;
  }

  private long physicalTime() {
    return Math.max(0, physicalClock.millis());
  }

  private static int nextLogical(int logical) {
    if (logical == Integer.MAX_VALUE) {
      // The paper bounds the counter by the number of events within the clock offset; reaching 2^31 means a
      // physical clock that stands still while events keep coming.
      throw new IllegalStateException("hybrid logical clock counter overflow: physical time is not advancing");
    }
    return logical + 1;
  }

  @Override
  public String toString() {
    return "HybridLogicalClock{" + replica + ", last=" + last.get() + ", maxOffset=" + maxOffset + "}";
  }
}
