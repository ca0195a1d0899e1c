package io.crdtkit.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link HybridLogicalClock} on a hand-moved physical clock: {@code now()} is strictly increasing whatever
 * physical time does, {@code update} follows the four cases of the receive rule of Kulkarni et al. (2014), remote
 * timestamps beyond the maximum offset are rejected without moving the clock, and concurrent callers never get
 * the same timestamp.
 */
class HybridLogicalClockTest {

  private static final ReplicaId LOCAL = ReplicaId.of("local");
  private static final ReplicaId REMOTE = ReplicaId.of("remote");
  private static final Duration MAX_OFFSET = Duration.ofMillis(100);

  private final ManualInstantSource physical = new ManualInstantSource(1_000);
  private final HybridLogicalClock clock = HybridLogicalClock.create(LOCAL, physical, MAX_OFFSET);

  /** Brings the clock to {@code (wallTime, logical)} by calling {@code now()} at that physical time. */
  private HlcTimestamp clockAt(long wallTime, int logical) {
    physical.set(wallTime);
    HlcTimestamp last = null;
    for (int i = 0; i <= logical; i++) {
      last = clock.now();
    }
    assertThat(last).isEqualTo(HlcTimestamp.of(wallTime, logical, LOCAL));
    return last;
  }

  @Nested
  class Now {

    @Test
    void followsPhysicalTimeWhenItAdvances() {
      assertThat(clock.now()).isEqualTo(HlcTimestamp.of(1_000, 0, LOCAL));
      physical.advance(5);
      assertThat(clock.now()).isEqualTo(HlcTimestamp.of(1_005, 0, LOCAL));
      assertThat(clock.current()).isEqualTo(HlcTimestamp.of(1_005, 0, LOCAL));
    }

    @Test
    void countsLogicallyWhilePhysicalTimeStandsStill() {
      HlcTimestamp first = clock.now();
      HlcTimestamp second = clock.now();
      HlcTimestamp third = clock.now();
      assertThat(List.of(first, second, third)).containsExactly(
          HlcTimestamp.of(1_000, 0, LOCAL), HlcTimestamp.of(1_000, 1, LOCAL), HlcTimestamp.of(1_000, 2, LOCAL));
      assertThat(third.isAfter(second) && second.isAfter(first)).isTrue();
    }

    @Test
    void neverGoesBackWhenPhysicalTimeStepsBack() {
      HlcTimestamp before = clockAt(1_000, 1);
      physical.set(400);
      HlcTimestamp afterStepBack = clock.now();
      assertThat(afterStepBack).isEqualTo(HlcTimestamp.of(1_000, 2, LOCAL));
      assertThat(afterStepBack.isAfter(before)).isTrue();
      physical.advance(300);
      assertThat(clock.now()).isEqualTo(HlcTimestamp.of(1_000, 3, LOCAL));
    }

    @Test
    void physicalTimeJumpingAheadResetsLogicalToZero() {
      clockAt(1_000, 7);
      physical.set(1_001);
      assertThat(clock.now()).isEqualTo(HlcTimestamp.of(1_001, 0, LOCAL));
      physical.set(60_000);
      assertThat(clock.now()).isEqualTo(HlcTimestamp.of(60_000, 0, LOCAL));
    }

    @Test
    void isStrictlyIncreasingUnderAnErraticPhysicalClock() {
      long[] physicalSteps = {0, 0, -50, 3, 0, -1_000, 2_000, -1, 0, 1};
      HlcTimestamp previous = clock.now();
      for (int round = 0; round < 10; round++) {
        for (long step : physicalSteps) {
          physical.advance(step);
          HlcTimestamp next = clock.now();
          assertThat(next.isAfter(previous)).as("%s after %s", next, previous).isTrue();
          assertThat(next.wallTime()).isGreaterThanOrEqualTo(physical.millis());
          previous = next;
        }
      }
    }

    @Test
    void negativePhysicalTimeCountsAsTheEpoch() {
      physical.set(-5);
      HlcTimestamp first = clock.now();
      assertThat(first.wallTime()).isZero();
      assertThat(clock.now().isAfter(first)).isTrue();
    }
  }

  /** The receive rule: {@code l' = max(l, l_m, pt)}, and {@code c'} depends on which of them {@code l'} equals. */
  @Nested
  class Update {

    @Test
    void localRemoteAndResultWallTimesEqualTakesTheLargerLogicalPlusOne() {
      HlcTimestamp local = clockAt(1_000, 3);
      physical.set(900);
      HlcTimestamp remote = HlcTimestamp.of(1_000, 5, REMOTE);
      HlcTimestamp received = clock.update(remote);
      assertThat(received).isEqualTo(HlcTimestamp.of(1_000, 6, LOCAL));
      assertOrdersAfter(received, local, remote);

      HlcTimestamp behindLogically = HlcTimestamp.of(1_000, 2, REMOTE);
      assertThat(clock.update(behindLogically)).isEqualTo(HlcTimestamp.of(1_000, 7, LOCAL));
    }

