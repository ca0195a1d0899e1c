package io.crdtkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Scenario tests for {@link GSet}: merge is union whatever the order, merges and adds that change nothing return
 * the same instance, the delta of an add is that element alone, nulls are rejected, and equality is by elements.
 */
class GSetTest {

  @Nested
  class ConcurrentAdds {

    @Test
    void concurrentAddsOfDifferentElementsAreAllKept() {
      GSet<String> base = GSet.of("x");
      GSet<String> onA = base.add("y");
      GSet<String> onB = base.add("z");

      assertThat(onA.merge(onB).value()).containsExactlyInAnyOrder("x", "y", "z");
      assertThat(onA.merge(onB)).isEqualTo(onB.merge(onA));
    }

    @Test
    void theSameElementAddedOnTwoReplicasIsOneElement() {
      GSet<String> onA = GSet.<String>empty().add("x");
      GSet<String> onB = GSet.<String>empty().add("x");

      GSet<String> merged = onA.merge(onB);

      assertThat(merged.size()).isEqualTo(1);
      assertThat(merged).isEqualTo(onA);
    }

    @Test
    void threeReplicasConvergeWhateverTheMergeOrder() {
      GSet<String> onA = GSet.of("x");
      GSet<String> onB = GSet.of("y");
      GSet<String> onC = GSet.of("z", "x");

      GSet<String> atA = onA.merge(onB).merge(onC);
      GSet<String> atC = onC.merge(onB.merge(onA));

      assertThat(atA).isEqualTo(atC);
      assertThat(atA.value()).containsExactlyInAnyOrder("x", "y", "z");
    }

    @Test
    void nothingEverLeavesAGrowOnlySet() {
      GSet<String> before = GSet.of("x", "y");
      GSet<String> after = before.merge(GSet.of("z")).merge(GSet.empty()).add("x");

      assertThat(before.isLessOrEqual(after)).isTrue();
      assertThat(after.contains("x")).isTrue();
      assertThat(after.contains("y")).isTrue();
    }
  }

  @Nested
  class SameInstanceWhenNothingChanges {

    @Test
    void addingAPresentElementReturnsTheSameSet() {
      GSet<String> set = GSet.of("x", "y");

      assertThat(set.add("x")).isSameAs(set);
    }

    @Test
    void mergingASubsetReturnsThisInstance() {
      GSet<String> set = GSet.of("x", "y", "z");

      assertThat(set.merge(GSet.of("y"))).isSameAs(set);
      assertThat(set.merge(set)).isSameAs(set);
      assertThat(set.merge(set.bottom())).isSameAs(set);
    }

    @Test
    void mergingAnEqualButDistinctSetReturnsThisInstance() {
      GSet<String> set = GSet.of("x", "y");
      GSet<String> copy = GSet.of("y", "x");

      assertThat(copy).isNotSameAs(set);
      assertThat(set.merge(copy)).isSameAs(set);
    }
  }

  @Nested
  class Deltas {

    @Test
    void mergingTheDeltaOfAnAddEqualsTheAdd() {
      GSet<String> set = GSet.of("x", "y");

      assertThat(set.merge(set.deltaAdd("z"))).isEqualTo(set.add("z"));
    }

    @Test
    void theDeltaOfAnAddToAThousandElementSetHoldsOneElement() {
      GSet<Integer> set = GSet.empty();
      for (int i = 0; i < 1000; i++) {
        set = set.add(i);
      }

      GSet<Integer> delta = set.deltaAdd(1000);

      assertThat(delta.value()).containsExactly(1000);
      assertThat(set.merge(delta).size()).isEqualTo(1001);
    }

    @Test
    void theDeltaOfAPresentElementIsAlreadyCovered() {
      GSet<String> set = GSet.of("x");

      assertThat(set.merge(set.deltaAdd("x"))).isSameAs(set);
    }

    @Test
    void deltasJoinIntoAGroupThatAnotherReplicaAppliesAtOnce() {
      GSet<String> onA = GSet.empty();
      GSet<String> group = onA.bottom().merge(onA.deltaAdd("x")).merge(onA.deltaAdd("y"));

      assertThat(GSet.of("z").merge(group)).isEqualTo(GSet.of("x", "y", "z"));
    }
  }

  @Nested
  class InvalidArguments {

    @Test
    void aNullElementIsRejectedAndTheSetIsUnchanged() {
      GSet<String> set = GSet.of("x");

      assertThatThrownBy(() -> set.add(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("GSet element");
      assertThatThrownBy(() -> set.deltaAdd(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("GSet element");
      assertThat(set).isEqualTo(GSet.of("x"));
    }

    @Test
    void aNullElementInTheFactoryIsRejected() {
      assertThatThrownBy(() -> GSet.of("x", null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("GSet element");
    }
  }

  @Nested
  class EqualityAndOrder {

    @Test
    void setsWithTheSameElementsAreEqualWhateverTheirHistory() {
      GSet<String> added = GSet.<String>empty().add("x").add("y");
      GSet<String> merged = GSet.of("y").merge(GSet.of("x"));

      assertThat(added).isEqualTo(merged);
      assertThat(added.hashCode()).isEqualTo(merged.hashCode());
    }

    @Test
    void setsWithDifferentElementsAreNotEqual() {
      assertThat(GSet.of("x")).isNotEqualTo(GSet.of("y"));
      assertThat(GSet.of("x")).isNotEqualTo(GSet.of("x", "y"));
    }

    @Test
    void theOrderIsInclusion() {
      assertThat(GSet.of("x").isLessOrEqual(GSet.of("x", "y"))).isTrue();
      assertThat(GSet.of("x", "y").isLessOrEqual(GSet.of("x"))).isFalse();
      assertThat(GSet.of("x").isLessOrEqual(GSet.of("y"))).isFalse();
      assertThat(GSet.<String>empty().isLessOrEqual(GSet.of("y"))).isTrue();
    }

    @Test
    void bottomIsTheEmptySet() {
      GSet<String> set = GSet.of("x");

      assertThat(set.bottom().value()).isEmpty();
      assertThat(set.bottom()).isSameAs(GSet.empty());
    }
  }

  @Test
  void toStringListsTheElements() {
    String text = GSet.of("milk", "eggs").toString();

    assertThat(text).startsWith("GSet[").contains("milk").contains("eggs");
  }
}
