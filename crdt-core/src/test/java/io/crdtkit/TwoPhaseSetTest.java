package io.crdtkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Scenario tests for {@link TwoPhaseSet}: a removed element never comes back, on any replica and in any merge
 * order; removes of elements never added here are rejected with the element named; deltas; equality over both
 * the added and the removed elements.
 */
class TwoPhaseSetTest {

  @Nested
  class OnceRemovedNeverAgain {

    @Test
    void twoPhaseSetNeverReadmitsARemovedElement() {
      TwoPhaseSet<String> removed = TwoPhaseSet.<String>empty().add("ticket-7").remove("ticket-7");

      TwoPhaseSet<String> readded = removed.add("ticket-7");

      assertThat(readded.contains("ticket-7")).isFalse();
      assertThat(readded.value()).isEmpty();
      assertThat(readded.isRemoved("ticket-7")).isTrue();
    }

    @Test
    void removeWinsOverAConcurrentAddOnAnotherReplica() {
      TwoPhaseSet<String> onA = TwoPhaseSet.<String>empty().add("x").remove("x");
      TwoPhaseSet<String> onB = TwoPhaseSet.<String>empty().add("x").add("y");

      assertThat(onA.merge(onB).value()).containsExactly("y");
      assertThat(onB.merge(onA).value()).containsExactly("y");
    }

    @Test
    void aRemoveReachesEveryReplicaAndBarsTheirOwnCopies() {
      TwoPhaseSet<String> base = TwoPhaseSet.<String>empty().add("x");
      TwoPhaseSet<String> onA = base.remove("x");
      TwoPhaseSet<String> onB = base.add("y");
      TwoPhaseSet<String> onC = base;

      TwoPhaseSet<String> atC = onC.merge(onA);
      TwoPhaseSet<String> atB = onB.merge(atC);

      assertThat(atC.contains("x")).isFalse();
      assertThat(atB.value()).containsExactly("y");
      assertThat(atB.add("x").contains("x")).isFalse();
      assertThat(atB.merge(base).contains("x")).isFalse();
    }

    @Test
    void theRemoveDeltaAloneBarsTheElementAtAReplicaThatNeverSawTheAdd() {
      TwoPhaseSet<String> onA = TwoPhaseSet.<String>empty().add("x");
      TwoPhaseSet<String> removeDelta = onA.deltaRemove("x");
      TwoPhaseSet<String> onC = TwoPhaseSet.empty();

      TwoPhaseSet<String> atC = onC.merge(removeDelta).merge(onA).add("x");

      assertThat(atC.contains("x")).isFalse();
      assertThat(atC.isRemoved("x")).isTrue();
    }

    @Test
    void aRemovedElementDoesNotTouchTheOthers() {
      TwoPhaseSet<String> set = TwoPhaseSet.<String>empty().add("x").add("y").remove("x").add("z");

      assertThat(set.value()).containsExactlyInAnyOrder("y", "z");
      assertThat(set.removedElements()).containsExactly("x");
    }
  }

  @Nested
  class SameInstanceWhenNothingChanges {

    @Test
    void addingAPresentOrARemovedElementReturnsTheSameSet() {
      TwoPhaseSet<String> set = TwoPhaseSet.<String>empty().add("x").add("y").remove("y");

      assertThat(set.add("x")).isSameAs(set);
      assertThat(set.add("y")).isSameAs(set);
    }

    @Test
    void removingARemovedElementAgainReturnsTheSameSet() {
      TwoPhaseSet<String> set = TwoPhaseSet.<String>empty().add("x").remove("x");

      assertThat(set.remove("x")).isSameAs(set);
    }

    @Test
    void mergingAnOlderStateReturnsThisInstance() {
      TwoPhaseSet<String> older = TwoPhaseSet.<String>empty().add("x").add("y");
      TwoPhaseSet<String> newer = older.remove("x").add("z");

      assertThat(newer.merge(older)).isSameAs(newer);
      assertThat(newer.merge(newer)).isSameAs(newer);
      assertThat(newer.merge(newer.bottom())).isSameAs(newer);
    }
  }

  @Nested
  class Deltas {

    @Test
    void mergingTheDeltaOfAnAddEqualsTheAdd() {
      TwoPhaseSet<String> set = TwoPhaseSet.<String>empty().add("x").remove("x");

      assertThat(set.merge(set.deltaAdd("y"))).isEqualTo(set.add("y"));
      assertThat(set.merge(set.deltaAdd("x"))).isEqualTo(set.add("x"));
    }

    @Test
    void mergingTheDeltaOfARemoveEqualsTheRemove() {
      TwoPhaseSet<String> set = TwoPhaseSet.<String>empty().add("x").add("y");

      assertThat(set.merge(set.deltaRemove("x"))).isEqualTo(set.remove("x"));
    }

