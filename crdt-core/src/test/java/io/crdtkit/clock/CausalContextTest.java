package io.crdtkit.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link CausalContext}: compaction of out-of-order dots into the vector clock, {@code nextDot} past the cloud,
 * merge of contexts with clouds, {@code contains}, {@code isLessOrEqual}, and canonical {@code equals}.
 */
class CausalContextTest {

  private static final ReplicaId A = ReplicaId.of("a");
  private static final ReplicaId B = ReplicaId.of("b");

  private static Dot a(long counter) {
    return Dot.of(A, counter);
  }

  private static Dot b(long counter) {
    return Dot.of(B, counter);
  }

  private static CausalContext context(Dot... dots) {
    return CausalContext.empty().addAll(List.of(dots));
  }

  @Nested
  class Compaction {

    @Test
    void outOfOrderDotsWaitInTheCloudUntilTheGapCloses() {
      CausalContext withGap = context(a(1), a(3), a(4));
      assertThat(withGap.vectorClock()).isEqualTo(VectorClock.of(Map.of(A, 1L)));
      assertThat(withGap.dotCloud()).containsExactly(a(3), a(4));
      assertThat(withGap).hasToString("{a:1} + [a:3, a:4]");

      CausalContext closed = withGap.add(a(2));
      assertThat(closed.vectorClock()).isEqualTo(VectorClock.of(Map.of(A, 4L)));
      assertThat(closed.dotCloud()).isEmpty();
      assertThat(closed).hasToString("{a:4}");
    }

    @Test
    void closingOneGapLeavesLaterGapsInTheCloud() {
      CausalContext context = context(a(2), a(3), a(5), b(2)).add(a(1));
      assertThat(context.vectorClock()).isEqualTo(VectorClock.of(Map.of(A, 3L)));
      assertThat(context.dotCloud()).containsExactly(a(5), b(2));
    }

    @Test
    void addingASeenDotReturnsTheSameInstance() {
      CausalContext context = context(a(1), a(3));
      assertThat(context.add(a(1))).isSameAs(context);
      assertThat(context.add(a(3))).isSameAs(context);
    }

    @Test
    void contextFromClockAndDotsCompacts() {
      CausalContext context = CausalContext.of(VectorClock.of(Map.of(A, 2L)), List.of(a(4), a(3), b(1), a(2)));
      assertThat(context.vectorClock()).isEqualTo(VectorClock.of(Map.of(A, 4L, B, 1L)));
      assertThat(context.dotCloud()).isEmpty();
    }

    @Test
    void emptyContextIsEmpty() {
      assertThat(CausalContext.empty().isEmpty()).isTrue();
      assertThat(CausalContext.of(VectorClock.empty())).isEqualTo(CausalContext.empty());
      assertThat(context(a(3)).isEmpty()).isFalse();
      assertThat(CausalContext.empty()).hasToString("{}");
    }

