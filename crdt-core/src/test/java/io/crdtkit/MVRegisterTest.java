package io.crdtkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Scenario tests for {@link MVRegister}: concurrent writes kept side by side, a later write replacing them all,
 * deltas, writes under a reused dot, same-instance merges, equality over dots and context, and text.
 */
class MVRegisterTest {

  private static final ReplicaId A = ReplicaId.of("a");
  private static final ReplicaId B = ReplicaId.of("b");
  private static final ReplicaId C = ReplicaId.of("c");

  @Nested
  class Writes {

    @Test
    void aNeverWrittenRegisterReadsAsNoValues() {
      assertThat(MVRegister.<String>empty().value()).isEmpty();
      assertThat(MVRegister.<String>empty().writes()).isEmpty();
    }

    @Test
    void aWriteReplacesTheWritesItHasSeen() {
      MVRegister<String> register = MVRegister.<String>empty().write(A, "draft").write(B, "final");

      assertThat(register.value()).containsExactly("final");
      assertThat(register.writes().keySet()).containsExactly(Dot.of(B, 1));
    }

    @Test
    void concurrentWritesAreAllKeptInEveryMergeOrder() {
      MVRegister<String> base = MVRegister.<String>empty().write(A, "draft");
      MVRegister<String> onA = base.write(A, "red");
      MVRegister<String> onB = base.write(B, "blue");

      MVRegister<String> both = onA.merge(onB);

      assertThat(both.value()).containsExactlyInAnyOrder("red", "blue");
      assertThat(both.writes().keySet()).containsExactly(Dot.of(A, 2), Dot.of(B, 1));
      assertThat(onB.merge(onA)).isEqualTo(both);
    }

    @Test
    void aLaterWriteThatSawBothReplacesBothAndTheyDoNotComeBack() {
      MVRegister<String> base = MVRegister.<String>empty().write(A, "draft");
      MVRegister<String> onA = base.write(A, "red");
      MVRegister<String> onB = base.write(B, "blue");

      MVRegister<String> resolved = onA.merge(onB).write(C, "purple");

      assertThat(resolved.value()).containsExactly("purple");
      assertThat(resolved.merge(onA).merge(onB)).isSameAs(resolved);
      assertThat(onB.merge(onA).merge(resolved).value()).containsExactly("purple");
    }

    @Test
    void aWriteReplacesOnlyWhatItHasSeenNotAConcurrentWrite() {
      MVRegister<String> base = MVRegister.<String>empty().write(A, "draft");
      MVRegister<String> onA = base.write(A, "red").write(A, "crimson");
      MVRegister<String> onB = base.write(B, "blue");

      assertThat(onA.merge(onB).value()).containsExactlyInAnyOrder("crimson", "blue");
    }

    @Test
    void theSameValueWrittenConcurrentlyReadsAsOneValueButKeepsBothDots() {
      MVRegister<String> onA = MVRegister.<String>empty().write(A, "same");
      MVRegister<String> onB = MVRegister.<String>empty().write(B, "same");

      MVRegister<String> merged = onA.merge(onB);

      assertThat(merged.value()).containsExactly("same");
      assertThat(merged.writes()).hasSize(2);
    }

    /**
     * Replica a lost its state and came back under the same id: its first write reuses dot a:1. The merge stays
     * total and keeps one of the two writes, the same in either order (ValuedPresence, Conflicts).
     */
    @Test
    void twoWritesUnderOneDotKeepOneOfThemTheSameWayInEitherOrder() {
      MVRegister<String> beforeTheCrash = MVRegister.<String>empty().write(A, "before");
      MVRegister<String> afterTheCrash = MVRegister.<String>empty().write(A, "after");

      assertThat(beforeTheCrash.merge(afterTheCrash)).isEqualTo(afterTheCrash.merge(beforeTheCrash));
      assertThat(beforeTheCrash.merge(afterTheCrash).value()).hasSize(1);
    }
  }

  @Nested
  class Deltas {

    @Test
    void theDeltaHoldsOnlyTheNewWriteAndMergesToTheFullWrite() {
      MVRegister<String> base = MVRegister.<String>empty().write(A, "draft");
      MVRegister<String> both = base.write(A, "red").merge(base.write(B, "blue"));

      MVRegister<String> delta = both.deltaWrite(C, "purple");

      assertThat(delta.value()).containsExactly("purple");
      assertThat(delta.writes().keySet()).containsExactly(Dot.of(C, 1));
      assertThat(both.merge(delta)).isEqualTo(both.write(C, "purple"));
    }

    @Test
    void aDeltaReplacesTheWritesItObservedOnAnotherReplica() {
      MVRegister<String> base = MVRegister.<String>empty().write(A, "draft");
      MVRegister<String> onB = base.write(B, "blue");

      MVRegister<String> delta = base.deltaWrite(A, "red");

      assertThat(base.merge(delta).value()).containsExactly("red");
      assertThat(onB.merge(delta).value()).containsExactlyInAnyOrder("red", "blue");
    }
  }

  @Nested
  class MergeEqualityAndText {

    @Test
    void mergeReturnsTheSameInstanceWhenTheOtherSideAddsNothing() {
      MVRegister<String> older = MVRegister.<String>empty().write(A, "x");
      MVRegister<String> newer = older.write(B, "y");

      assertThat(newer.merge(older)).isSameAs(newer);
      assertThat(newer.merge(newer)).isSameAs(newer);
      assertThat(newer.merge(MVRegister.empty())).isSameAs(newer);
    }

    @Test
    void equalValuesWithDifferentHistoriesAreDifferentStates() {
      MVRegister<String> direct = MVRegister.<String>empty().write(A, "x");
      MVRegister<String> overwritten = MVRegister.<String>empty().write(A, "w").write(A, "x");

      assertThat(direct.value()).isEqualTo(overwritten.value());
      assertThat(direct).isNotEqualTo(overwritten);
      assertThat(direct.isLessOrEqual(overwritten)).isTrue();
    }

    @Test
    void statesReachedInDifferentOrdersAreEqualWithEqualHashCodes() {
      MVRegister<String> onA = MVRegister.<String>empty().write(A, "red");
      MVRegister<String> onB = MVRegister.<String>empty().write(B, "blue");

      assertThat(onA.merge(onB)).isEqualTo(onB.merge(onA)).hasSameHashCodeAs(onB.merge(onA));
    }

    @Test
    void toStringShowsEachWriteWithItsDotAndTheContext() {
      MVRegister<String> base = MVRegister.<String>empty().write(A, "draft");
      MVRegister<String> both = base.write(A, "red").merge(base.write(B, "blue"));

      assertThat(both).hasToString("MVRegister{a:2=red, b:1=blue} | seen {a:2, b:1}");
    }
  }
}
