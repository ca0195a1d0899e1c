package io.crdtkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crdtkit.clock.ReplicaId;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Scenario tests for {@link PNCounter}: increments and decrements from several replicas, negative amounts
 * rejected with the alternative named, overflow, same-instance merges, and equality over both halves.
 */
class PNCounterTest {

  private static final ReplicaId A = ReplicaId.of("a");
  private static final ReplicaId B = ReplicaId.of("b");

  @Nested
  class IncrementAndDecrement {

    @Test
    void valueIsIncrementsMinusDecrements() {
      PNCounter counter = PNCounter.empty().increment(A, 10).decrement(A, 3).decrement(B).increment(B);

      assertThat(counter.value()).isEqualTo(7);
      assertThat(counter.increments().value()).isEqualTo(11);
      assertThat(counter.decrements().value()).isEqualTo(4);
    }

    @Test
    void negativeIncrementIsRejectedNamingDecrement() {
      PNCounter counter = PNCounter.empty().increment(A, 2);

      assertThatThrownBy(() -> counter.increment(A, -5))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("-5")
          .hasMessageContaining("use decrement instead");
      assertThatThrownBy(() -> counter.deltaIncrement(A, -5))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("use decrement instead");
      assertThat(counter.value()).isEqualTo(2);
    }

    @Test
    void negativeDecrementIsRejectedNamingIncrement() {
      PNCounter counter = PNCounter.empty().increment(A, 2);

      assertThatThrownBy(() -> counter.decrement(A, -5))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("-5")
          .hasMessageContaining("use increment instead");
      assertThatThrownBy(() -> counter.deltaDecrement(A, -5))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("use increment instead");
      assertThat(counter).isEqualTo(PNCounter.empty().increment(A, 2));
    }

    @Test
    void changingByZeroReturnsTheSameInstance() {
      PNCounter counter = PNCounter.empty().increment(A, 2);

      assertThat(counter.increment(B, 0)).isSameAs(counter);
      assertThat(counter.decrement(B, 0)).isSameAs(counter);
    }

    @Test
    void decrementsPastLongMaxValueOverflowInsteadOfWrapping() {
      PNCounter counter = PNCounter.of(GCounter.empty(), GCounter.of(Map.of(A, Long.MAX_VALUE)));

      assertThat(counter.value()).isEqualTo(-Long.MAX_VALUE);
      assertThatThrownBy(() -> counter.decrement(A)).isInstanceOf(ArithmeticException.class);
      assertThatThrownBy(() -> counter.deltaDecrement(A, 1)).isInstanceOf(ArithmeticException.class);
      assertThat(counter.value()).isEqualTo(-Long.MAX_VALUE);
    }
  }

  @Nested
  class Concurrency {

    @Test
    void concurrentIncrementsAndDecrementsAllCount() {
      PNCounter stock = PNCounter.empty().increment(A, 10);
      PNCounter onA = stock.decrement(A, 3);
      PNCounter onB = stock.decrement(B, 4).increment(B, 1);

      assertThat(onA.merge(onB).value()).isEqualTo(4);
      assertThat(onB.merge(onA)).isEqualTo(onA.merge(onB));
    }

    @Test
    void concurrentDecrementsTakeTheValueBelowAFloorEachReplicaCheckedLocally() {
      PNCounter stock = PNCounter.empty().increment(A, 1);
      // Each replica sees one item in stock and takes it.
      PNCounter onA = stock.value() > 0 ? stock.decrement(A) : stock;
      PNCounter onB = stock.value() > 0 ? stock.decrement(B) : stock;

      assertThat(onA.merge(onB).value()).isEqualTo(-1);
    }

    @Test
    void deltasCarryOnlyTheHalfTheyChange() {
      PNCounter counter = PNCounter.empty().increment(A, 5).decrement(B, 2);

      PNCounter increment = counter.deltaIncrement(A, 1);
      PNCounter decrement = counter.deltaDecrement(B, 1);

      assertThat(increment.decrements()).isEqualTo(GCounter.empty());
      assertThat(increment.increments().get(A)).isEqualTo(6);
      assertThat(decrement.increments()).isEqualTo(GCounter.empty());
      assertThat(decrement.decrements().get(B)).isEqualTo(3);
      assertThat(counter.merge(increment).merge(decrement)).isEqualTo(counter.increment(A, 1).decrement(B, 1));
    }

    @Test
    void mergeReturnsTheSameInstanceWhenTheOtherSideAddsNothing() {
      PNCounter older = PNCounter.empty().increment(A, 2);
      PNCounter newer = older.decrement(B, 1);

      assertThat(newer.merge(older)).isSameAs(newer);
      assertThat(newer.merge(newer)).isSameAs(newer);
      assertThat(newer.merge(PNCounter.empty())).isSameAs(newer);
      assertThat(older.merge(newer)).isEqualTo(newer);
    }
  }

  @Nested
  class EqualityAndText {

    @Test
    void aCounterBackAtZeroIsNotEqualToAnEmptyOne() {
      PNCounter backToZero = PNCounter.empty().increment(A, 5).decrement(A, 5);

      assertThat(backToZero.value()).isZero();
      assertThat(backToZero).isNotEqualTo(PNCounter.empty());
      assertThat(PNCounter.empty().isLessOrEqual(backToZero)).isTrue();
      assertThat(backToZero.isLessOrEqual(PNCounter.empty())).isFalse();
    }

    @Test
    void equalHalvesMakeEqualCountersWithEqualHashCodes() {
      PNCounter built = PNCounter.empty().increment(A, 2).decrement(B, 1);
      PNCounter assembled = PNCounter.of(GCounter.of(Map.of(A, 2L)), GCounter.of(Map.of(B, 1L)));

      assertThat(built).isEqualTo(assembled);
      assertThat(built.hashCode()).isEqualTo(assembled.hashCode());
    }

    @Test
    void toStringShowsTheValueAndBothHalves() {
      PNCounter counter = PNCounter.empty().increment(A, 10).decrement(A, 3).decrement(B, 4);

      assertThat(counter).hasToString("PNCounter(3, +{a:10}, -{a:3, b:4})");
    }
  }
}
