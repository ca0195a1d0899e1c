package io.crdtkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Scenario tests for {@link RWSet}: a remove wins over every add it is concurrent with, even on a replica where
 * the element was absent, and an add that saw the remove wins; remove tokens and when they are dropped;
 * same-instance merges; small deltas; null arguments; equality over the tokens and the context.
 */
class RWSetTest {

  private static final ReplicaId A = ReplicaId.of("a");
  private static final ReplicaId B = ReplicaId.of("b");
  private static final ReplicaId C = ReplicaId.of("c");

  @Nested
  class RemoveWins {

    @Test
    void removeWinsOverConcurrentAdd() {
      RWSet<String> base = RWSet.<String>empty().add(A, "token");
      RWSet<String> onA = base.remove(A, "token");
      RWSet<String> onB = base.add(B, "token");

      assertThat(onA.merge(onB).contains("token")).isFalse();
      assertThat(onB.merge(onA).contains("token")).isFalse();
      assertThat(onA.merge(onB)).isEqualTo(onB.merge(onA));
    }

    @Test
    void anAddThatSawTheRemoveWins() {
      RWSet<String> base = RWSet.<String>empty().add(A, "token");
      RWSet<String> merged = base.remove(A, "token").merge(base.add(B, "token"));

      RWSet<String> readded = merged.add(B, "token");

      assertThat(readded.contains("token")).isTrue();
      assertThat(readded.removeTokens()).isZero();
    }

    @Test
    void aRemoveOfAnElementAbsentHereStillBeatsAConcurrentAdd() {
      RWSet<String> onA = RWSet.<String>empty().remove(A, "x");
      RWSet<String> onB = RWSet.<String>empty().add(B, "x").add(B, "y");

      assertThat(onA.removeTokens()).isEqualTo(1);
      assertThat(onA.merge(onB).value()).containsExactly("y");
    }

    @Test
    void concurrentRemoveAndAddStayRemovedWhateverTheMergeOrder() {
      RWSet<String> base = RWSet.<String>empty().add(A, "x");
      RWSet<String> onA = base.remove(A, "x");
      RWSet<String> onB = base.add(B, "x");
      RWSet<String> onC = base.add(C, "y");

      RWSet<String> atC = onC.merge(onA).merge(onB);
      RWSet<String> atB = onB.merge(onC.merge(onA));

      assertThat(atC).isEqualTo(atB);
      assertThat(atC.value()).containsExactly("y");
    }

    @Test
    void aRemoveThatSawTheAddRemovesIt() {
      RWSet<String> base = RWSet.<String>empty().add(A, "x");
      RWSet<String> removed = base.merge(RWSet.<String>empty().add(B, "y")).remove(B, "x");

      assertThat(removed.merge(base).contains("x")).isFalse();
      assertThat(base.merge(removed).contains("x")).isFalse();
    }

    @Test
    void concurrentAddsAreBothOverriddenByOneRemoveThatSawThem() {
      RWSet<String> merged = RWSet.<String>empty().add(A, "x").merge(RWSet.<String>empty().add(B, "x"));

      assertThat(merged.contains("x")).isTrue();
      assertThat(merged.remove(C, "x").contains("x")).isFalse();
    }
  }

  @Nested
  class RemoveTokens {

    @Test
    void removeTokenIsDroppedOnceAnAddObservesIt() {
      RWSet<String> removed = RWSet.<String>empty().add(A, "x").remove(A, "x");

      assertThat(removed.removeTokens()).isEqualTo(1);
      assertThat(removed.add(B, "x").removeTokens()).isZero();
    }

    @Test
    void concurrentRemovesKeepATokenEachUntilAnAddSeesBoth() {
      RWSet<String> base = RWSet.<String>empty().add(A, "x");
      RWSet<String> merged = base.remove(A, "x").merge(base.remove(B, "x"));

      assertThat(merged.removeTokens()).isEqualTo(2);
      assertThat(merged.add(C, "x").removeTokens()).isZero();
      assertThat(merged.add(C, "x").contains("x")).isTrue();
    }

    @Test
    void aSecondRemoveOnTheSameReplicaReplacesItsToken() {
      RWSet<String> set = RWSet.<String>empty().remove(A, "x").remove(A, "x").remove(A, "y");

      assertThat(set.removeTokens()).isEqualTo(2);
      assertThat(set.context()).isEqualTo(CausalContext.empty().add(Dot.of(A, 1)).add(Dot.of(A, 2))
          .add(Dot.of(A, 3)));
    }
  }

  @Nested
  class SameInstanceWhenNothingChanges {

    @Test
    void mergingAnOlderStateReturnsThisInstance() {
      RWSet<String> older = RWSet.<String>empty().add(A, "x").add(B, "y");
      RWSet<String> newer = older.remove(A, "x").add(C, "z");

      assertThat(newer.merge(older)).isSameAs(newer);
      assertThat(newer.merge(newer)).isSameAs(newer);
      assertThat(newer.merge(newer.bottom())).isSameAs(newer);
    }

    @Test
    void mergingAnEqualStateOfAnotherReplicaReturnsThisInstance() {
      RWSet<String> onA = RWSet.<String>empty().add(A, "x");
      RWSet<String> onB = RWSet.<String>empty().remove(B, "x");
      RWSet<String> atA = onA.merge(onB);

      assertThat(atA.merge(onB.merge(onA))).isSameAs(atA);
    }
  }

