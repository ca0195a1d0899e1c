package io.crdtkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crdtkit.clock.ReplicaId;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Scenario tests for {@link GCounter}: per-replica counts merged by maximum, rejected negative increments,
 * overflow, the same-instance early exits of merge, and equality over the per-replica counts.
 */
class GCounterTest {

  private static final ReplicaId A = ReplicaId.of("a");
  private static final ReplicaId B = ReplicaId.of("b");
  private static final ReplicaId C = ReplicaId.of("c");

  @Nested
  class Increment {

    @Test
    void countsEachReplicaSeparatelyAndSumsThem() {
      GCounter counter = GCounter.empty().increment(A).increment(A, 4).increment(B, 3);

      assertThat(counter.value()).isEqualTo(8);
      assertThat(counter.get(A)).isEqualTo(5);
      assertThat(counter.get(B)).isEqualTo(3);
      assertThat(counter.get(C)).isZero();
    }

    @Test
    void incrementByZeroReturnsTheSameInstance() {
      GCounter counter = GCounter.empty().increment(A, 2);

      assertThat(counter.increment(B, 0)).isSameAs(counter);
    }

    @Test
    void negativeIncrementIsRejectedAndPointsToPNCounter() {
      GCounter counter = GCounter.empty().increment(A, 2);

      assertThatThrownBy(() -> counter.increment(A, -1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("-1")
          .hasMessageContaining("PNCounter");
      assertThatThrownBy(() -> counter.deltaIncrement(A, -1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("PNCounter");
      assertThat(counter.value()).isEqualTo(2);
      assertThat(counter).isEqualTo(GCounter.empty().increment(A, 2));
    }

    @Test
    void incrementPastLongMaxValueOverflowsLoudlyInsteadOfWrapping() {
      GCounter counter = GCounter.of(Map.of(A, Long.MAX_VALUE - 1));

      assertThat(counter.increment(A).get(A)).isEqualTo(Long.MAX_VALUE);
      assertThatThrownBy(() -> counter.increment(A, 2)).isInstanceOf(ArithmeticException.class);
      assertThatThrownBy(() -> counter.deltaIncrement(A, 2)).isInstanceOf(ArithmeticException.class);
      assertThat(counter.get(A)).isEqualTo(Long.MAX_VALUE - 1);
    }

    @Test
    void readingTheValueOverflowsWhenTheReplicasSumPastLongMaxValue() {
      // Each replica's count is valid on its own; only their sum does not fit in a long.
      GCounter counter = GCounter.of(Map.of(A, Long.MAX_VALUE / 2 + 1, B, Long.MAX_VALUE / 2 + 1));

      assertThatThrownBy(counter::value).isInstanceOf(ArithmeticException.class);
    }
  }

  @Nested
  class Deltas {

    @Test
    void deltaCarriesTheReplicasNewTotalNotTheAmount() {
      GCounter counter = GCounter.empty().increment(A, 5).increment(B, 7);

      GCounter delta = counter.deltaIncrement(A, 2);

      assertThat(delta.entries().toJavaMap()).containsExactly(Map.entry(A, 7L));
      assertThat(counter.merge(delta)).isEqualTo(counter.increment(A, 2));
    }

    @Test
    void reDeliveringAnOldDeltaChangesNothing() {
      GCounter first = GCounter.empty().deltaIncrement(A, 3);
      GCounter counter = GCounter.empty().merge(first).increment(A, 4);

      assertThat(counter.merge(first)).isSameAs(counter);
      assertThat(counter.value()).isEqualTo(7);
    }
  }

  @Nested
  class Merge {

    @Test
    void concurrentIncrementsAllCount() {
      GCounter base = GCounter.empty().increment(A, 1);
      GCounter onA = base.increment(A, 2);
      GCounter onB = base.increment(B, 3);

      assertThat(onA.merge(onB).value()).isEqualTo(6);
      assertThat(onB.merge(onA)).isEqualTo(onA.merge(onB));
    }

    @Test
    void mergeKeepsTheMaximumPerReplicaSoNothingIsCountedTwice() {
      GCounter older = GCounter.empty().increment(A, 2);
      GCounter newer = older.increment(A, 3);

      assertThat(older.merge(newer).value()).isEqualTo(5);
      assertThat(older.merge(newer).merge(older).merge(newer).value()).isEqualTo(5);
    }

    @Test
    void mergeReturnsTheSameInstanceWhenTheOtherSideAddsNothing() {
      GCounter older = GCounter.empty().increment(A, 2);
      GCounter newer = older.increment(A, 3).increment(B, 1);

      assertThat(newer.merge(older)).isSameAs(newer);
      assertThat(newer.merge(newer)).isSameAs(newer);
      assertThat(newer.merge(GCounter.empty())).isSameAs(newer);
      assertThat(GCounter.empty().merge(newer)).isEqualTo(newer);
    }

    @Test
    void orderFollowsPerReplicaCountsNotTheValue() {
      GCounter bigOnA = GCounter.empty().increment(A, 10);
      GCounter smallOnB = GCounter.empty().increment(B, 1);

      assertThat(smallOnB.isLessOrEqual(bigOnA)).isFalse();
      assertThat(bigOnA.isLessOrEqual(smallOnB)).isFalse();
      assertThat(bigOnA.isLessOrEqual(bigOnA.merge(smallOnB))).isTrue();
    }
  }

  @Nested
  class EqualityAndText {

    @Test
    void equalValuesFromDifferentReplicasAreDifferentStates() {
      GCounter fromA = GCounter.empty().increment(A, 3);
      GCounter fromB = GCounter.empty().increment(B, 3);

      assertThat(fromA.value()).isEqualTo(fromB.value());
      assertThat(fromA).isNotEqualTo(fromB);
    }

    @Test
    void statesWithEqualCountsAreEqualWithEqualHashCodes() {
      GCounter oneWay = GCounter.empty().increment(A, 1).increment(B, 2).increment(A, 1);
      GCounter otherWay = GCounter.of(Map.of(B, 2L, A, 2L));

      assertThat(oneWay).isEqualTo(otherWay);
      assertThat(oneWay.hashCode()).isEqualTo(otherWay.hashCode());
    }

    @Test
    void zeroEntriesAreDroppedSoAnAllZeroCounterEqualsEmpty() {
      assertThat(GCounter.of(Map.of(A, 0L))).isEqualTo(GCounter.empty());
      assertThat(GCounter.empty().bottom()).isSameAs(GCounter.empty());
    }

    @Test
    void toStringShowsTheValueAndTheSortedPerReplicaCounts() {
      GCounter counter = GCounter.empty().increment(B, 3).increment(A, 2);

      assertThat(counter).hasToString("GCounter(5, {a:2, b:3})");
      assertThat(GCounter.empty()).hasToString("GCounter(0, {})");
    }
  }
}
