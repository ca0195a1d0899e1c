package io.crdtkit.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorClock}: construction (zeros dropped, negatives rejected), increment and advance, the
 * pointwise-max merge and its {@code this}-when-unchanged early exits, the causal compare, intersect and the
 * deterministic text form.
 */
class VectorClockTest {

  private static final ReplicaId A = ReplicaId.of("a");
  private static final ReplicaId B = ReplicaId.of("b");
  private static final ReplicaId C = ReplicaId.of("c");

  private static VectorClock clock(long a, long b, long c) {
    return VectorClock.of(Map.of(A, a, B, b, C, c));
  }

  @Nested
  class Construction {

    @Test
    void zeroEntriesAreNeverStored() {
      VectorClock allZero = VectorClock.of(Map.of(A, 0L, B, 0L));
      assertThat(allZero).isEqualTo(VectorClock.empty()).hasSameHashCodeAs(VectorClock.empty());
      assertThat(allZero.isEmpty()).isTrue();
      assertThat(allZero.size()).isZero();

      VectorClock mixed = VectorClock.of(Map.of(A, 2L, B, 0L));
      assertThat(mixed.entries().keySet()).containsExactly(A);
      assertThat(mixed).isEqualTo(VectorClock.of(Map.of(A, 2L)));
      assertThat(mixed.size()).isOne();
    }

    @Test
    void absentReplicasCountZero() {
      VectorClock clock = VectorClock.of(Map.of(A, 3L));
      assertThat(clock.get(A)).isEqualTo(3);
      assertThat(clock.get(B)).isZero();
      assertThat(VectorClock.empty().get(A)).isZero();
    }