    @Test
    void nullDotIsRejected() {
      assertThatThrownBy(() -> CausalContext.empty().add(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("dot");
    }
  }

  @Nested
  class NextDot {

    @Test
    void isOnePastTheVectorClockWithoutCloud() {
      assertThat(context(a(1), a(2)).nextDot(A)).isEqualTo(a(3));
      assertThat(CausalContext.empty().nextDot(A)).isEqualTo(a(1));
    }

    @Test
    void neverReusesADotSeenOnlyInTheCloud() {
      CausalContext context = context(a(1), a(5), b(7));
      assertThat(context.nextDot(A)).isEqualTo(a(6));
      assertThat(context.nextDot(B)).isEqualTo(b(8));
      assertThat(context.maxCounter(A)).isEqualTo(5);
      assertThat(context.contains(context.nextDot(A))).isFalse();
    }

    @Test
    void ofAnUnseenReplicaIsItsFirstDot() {
      assertThat(context(a(4)).nextDot(B)).isEqualTo(b(1));
      assertThat(context(a(4)).maxCounter(B)).isZero();
    }
  }

  @Nested
  class Merge {

    @Test
    void cloudsThatFillEachOthersGapsCompact() {
      CausalContext left = context(a(1), a(3), b(2));
      CausalContext right = context(a(2), a(4), b(1));
      CausalContext merged = left.merge(right);
      assertThat(merged.vectorClock()).isEqualTo(VectorClock.of(Map.of(A, 4L, B, 2L)));
      assertThat(merged.dotCloud()).isEmpty();
      assertThat(right.merge(left)).isEqualTo(merged);
    }

    @Test
    void cloudDotsCoveredByTheOtherClockAreDropped() {
      CausalContext left = context(a(1), a(5), b(3));
      CausalContext right = CausalContext.of(VectorClock.of(Map.of(A, 6L)));
      CausalContext merged = left.merge(right);
      assertThat(merged.vectorClock()).isEqualTo(VectorClock.of(Map.of(A, 6L)));
      assertThat(merged.dotCloud()).containsExactly(b(3));
    }

    @Test
    void returnsTheSameInstanceWhenOneSideCoversTheOther() {
      CausalContext big = context(a(1), a(2), a(4), b(1));
      CausalContext small = context(a(2), a(4));
      assertThat(big.merge(small)).isSameAs(big);
      assertThat(small.merge(big)).isSameAs(big);
      assertThat(big.merge(big)).isSameAs(big);
      assertThat(big.merge(CausalContext.empty())).isSameAs(big);
    }

    @Test
    void mergedContextHoldsExactlyTheDotsOfBoth() {
      CausalContext left = context(a(1), a(4), b(3));
      CausalContext right = context(a(6), b(1));
      CausalContext merged = left.merge(right);
      assertThat(merged).isEqualTo(context(a(1), a(4), a(6), b(1), b(3)));
      assertThat(merged).hasToString("{a:1, b:1} + [a:4, a:6, b:3]");
    }
  }

  @Nested
  class ContainsAndOrder {

    @Test
    void containsDotsOfThePrefixAndOfTheCloudOnly() {
      CausalContext context = context(a(1), a(2), a(5), b(3));
      assertThat(context.contains(a(1))).isTrue();
      assertThat(context.contains(a(2))).isTrue();
      assertThat(context.contains(a(3))).isFalse();
      assertThat(context.contains(a(4))).isFalse();
      assertThat(context.contains(a(5))).isTrue();
      assertThat(context.contains(a(6))).isFalse();
      assertThat(context.contains(b(1))).isFalse();
      assertThat(context.contains(b(3))).isTrue();
    }

    @Test
    void isLessOrEqualIsSetInclusion() {
      CausalContext small = context(a(1), a(3));
      CausalContext big = context(a(1), a(2), a(3), b(1));
      CausalContext other = context(a(1), a(4));
      assertThat(small.isLessOrEqual(big)).isTrue();
      assertThat(big.isLessOrEqual(small)).isFalse();
      assertThat(small.isLessOrEqual(other)).isFalse();
      assertThat(other.isLessOrEqual(big)).isFalse();
      assertThat(small.isLessOrEqual(small)).isTrue();
      assertThat(CausalContext.empty().isLessOrEqual(small)).isTrue();
    }

    @Test
    void cloudIsCoveredByALongerPrefix() {
      CausalContext cloudOnly = context(a(3), b(2));
      CausalContext prefixOnly = CausalContext.of(VectorClock.of(Map.of(A, 3L, B, 2L)));
      assertThat(cloudOnly.isLessOrEqual(prefixOnly)).isTrue();
      assertThat(prefixOnly.isLessOrEqual(cloudOnly)).isFalse();
    }
  }

  @Nested
  class CanonicalEquality {

    @Test
    void sameDotsInDifferentOrdersGiveEqualContexts() {
      CausalContext inOrder = context(a(1), a(2), a(3), a(5), b(1), b(4));
      CausalContext shuffled = context(b(4), a(5), a(3), b(1), a(1), a(2));
      CausalContext viaMerge = context(a(5), b(4)).merge(context(a(3), b(1))).merge(context(a(2), a(1)));
      assertThat(shuffled).isEqualTo(inOrder).hasSameHashCodeAs(inOrder);
      assertThat(viaMerge).isEqualTo(inOrder).hasSameHashCodeAs(inOrder);
      assertThat(shuffled.vectorClock()).isEqualTo(VectorClock.of(Map.of(A, 3L, B, 1L)));
      assertThat(shuffled.dotCloud()).containsExactly(a(5), b(4));
    }

    @Test
    void differentDotsGiveDifferentContexts() {
      assertThat(context(a(1), a(3))).isNotEqualTo(context(a(1), a(2)));
      assertThat(context(a(2))).isNotEqualTo(context(a(1)));
      assertThat(context(a(1))).isNotEqualTo(CausalContext.empty());
    }
  }
}
