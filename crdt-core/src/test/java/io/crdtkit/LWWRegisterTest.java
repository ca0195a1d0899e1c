package io.crdtkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crdtkit.clock.ClockOffsetException;
import io.crdtkit.clock.HlcTimestamp;
import io.crdtkit.clock.HybridLogicalClock;
import io.crdtkit.clock.ReplicaId;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Scenario tests for {@link LWWRegister}: the timestamp order with the replica id as tie-break, writes through a
 * {@link HybridLogicalClock} (skewed physical clocks, the max-offset rejection), clears, conflicting writes under
 * one timestamp, same-instance merges, equality and text.
 */
class LWWRegisterTest {

  private static final ReplicaId A = ReplicaId.of("a");
  private static final ReplicaId B = ReplicaId.of("b");
  private static final Duration MAX_OFFSET = Duration.ofSeconds(5);

  private static HybridLogicalClock clockAt(ReplicaId replica, long millis) {
    return HybridLogicalClock.create(replica, Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC), MAX_OFFSET);
  }

  @Nested
  class TimestampOrder {

    @Test
    void sameWallTimeAndLogicalIsBrokenByReplicaIdInEveryMergeOrder() {
      LWWRegister<String> fromA = LWWRegister.of(HlcTimestamp.of(1_000, 3, A), "from a");
      LWWRegister<String> fromB = LWWRegister.of(HlcTimestamp.of(1_000, 3, B), "from b");

      assertThat(fromA.merge(fromB).value()).containsExactly("from b");
      assertThat(fromB.merge(fromA).value()).containsExactly("from b");
      assertThat(fromA.merge(fromB)).isSameAs(fromB);
      assertThat(fromB.merge(fromA)).isSameAs(fromB);
    }

    @Test
    void logicalCounterWinsOverReplicaIdWithinOneMillisecond() {
      LWWRegister<String> laterFromA = LWWRegister.of(HlcTimestamp.of(1_000, 1, A), "a, logical 1");
      LWWRegister<String> earlierFromB = LWWRegister.of(HlcTimestamp.of(1_000, 0, B), "b, logical 0");

      assertThat(laterFromA.merge(earlierFromB).value()).containsExactly("a, logical 1");
      assertThat(earlierFromB.merge(laterFromA).value()).containsExactly("a, logical 1");
    }

    @Test
    void aStaleTimestampedWriteLosesImmediatelyAndReturnsTheSameInstance() {
      LWWRegister<String> register = LWWRegister.<String>empty().set(HlcTimestamp.of(2_000, 0, A), "new");

      assertThat(register.set(HlcTimestamp.of(1_000, 0, B), "old")).isSameAs(register);
      assertThat(register.value()).containsExactly("new");
    }

    /**
     * A clock never issues one timestamp twice; two writes under one come from a replica id reused after losing
     * its clock, or forged input. The merge stays total (a state that decodes merges with any state) and keeps one
     * of them, the same in either order, so replicas converge.
     */
    @Test
    void conflictingWritesUnderOneTimestampKeepOneOfThemTheSameWayInEitherOrder() {
      HlcTimestamp reused = HlcTimestamp.of(1_000, 0, A);
      LWWRegister<String> before = LWWRegister.of(reused, "before the crash");
      LWWRegister<String> after = LWWRegister.of(reused, "after the crash");

      assertThat(before.merge(after)).isEqualTo(after.merge(before));
      assertThat(before.merge(after).value().get()).isIn("before the crash", "after the crash");
      assertThat(before.merge(after).merge(before)).isEqualTo(before.merge(after));
    }

    @Test
    void theSameWriteDeliveredTwiceIsNotAConflict() {
      HlcTimestamp timestamp = HlcTimestamp.of(1_000, 0, A);
      LWWRegister<String> register = LWWRegister.of(timestamp, "x");

      assertThat(register.merge(LWWRegister.of(timestamp, "x"))).isSameAs(register);
    }
  }

  @Nested
  class WritingThroughAClock {

    @Test
    void aWriteThroughTheClockBeatsTheWriteItSawEvenWhenThePhysicalClockIsBehind() {
      // B's physical clock is 4 s ahead of A's; A still writes after what it has seen.
      LWWRegister<String> writtenByB = LWWRegister.<String>empty().set(clockAt(B, 10_000), "from b");
      HybridLogicalClock clockA = clockAt(A, 6_000);

      LWWRegister<String> overwritten = writtenByB.set(clockA, "from a");

      assertThat(overwritten.value()).containsExactly("from a");
      assertThat(overwritten.timestamp()).containsExactly(HlcTimestamp.of(10_000, 1, A));
      assertThat(clockA.current()).isEqualTo(HlcTimestamp.of(10_000, 1, A));
      assertThat(writtenByB.merge(overwritten).value()).containsExactly("from a");
      assertThat(overwritten.merge(writtenByB)).isSameAs(overwritten);
    }

    @Test
    void aPhysicalClockThatStepsBackStillProducesIncreasingTimestamps() {
      AtomicLong physicalMillis = new AtomicLong(5_000);
      InstantSource stepping = () -> Instant.ofEpochMilli(physicalMillis.get());
      HybridLogicalClock clock = HybridLogicalClock.create(A, stepping, MAX_OFFSET);

      LWWRegister<String> first = LWWRegister.<String>empty().set(clock, "first");
      physicalMillis.set(3_000); // NTP steps the clock back
      LWWRegister<String> second = first.set(clock, "second");

      assertThat(second.value()).containsExactly("second");
      assertThat(second.timestamp().get().isAfter(first.timestamp().get())).isTrue();
      assertThat(first.merge(second).value()).containsExactly("second");
    }

    @Test
    void deltaSetThroughAClockMergesToTheFullWrite() {
      LWWRegister<String> register = LWWRegister.<String>empty().set(HlcTimestamp.of(7_000, 0, B), "b");

      LWWRegister<String> delta = register.deltaSet(clockAt(A, 3_000), "a");

      assertThat(register.merge(delta)).isEqualTo(register.set(clockAt(A, 3_000), "a"));
      assertThat(delta.timestamp()).containsExactly(HlcTimestamp.of(7_000, 1, A));
    }

    @Test
    void aRegisteredTimestampFarInTheFutureIsRejectedAndNothingChanges() {
      HlcTimestamp fromBrokenClock = HlcTimestamp.of(10_000 + Duration.ofHours(1).toMillis(), 0, B);
      LWWRegister<String> register = LWWRegister.of(fromBrokenClock, "from the future");
      HybridLogicalClock clock = clockAt(A, 10_000);
      HlcTimestamp before = clock.now();

      assertThatThrownBy(() -> register.set(clock, "now"))
          .isInstanceOf(ClockOffsetException.class)
          .hasMessageContaining(fromBrokenClock.toString())
          .hasMessageContaining("maximum offset of 5000 ms")
          .satisfies(e -> assertThat(((ClockOffsetException) e).remote()).isEqualTo(fromBrokenClock));
      assertThatThrownBy(() -> register.clear(clock)).isInstanceOf(ClockOffsetException.class);
      assertThat(clock.current()).isEqualTo(before);
      assertThat(register.value()).containsExactly("from the future");
      assertThat(register.timestamp()).containsExactly(fromBrokenClock);
    }

    @Test
    void aTimestampJustWithinTheMaxOffsetIsAccepted() {
      LWWRegister<String> register = LWWRegister.of(HlcTimestamp.of(15_000, 0, B), "ahead by 5 s");

      LWWRegister<String> written = register.set(clockAt(A, 10_000), "mine");

      assertThat(written.timestamp()).containsExactly(HlcTimestamp.of(15_000, 1, A));
    }
  }

  @Nested
  class Clearing {

    @Test
    void aClearWinsOverOlderWritesAndLeavesATombstone() {
      LWWRegister<String> written = LWWRegister.of(HlcTimestamp.of(1_000, 0, A), "x");
      LWWRegister<String> cleared = written.clear(HlcTimestamp.of(2_000, 0, B));

      assertThat(cleared.value()).isEmpty();
      assertThat(cleared.isCleared()).isTrue();
      assertThat(cleared.timestamp()).containsExactly(HlcTimestamp.of(2_000, 0, B));
      assertThat(written.merge(cleared)).isSameAs(cleared);
      assertThat(cleared.merge(written)).isSameAs(cleared);
    }

    @Test
    void anOlderClearLosesToANewerWrite() {
      LWWRegister<String> written = LWWRegister.of(HlcTimestamp.of(2_000, 0, A), "x");

      assertThat(written.clear(HlcTimestamp.of(1_000, 0, B))).isSameAs(written);
    }

    @Test
    void aWriteThroughTheClockAfterAClearBringsTheValueBack() {
      LWWRegister<String> cleared = LWWRegister.<String>empty().clear(clockAt(B, 9_000));

      LWWRegister<String> rewritten = cleared.set(clockAt(A, 8_000), "back");

      assertThat(rewritten.value()).containsExactly("back");
      assertThat(rewritten.isCleared()).isFalse();
      assertThat(cleared.merge(rewritten).value()).containsExactly("back");
    }

    @Test
    void theNeverWrittenRegisterIsNotCleared() {
      LWWRegister<String> empty = LWWRegister.empty();

      assertThat(empty.value()).isEqualTo(Option.none());
      assertThat(empty.timestamp()).isEmpty();
      assertThat(empty.isCleared()).isFalse();
    }
  }

  @Nested
  class MergeEqualityAndText {

    @Test
    void mergeReturnsTheSameInstanceWhenTheOtherSideAddsNothing() {
      LWWRegister<String> older = LWWRegister.of(HlcTimestamp.of(1_000, 0, A), "old");
      LWWRegister<String> newer = LWWRegister.of(HlcTimestamp.of(2_000, 0, A), "new");

      assertThat(newer.merge(older)).isSameAs(newer);
      assertThat(older.merge(newer)).isSameAs(newer);
      assertThat(newer.merge(LWWRegister.empty())).isSameAs(newer);
      assertThat(LWWRegister.<String>empty().merge(newer)).isSameAs(newer);
      assertThat(newer.merge(newer)).isSameAs(newer);
    }

    @Test
    void equalityIncludesTheTimestampNotOnlyTheValue() {
      LWWRegister<String> once = LWWRegister.of(HlcTimestamp.of(1_000, 0, A), "x");
      LWWRegister<String> again = LWWRegister.of(HlcTimestamp.of(1_000, 0, A), "x");
      LWWRegister<String> later = LWWRegister.of(HlcTimestamp.of(1_001, 0, A), "x");

      assertThat(once).isEqualTo(again).hasSameHashCodeAs(again);
      assertThat(once).isNotEqualTo(later);
      assertThat(once.value()).isEqualTo(later.value());
      assertThat(LWWRegister.<String>cleared(HlcTimestamp.of(1_000, 0, A))).isNotEqualTo(LWWRegister.empty());
    }

    @Test
    void nullValuesAreRejectedBecauseNoValueMeansCleared() {
      assertThatThrownBy(() -> LWWRegister.of(HlcTimestamp.of(1, 0, A), null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("LWWRegister value");
    }

    @Test
    void toStringShowsTheValueOrClearAndTheTimestamp() {
      assertThat(LWWRegister.of(HlcTimestamp.of(1732872000000L, 0, B), "dark"))
          .hasToString("LWWRegister(dark @ 1732872000000.0@b)");
      assertThat(LWWRegister.cleared(HlcTimestamp.of(5, 2, A))).hasToString("LWWRegister(cleared @ 5.2@a)");
      assertThat(LWWRegister.empty()).hasToString("LWWRegister()");
    }
  }
}