    @Test
    void theDeltaOfARemoveFromAThousandElementSetHoldsOnlyThatElement() {
      TwoPhaseSet<Integer> set = TwoPhaseSet.empty();
      for (int i = 0; i < 1000; i++) {
        set = set.add(i);
      }

      TwoPhaseSet<Integer> addDelta = set.deltaAdd(1000);
      TwoPhaseSet<Integer> removeDelta = set.deltaRemove(7);

      assertThat(addDelta.value()).containsExactly(1000);
      assertThat(addDelta.removedElements()).isEmpty();
      assertThat(removeDelta.value()).isEmpty();
      assertThat(removeDelta.removedElements()).containsExactly(7);
    }
  }

  @Nested
  class InvalidArguments {

    @Test
    void removingANeverAddedElementIsRejectedNamingTheElement() {
      TwoPhaseSet<String> set = TwoPhaseSet.<String>empty().add("x");

      assertThatThrownBy(() -> set.remove("ticket-7"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("ticket-7")
          .hasMessageContaining("never added");
      assertThatThrownBy(() -> set.deltaRemove("ticket-7"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("ticket-7");
      assertThat(set.value()).containsExactly("x");
      assertThat(set.isRemoved("ticket-7")).isFalse();
      assertThat(set.removedElements()).isEmpty();
    }

    @Test
    void anElementAddedOnlyOnAnotherReplicaCanBeRemovedOnceMerged() {
      TwoPhaseSet<String> onA = TwoPhaseSet.<String>empty().add("x");
      TwoPhaseSet<String> onB = TwoPhaseSet.empty();

      assertThatThrownBy(() -> onB.remove("x")).isInstanceOf(IllegalArgumentException.class);
      assertThat(onB.merge(onA).remove("x").isRemoved("x")).isTrue();
    }

    @Test
    void removeOfAnElementAlreadyRemovedThroughAMergedDeltaMustNotThrow() {
      TwoPhaseSet<String> removeDelta = TwoPhaseSet.<String>empty().add("x").deltaRemove("x");
      TwoPhaseSet<String> onC = TwoPhaseSet.<String>empty().merge(removeDelta);

      assertThat(onC.isRemoved("x")).isTrue();
      assertThat(onC.remove("x")).isSameAs(onC);
    }

    @Test
    void aNullElementIsRejectedAndTheSetIsUnchanged() {
      TwoPhaseSet<String> set = TwoPhaseSet.<String>empty().add("x");

      assertThatThrownBy(() -> set.add(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("element");
      assertThatThrownBy(() -> set.deltaAdd(null)).isInstanceOf(NullPointerException.class);
      assertThatThrownBy(() -> set.remove(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("TwoPhaseSet element");
      assertThatThrownBy(() -> set.deltaRemove(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("TwoPhaseSet element");
      assertThat(set).isEqualTo(TwoPhaseSet.<String>empty().add("x"));
    }
  }

  @Nested
  class EqualityAndMetadata {

    @Test
    void setsWithTheSameValueButDifferentRemovedElementsAreNotEqual() {
      TwoPhaseSet<String> neverTouched = TwoPhaseSet.empty();
      TwoPhaseSet<String> addedThenRemoved = TwoPhaseSet.<String>empty().add("x").remove("x");

      assertThat(addedThenRemoved.value()).isEqualTo(neverTouched.value());
      assertThat(addedThenRemoved).isNotEqualTo(neverTouched);
    }

    @Test
    void statesReachedInADifferentOrderAreEqualWithEqualHashCodes() {
      TwoPhaseSet<String> onA = TwoPhaseSet.<String>empty().add("x").add("y").remove("x");
      TwoPhaseSet<String> onB = TwoPhaseSet.<String>empty().add("y").merge(TwoPhaseSet.<String>empty().add("x"))
          .remove("x");

      assertThat(onA).isEqualTo(onB);
      assertThat(onA.hashCode()).isEqualTo(onB.hashCode());
    }

    @Test
    void theRemovedElementsAreKeptForeverEvenAfterMerges() {
      TwoPhaseSet<String> set = TwoPhaseSet.<String>empty().add("x").remove("x");

      TwoPhaseSet<String> later = set.merge(TwoPhaseSet.<String>empty().add("y")).add("z");

      assertThat(later.removedElements()).containsExactly("x");
      assertThat(set.isLessOrEqual(later)).isTrue();
      assertThat(later.isLessOrEqual(set)).isFalse();
    }

    @Test
    void toStringListsThePresentAndTheRemovedElements() {
      TwoPhaseSet<String> set = TwoPhaseSet.<String>empty().add("milk").add("eggs").remove("eggs");

      assertThat(set.toString()).isEqualTo("TwoPhaseSet[milk] removed[eggs]");
    }
  }
}