  @Nested
  class Deltas {

    @Test
    void mergingEachDeltaEqualsItsMutator() {
      RWSet<String> base = RWSet.<String>empty().add(A, "x");
      RWSet<String> set = base.remove(A, "x").merge(base.add(B, "x")).add(B, "y");

      assertThat(set.merge(set.deltaAdd(C, "x"))).isEqualTo(set.add(C, "x"));
      assertThat(set.merge(set.deltaAdd(C, "z"))).isEqualTo(set.add(C, "z"));
      assertThat(set.merge(set.deltaRemove(C, "y"))).isEqualTo(set.remove(C, "y"));
      assertThat(set.merge(set.deltaRemove(C, "absent"))).isEqualTo(set.remove(C, "absent"));
    }

    @Test
    void theDeltaOfOneRemoveFromAThousandElementSetHoldsOneToken() {
      RWSet<Integer> set = RWSet.empty();
      for (int i = 0; i < 1000; i++) {
        set = set.add(A, i);
      }

      RWSet<Integer> removeDelta = set.deltaRemove(B, 7);
      RWSet<Integer> addDelta = set.deltaAdd(B, 1000);

      assertThat(removeDelta.value()).isEmpty();
      assertThat(removeDelta.removeTokens()).isEqualTo(1);
      assertThat(removeDelta.context()).isEqualTo(CausalContext.empty().add(Dot.of(A, 8)).add(Dot.of(B, 1)));
      assertThat(addDelta.value()).containsExactly(1000);
      assertThat(set.merge(removeDelta).value()).hasSize(999).doesNotContain(7);
    }

    @Test
    void theDeltaOfAnAddClearsTheTokensItObservedOnAnotherReplica() {
      RWSet<String> removed = RWSet.<String>empty().add(A, "x").remove(A, "x");
      RWSet<String> onC = removed.merge(RWSet.<String>empty().add(C, "y"));

      RWSet<String> delta = removed.deltaAdd(B, "x");

      assertThat(onC.merge(delta).contains("x")).isTrue();
      assertThat(onC.merge(delta).removeTokens()).isZero();
    }
  }

  @Nested
  class InvalidArguments {

    @Test
    void aNullElementIsRejectedAndTheSetIsUnchanged() {
      RWSet<String> set = RWSet.<String>empty().add(A, "x");
      RWSet<String> copy = RWSet.<String>empty().add(A, "x");

      assertThatThrownBy(() -> set.add(A, null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("RWSet element");
      assertThatThrownBy(() -> set.deltaAdd(A, null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("RWSet element");
      assertThatThrownBy(() -> set.remove(A, null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("RWSet element");
      assertThatThrownBy(() -> set.deltaRemove(A, null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("RWSet element");
      assertThat(set).isEqualTo(copy);
    }

    @Test
    void aNullReplicaIsRejectedAndTheSetIsUnchanged() {
      RWSet<String> set = RWSet.<String>empty().add(A, "x");

      assertThatThrownBy(() -> set.add(null, "y"))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("replica");
      assertThatThrownBy(() -> set.remove(null, "x"))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("replica");
      assertThatThrownBy(() -> set.deltaAdd(null, "y")).isInstanceOf(NullPointerException.class);
      assertThatThrownBy(() -> set.deltaRemove(null, "x")).isInstanceOf(NullPointerException.class);
      assertThat(set.value()).containsExactly("x");
      assertThat(set.removeTokens()).isZero();
    }
  }

  @Nested
  class EqualityAndToString {

    @Test
    void setsWithTheSameValueButDifferentTokensAreNotEqual() {
      RWSet<String> neverTouched = RWSet.empty();
      RWSet<String> removedWhileAbsent = RWSet.<String>empty().remove(A, "x");

      assertThat(removedWhileAbsent.value()).isEqualTo(neverTouched.value());
      assertThat(removedWhileAbsent).isNotEqualTo(neverTouched);
      assertThat(neverTouched.isLessOrEqual(removedWhileAbsent)).isTrue();
    }

    @Test
    void setsWithTheSameValueButDifferentAddDotsAreNotEqual() {
      assertThat(RWSet.<String>empty().add(A, "x")).isNotEqualTo(RWSet.<String>empty().add(B, "x"));
    }

    @Test
    void convergedReplicasAreEqualWithEqualHashCodes() {
      RWSet<String> onA = RWSet.<String>empty().add(A, "x").remove(A, "y");
      RWSet<String> onB = RWSet.<String>empty().add(B, "y").add(B, "z");

      RWSet<String> atA = onA.merge(onB);
      RWSet<String> atB = onB.merge(onA);

      assertThat(atA).isEqualTo(atB);
      assertThat(atA.hashCode()).isEqualTo(atB.hashCode());
      assertThat(atA.value()).containsExactlyInAnyOrder("x", "z");
    }

    @Test
    void toStringShowsTheValueThenTheTokensPerElement() {
      RWSet<String> base = RWSet.<String>empty().add(A, "milk");
      RWSet<String> set = base.remove(A, "milk").merge(base.add(B, "milk")).add(B, "eggs");

      assertThat(set.toString()).startsWith("RWSet[eggs] ").contains("milk=adds[b:1] removes[a:2]")
          .contains("eggs=adds[b:2] removes[]");
    }
  }
}