    @Test
    void localWallTimeGreatestIncrementsLocalLogical() {
      HlcTimestamp local = clockAt(1_000, 3);
      physical.set(900);
      HlcTimestamp remote = HlcTimestamp.of(990, 42, REMOTE);
      HlcTimestamp received = clock.update(remote);
      assertThat(received).isEqualTo(HlcTimestamp.of(1_000, 4, LOCAL));
      assertOrdersAfter(received, local, remote);
    }

    @Test
    void remoteWallTimeGreatestIncrementsRemoteLogical() {
      HlcTimestamp local = clockAt(1_000, 3);
      HlcTimestamp remote = HlcTimestamp.of(1_050, 7, REMOTE);
      HlcTimestamp received = clock.update(remote);
      assertThat(received).isEqualTo(HlcTimestamp.of(1_050, 8, LOCAL));
      assertOrdersAfter(received, local, remote);
      // The clock keeps the remote's wall time: the next local event orders after the receive.
      assertThat(clock.now()).isEqualTo(HlcTimestamp.of(1_050, 9, LOCAL));
    }

    @Test
    void physicalTimeGreatestResetsLogicalToZero() {
      HlcTimestamp local = clockAt(1_000, 3);
      physical.set(1_010);
      HlcTimestamp remote = HlcTimestamp.of(1_002, 9, REMOTE);
      HlcTimestamp received = clock.update(remote);
      assertThat(received).isEqualTo(HlcTimestamp.of(1_010, 0, LOCAL));
      assertOrdersAfter(received, local, remote);
    }

    @Test
    void receivedTimestampsAreIssuedByTheLocalReplica() {
      assertThat(clock.update(HlcTimestamp.of(1_000, 0, REMOTE)).replica()).isEqualTo(LOCAL);
      assertThat(clock.current().replica()).isEqualTo(LOCAL);
    }