    @Test
    void negativeCounterIsRejectedNamingTheReplica() {
      assertThatThrownBy(() -> VectorClock.of(Map.of(A, 1L, B, -1L)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("vector clock counter must be >= 0")
          .hasMessageContaining("got -1 for b");
      assertThatThrownBy(() -> VectorClock.empty().advance(C, -2))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("got -2 for c");
    }

    @Test
    void nullKeysAndValuesAreRejected() {
      Map<ReplicaId, Long> nullKey = new HashMap<>();
      nullKey.put(null, 1L);
      assertThatThrownBy(() -> VectorClock.of(nullKey))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("replica in vector clock");
      Map<ReplicaId, Long> nullValue = new HashMap<>();
      nullValue.put(A, null);
      assertThatThrownBy(() -> VectorClock.of(nullValue))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("counter in vector clock");
    }

    @Test
    void insertionOrderOfTheInputMapDoesNotMatter() {
      Map<ReplicaId, Long> cba = new LinkedHashMap<>();
      cba.put(C, 1L);
      cba.put(B, 2L);
      cba.put(A, 3L);
      VectorClock clock = VectorClock.of(cba);
      assertThat(clock).isEqualTo(clock(3, 2, 1)).hasSameHashCodeAs(clock(3, 2, 1));
      assertThat(clock.entries().keySet()).containsExactly(A, B, C);
    }
  }

  @Nested
  class IncrementAndAdvance {

    @Test
    void incrementAddsOneEventOfOneReplica() {
      VectorClock clock = VectorClock.empty().increment(A).increment(A).increment(B);
      assertThat(clock).isEqualTo(clock(2, 1, 0));
      assertThat(clock.contains(Dot.of(A, 2))).isTrue();
      assertThat(clock.contains(Dot.of(A, 3))).isFalse();
      assertThat(clock.contains(Dot.of(C, 1))).isFalse();
    }

    @Test
    void incrementByAnAmountInsertsInReplicaOrderAndRefusesWhatCannotBeCounted() {
      VectorClock clock = VectorClock.empty().increment(C, 4).increment(A, 2).increment(C, 3);
      assertThat(clock).isEqualTo(clock(2, 0, 7)).hasSameHashCodeAs(clock(2, 0, 7)).hasToString("{a:2, c:7}");
      assertThat(clock.increment(B, 0)).isSameAs(clock);

      assertThatThrownBy(() -> clock.increment(A, -1))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1").hasMessageContaining("a");
      VectorClock full = VectorClock.of(Map.of(A, Long.MAX_VALUE));
      assertThatThrownBy(() -> full.increment(A, 1)).isInstanceOf(ArithmeticException.class);
      assertThat(full.get(A)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void advanceNeverGoesBack() {
      VectorClock clock = clock(5, 0, 0);
      assertThat(clock.advance(A, 3)).isSameAs(clock);
      assertThat(clock.advance(A, 5)).isSameAs(clock);
      assertThat(clock.advance(A, 0)).isSameAs(clock);
      assertThat(clock.advance(A, 7).get(A)).isEqualTo(7);
      assertThat(clock.advance(B, 0)).isSameAs(clock);
    }

    @Test
    void valuesAreImmutable() {
      VectorClock before = clock(1, 0, 0);
      before.increment(A);
      before.advance(B, 4);
      before.merge(clock(0, 0, 9));
      assertThat(before).isEqualTo(clock(1, 0, 0));
    }
  }

  @Nested
  class Merge {

    @Test
    void isThePointwiseMaximum() {
      VectorClock left = clock(3, 1, 0);
      VectorClock right = clock(1, 4, 2);
      assertThat(left.merge(right)).isEqualTo(clock(3, 4, 2));
      assertThat(right.merge(left)).isEqualTo(clock(3, 4, 2));
    }

    @Test
    void returnsTheSameInstanceWhenTheOtherIsCovered() {
      VectorClock big = clock(3, 4, 2);
      assertThat(big.merge(clock(3, 1, 0))).isSameAs(big);
      assertThat(big.merge(clock(3, 4, 2))).isSameAs(big);
      assertThat(big.merge(big)).isSameAs(big);
      assertThat(big.merge(VectorClock.empty())).isSameAs(big);
    }

    @Test
    void emptyMergedWithAClockIsThatClock() {
      VectorClock clock = clock(1, 0, 2);
      assertThat(VectorClock.empty().merge(clock)).isSameAs(clock);
    }

    @Test
    void returnsANewValueWhenAnyEntryGrows() {
      VectorClock clock = clock(3, 4, 0);
      VectorClock merged = clock.merge(clock(0, 0, 1));
      assertThat(merged).isNotSameAs(clock).isEqualTo(clock(3, 4, 1));
    }
  }

  @Nested
  class Compare {

    @Test
    void equalClocksAreEqual() {
      assertThat(clock(1, 2, 0).compare(clock(1, 2, 0))).isEqualTo(CausalOrder.EQUAL);
      assertThat(VectorClock.empty().compare(VectorClock.of(Map.of(A, 0L)))).isEqualTo(CausalOrder.EQUAL);
    }

    @Test
    void aStrictlySmallerClockIsBefore() {
      assertThat(clock(1, 2, 0).compare(clock(1, 3, 0))).isEqualTo(CausalOrder.BEFORE);
      assertThat(VectorClock.empty().compare(clock(0, 0, 1))).isEqualTo(CausalOrder.BEFORE);
      // More entries on the right, none larger on the left.
      assertThat(clock(1, 0, 0).compare(clock(1, 1, 1))).isEqualTo(CausalOrder.BEFORE);
    }

    @Test
    void aStrictlyLargerClockIsAfter() {
      assertThat(clock(2, 2, 0).compare(clock(1, 2, 0))).isEqualTo(CausalOrder.AFTER);
      assertThat(clock(0, 1, 0).compare(VectorClock.empty())).isEqualTo(CausalOrder.AFTER);
    }

    @Test
    void clocksWithEventsTheOtherHasNotSeenAreConcurrent() {
      assertThat(clock(2, 0, 0).compare(clock(1, 1, 0))).isEqualTo(CausalOrder.CONCURRENT);
      assertThat(clock(1, 0, 0).compare(clock(0, 1, 0))).isEqualTo(CausalOrder.CONCURRENT);
    }

    @Test
    void concurrentEvenWhenTheLeftHasFewerEntries() {
      // The size shortcut in isLessOrEqual must not turn this into BEFORE.
      assertThat(clock(5, 0, 0).compare(clock(1, 1, 1))).isEqualTo(CausalOrder.CONCURRENT);
      assertThat(clock(1, 1, 1).compare(clock(5, 0, 0))).isEqualTo(CausalOrder.CONCURRENT);
    }

    @Test
    void isLessOrEqualIsThePointwiseOrder() {
      assertThat(clock(1, 2, 0).isLessOrEqual(clock(1, 2, 0))).isTrue();
      assertThat(clock(1, 2, 0).isLessOrEqual(clock(1, 3, 1))).isTrue();
      assertThat(clock(1, 2, 1).isLessOrEqual(clock(1, 3, 0))).isFalse();
      assertThat(VectorClock.empty().isLessOrEqual(clock(0, 0, 0))).isTrue();
    }

    @Test
    void reversedSwapsBeforeAndAfterOnly() {
      assertThat(CausalOrder.BEFORE.reversed()).isEqualTo(CausalOrder.AFTER);
      assertThat(CausalOrder.AFTER.reversed()).isEqualTo(CausalOrder.BEFORE);
      assertThat(CausalOrder.EQUAL.reversed()).isEqualTo(CausalOrder.EQUAL);
      assertThat(CausalOrder.CONCURRENT.reversed()).isEqualTo(CausalOrder.CONCURRENT);
    }
  }

  @Nested
  class Intersect {

    @Test
    void isThePointwiseMinimumWithoutZeros() {
      VectorClock common = clock(3, 1, 0).intersect(clock(1, 4, 2));
      assertThat(common).isEqualTo(clock(1, 1, 0));
      assertThat(common.entries().keySet()).containsExactly(A, B);
    }

    @Test
    void disjointClocksIntersectToEmpty() {
      VectorClock common = clock(3, 0, 0).intersect(clock(0, 2, 0));
      assertThat(common).isEqualTo(VectorClock.empty());
      assertThat(common.isEmpty()).isTrue();
    }

    @Test
    void returnsTheSameInstanceWhenTheOtherCoversIt() {
      VectorClock small = clock(1, 2, 0);
      assertThat(small.intersect(clock(1, 5, 7))).isSameAs(small);
      assertThat(small.intersect(small)).isSameAs(small);
    }

    @Test
    void isCommutativeAndBelowBoth() {
      VectorClock x = clock(3, 1, 5);
      VectorClock y = clock(2, 4, 0);
      assertThat(x.intersect(y)).isEqualTo(y.intersect(x));
      assertThat(x.intersect(y).isLessOrEqual(x)).isTrue();
      assertThat(x.intersect(y).isLessOrEqual(y)).isTrue();
    }
  }

  @Nested
  class Text {

    @Test
    void listsEntriesSortedByReplica() {
      assertThat(clock(3, 0, 1)).hasToString("{a:3, c:1}");
      assertThat(VectorClock.empty().increment(C).increment(A)).hasToString("{a:1, c:1}");
    }

    @Test
    void emptyClockPrintsEmptyBraces() {
      assertThat(VectorClock.empty()).hasToString("{}");
    }
  }

  /** Lookups scan for the very id instance first (up to 64 entries); an equal id of another instance must match too. */
  @Nested
  class LookupByEqualIds {

    @Test
    void anEqualIdThatIsAnotherInstanceFindsItsEntryInSmallAndLargeClocks() {
      for (int size : new int[] {1, 3, 8, 9, 64, 65, 200}) {
        VectorClock clock = VectorClock.empty();
        for (int i = 0; i < size; i++) {
          clock = clock.increment(ReplicaId.of("r" + i), i + 1);
        }
        for (int i = 0; i < size; i++) {
          ReplicaId another = new ReplicaId(new String("r" + i));
          assertThat(clock.get(another)).as("r%d of %d", i, size).isEqualTo(i + 1);
          assertThat(clock.increment(another, 1).get(ReplicaId.of("r" + i))).isEqualTo(i + 2);
          assertThat(clock.increment(another, 1).entries().size()).isEqualTo(size);
        }
        assertThat(clock.get(ReplicaId.of("absent"))).isZero();
        assertThat(clock.increment(ReplicaId.of("absent"), 1).entries().size()).isEqualTo(size + 1);
      }
    }
  }
}