    @Test
    void nullRemoteIsRejected() {
      assertThatThrownBy(() -> clock.update(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("remote timestamp");
    }

    private void assertOrdersAfter(HlcTimestamp received, HlcTimestamp local, HlcTimestamp remote) {
      assertThat(received.isAfter(local)).as("%s after local %s", received, local).isTrue();
      assertThat(received.isAfter(remote)).as("%s after remote %s", received, remote).isTrue();
      assertThat(clock.current()).isEqualTo(received);
    }
  }

  @Nested
  class MaxOffset {

    @Test
    void remoteTooFarAheadIsRejectedNamingTheOffset() {
      HlcTimestamp remote = HlcTimestamp.of(1_101, 0, REMOTE);
      assertThatThrownBy(() -> clock.update(remote))
          .isInstanceOf(ClockOffsetException.class)
          .hasMessageContaining("101 ms ahead of local physical time 1000")
          .hasMessageContaining("maximum offset of 100 ms")
          .hasMessageContaining(remote.toString())
          .satisfies(thrown -> {
            ClockOffsetException offset = (ClockOffsetException) thrown;
            assertThat(offset.remote()).isEqualTo(remote);
            assertThat(offset.localPhysicalTime()).isEqualTo(1_000);
            assertThat(offset.maxOffset()).isEqualTo(MAX_OFFSET);
          });
    }

    @Test
    void rejectionLeavesTheClockUnchanged() {
      HlcTimestamp before = clockAt(1_000, 2);
      assertThatThrownBy(() -> clock.update(HlcTimestamp.of(5_000, 0, REMOTE)))
          .isInstanceOf(ClockOffsetException.class);
      assertThat(clock.current()).isSameAs(before);
      // The next local event continues from the old state, not from the rejected wall time.
      assertThat(clock.now()).isEqualTo(HlcTimestamp.of(1_000, 3, LOCAL));
    }

    @Test
    void exactlyMaxOffsetAheadIsAccepted() {
      HlcTimestamp remote = HlcTimestamp.of(1_100, 4, REMOTE);
      assertThat(clock.update(remote)).isEqualTo(HlcTimestamp.of(1_100, 5, LOCAL));
    }

    @Test
    void offsetIsMeasuredFromPhysicalTimeNotFromTheClock() {
      // The clock is far ahead of physical time after physical time stepped back, yet a remote timestamp
      // only slightly ahead of the clock is still too far ahead of physical time.
      clockAt(1_000, 0);
      physical.set(500);
      assertThatThrownBy(() -> clock.update(HlcTimestamp.of(1_001, 0, REMOTE)))
          .isInstanceOf(ClockOffsetException.class)
          .hasMessageContaining("501 ms ahead");
    }

    @Test
    void zeroMaxOffsetAcceptsOnlyTimestampsNotAheadOfPhysicalTime() {
      HybridLogicalClock strict = HybridLogicalClock.create(LOCAL, physical, Duration.ZERO);
      assertThat(strict.update(HlcTimestamp.of(1_000, 0, REMOTE))).isEqualTo(HlcTimestamp.of(1_000, 1, LOCAL));
      assertThatThrownBy(() -> strict.update(HlcTimestamp.of(1_001, 0, REMOTE)))
          .isInstanceOf(ClockOffsetException.class)
          .hasMessageContaining("maximum offset of 0 ms");
    }

    /**
     * Regression: a maximum offset too large for {@code Duration.toMillis()} (e.g. {@code ChronoUnit.FOREVER}, the
     * natural way to say "no limit") was accepted by {@code create}, and then every {@code update} threw
     * {@code ArithmeticException: long overflow}.
     */
    @Test
    void unboundedMaxOffsetDoesNotOverflowOnUpdate() {
      HybridLogicalClock lenient = HybridLogicalClock.create(LOCAL, physical, ChronoUnit.FOREVER.getDuration());
      assertThat(lenient.update(HlcTimestamp.of(1_000_000, 0, REMOTE)))
          .isEqualTo(HlcTimestamp.of(1_000_000, 1, LOCAL));
    }
  }

  @Nested
  class Creation {

    @Test
    void negativeMaxOffsetIsRejected() {
      assertThatThrownBy(() -> HybridLogicalClock.create(LOCAL, physical, Duration.ofMillis(-1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("max offset must not be negative")
          .hasMessageContaining("PT-0.001S");
    }

    @Test
    void nullArgumentsAreRejectedByName() {
      assertThatThrownBy(() -> HybridLogicalClock.create(null, physical, MAX_OFFSET))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("replica");
      assertThatThrownBy(() -> HybridLogicalClock.create(LOCAL, null, MAX_OFFSET))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("physical clock");
      assertThatThrownBy(() -> HybridLogicalClock.create(LOCAL, physical, null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("max offset");
    }

    @Test
    void exposesItsConfiguration() {
      assertThat(clock.replica()).isEqualTo(LOCAL);
      assertThat(clock.maxOffset()).isEqualTo(MAX_OFFSET);
    }

    @Test
    void systemClockVariantStaysCloseToSystemTime() {
      HybridLogicalClock system = HybridLogicalClock.create(LOCAL, Duration.ofSeconds(1));
      long before = System.currentTimeMillis();
      HlcTimestamp timestamp = system.now();
      long after = System.currentTimeMillis();
      assertThat(timestamp.wallTime()).isBetween(before, after);
    }
  }

  @Nested
  class Concurrency {

    private static final int THREADS = 4;
    private static final int CALLS_PER_THREAD = 10_000;

    @Test
    void concurrentCallersGetDistinctIncreasingTimestampsWhilePhysicalTimeStandsStill() throws Exception {
      assertDistinctAndIncreasing(runConcurrently(false));
    }

    @Test
    void concurrentCallersGetDistinctIncreasingTimestampsWhilePhysicalTimeMoves() throws Exception {
      assertDistinctAndIncreasing(runConcurrently(true));
    }

    /** Each worker calls {@code now()}; with {@code moveTime}, every 100th call also moves physical time. */
    private List<List<HlcTimestamp>> runConcurrently(boolean moveTime) throws Exception {
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<HlcTimestamp>>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          long step = t % 2 == 0 ? 1 : -1;
          futures.add(pool.submit(() -> {
            List<HlcTimestamp> issued = new ArrayList<>(CALLS_PER_THREAD);
            start.await();
            for (int i = 0; i < CALLS_PER_THREAD; i++) {
              if (moveTime && i % 100 == 0) {
                physical.advance(step * 3);
              }
              issued.add(clock.now());
            }
            return issued;
          }));
        }
        start.countDown();
        List<List<HlcTimestamp>> perThread = new ArrayList<>();
        for (Future<List<HlcTimestamp>> future : futures) {
          perThread.add(future.get(30, TimeUnit.SECONDS));
        }
        return perThread;
      } finally {
        pool.shutdownNow();
      }
    }

    private void assertDistinctAndIncreasing(List<List<HlcTimestamp>> perThread) {
      Set<HlcTimestamp> all = new HashSet<>();
      HlcTimestamp greatest = null;
      for (List<HlcTimestamp> issued : perThread) {
        assertThat(issued).hasSize(CALLS_PER_THREAD).isSortedAccordingTo(HlcTimestamp::compareTo);
        for (int i = 1; i < issued.size(); i++) {
          assertThat(issued.get(i).isAfter(issued.get(i - 1))).as("call %d after call %d", i, i - 1).isTrue();
        }
        all.addAll(issued);
        HlcTimestamp last = issued.get(issued.size() - 1);
        greatest = greatest == null || last.isAfter(greatest) ? last : greatest;
      }
      assertThat(all).hasSize(THREADS * CALLS_PER_THREAD);
      assertThat(clock.current()).isEqualTo(greatest);
    }
  }
}
