package io.crdtkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Scenario tests for {@link ORSet}: add wins over a concurrent remove but an observed add stays removed, in any
 * merge order; same-instance merges; small deltas and delta groups; null arguments; equality over dots and
 * context; the dot and context accessors, including context compaction.
 */
class ORSetTest {

  private static final ReplicaId A = ReplicaId.of("a");
  private static final ReplicaId B = ReplicaId.of("b");
  private static final ReplicaId C = ReplicaId.of("c");

  @Nested
  class AddWins {

    @Test
    void concurrentAddAndRemoveEndWithTheElementPresent() {
      ORSet<String> base = ORSet.<String>empty().add(A, "milk");
      ORSet<String> onA = base.remove(A, "milk");
      ORSet<String> onB = base.add(B, "milk");

      assertThat(onA.merge(onB).contains("milk")).isTrue();
      assertThat(onB.merge(onA).contains("milk")).isTrue();
      assertThat(onA.merge(onB).dots("milk")).containsExactly(Dot.of(B, 1));
    }

    @Test
    void observedAddStaysRemovedWhateverTheMergeOrder() {
      ORSet<String> base = ORSet.<String>empty().add(A, "milk");
      ORSet<String> onA = base.remove(A, "milk");
      ORSet<String> onC = base.merge(ORSet.<String>empty().add(C, "eggs"));

      assertThat(onA.merge(base).contains("milk")).isFalse();
      assertThat(base.merge(onA).contains("milk")).isFalse();
      assertThat(onC.merge(onA).value()).containsExactly("eggs");
      assertThat(onA.merge(onC).merge(base).value()).containsExactly("eggs");
    }

    @Test
    void aRemoveOnAReplicaThatNeverSawTheElementRemovesNothing() {
      ORSet<String> onB = ORSet.<String>empty().add(B, "x");
      ORSet<String> onA = ORSet.<String>empty().add(A, "y").remove(A, "x");

      assertThat(onA.merge(onB).value()).containsExactlyInAnyOrder("x", "y");
    }

    @Test
    void concurrentAddsOfOneElementKeepADotEachAndARemoveMustSeeBoth() {
      ORSet<String> onA = ORSet.<String>empty().add(A, "x");
      ORSet<String> onB = ORSet.<String>empty().add(B, "x");

      ORSet<String> merged = onA.merge(onB);
      ORSet<String> removedOnlyA = onA.remove(A, "x").merge(onB);

      assertThat(merged.dots("x")).containsExactly(Dot.of(A, 1), Dot.of(B, 1));
      assertThat(merged.remove(A, "x").contains("x")).isFalse();
      assertThat(removedOnlyA.dots("x")).containsExactly(Dot.of(B, 1));
    }

    @Test
    void clearRemovesOnlyTheElementsItObserved() {
      ORSet<String> base = ORSet.<String>empty().add(A, "x").add(A, "y");
      ORSet<String> onA = base.clear(A);
      ORSet<String> onB = base.add(B, "z").add(B, "x");

      assertThat(onA.isEmpty()).isTrue();
      assertThat(onA.merge(onB).value()).containsExactlyInAnyOrder("x", "z");
      assertThat(onB.merge(onA)).isEqualTo(onA.merge(onB));
    }

    @Test
    void anElementCanBeAddedAgainAfterItWasRemoved() {
      ORSet<String> set = ORSet.<String>empty().add(A, "x").remove(A, "x").add(B, "x");

      assertThat(set.contains("x")).isTrue();
      assertThat(set.dots("x")).containsExactly(Dot.of(B, 1));
    }

    @Test
    void threeReplicasConvergeWhateverTheMergeOrder() {
      ORSet<String> base = ORSet.<String>empty().add(A, "x").add(B, "y");
      ORSet<String> onA = base.remove(A, "x");
      ORSet<String> onB = base.add(B, "x").remove(B, "y");
      ORSet<String> onC = base.add(C, "z");

      ORSet<String> atA = onA.merge(onB).merge(onC);
      ORSet<String> atB = onB.merge(onC).merge(onA);
      ORSet<String> atC = onC.merge(onA.merge(onB));

      assertThat(atA).isEqualTo(atB).isEqualTo(atC);
      assertThat(atA.value()).containsExactlyInAnyOrder("x", "z");
    }
  }

  @Nested
  class SameInstanceWhenNothingChanges {

    @Test
    void removingAnAbsentElementReturnsTheSameSet() {
      ORSet<String> set = ORSet.<String>empty().add(A, "x");

      assertThat(set.remove(A, "y")).isSameAs(set);
      assertThat(set.deltaRemove(A, "y")).isSameAs(ORSet.empty());
    }

    @Test
    void clearingAnEmptySetReturnsTheSameSet() {
      ORSet<String> removed = ORSet.<String>empty().add(A, "x").remove(A, "x");

      assertThat(removed.clear(A)).isSameAs(removed);
      assertThat(removed.deltaClear(A)).isSameAs(ORSet.empty());
      assertThat(ORSet.<String>empty().clear(A)).isSameAs(ORSet.empty());
    }

    @Test
    void mergingAnOlderStateReturnsThisInstance() {
      ORSet<String> older = ORSet.<String>empty().add(A, "x").add(B, "y");
      ORSet<String> newer = older.remove(A, "x").add(C, "z");

      assertThat(newer.merge(older)).isSameAs(newer);
      assertThat(newer.merge(newer)).isSameAs(newer);
      assertThat(newer.merge(newer.bottom())).isSameAs(newer);
    }

    @Test
    void mergingAnEqualStateOfAnotherReplicaReturnsThisInstance() {
      ORSet<String> onA = ORSet.<String>empty().add(A, "x");
      ORSet<String> onB = ORSet.<String>empty().add(B, "x");
      ORSet<String> atA = onA.merge(onB);
      ORSet<String> atB = onB.merge(onA);

      assertThat(atA).isEqualTo(atB).isNotSameAs(atB);
      assertThat(atA.merge(atB)).isSameAs(atA);
    }
  }

  @Nested
  class Deltas {

    @Test
    void mergingEachDeltaEqualsItsMutator() {
      ORSet<String> set = ORSet.<String>empty().add(A, "x").merge(ORSet.<String>empty().add(B, "x")).add(A, "y");

      assertThat(set.merge(set.deltaAdd(C, "x"))).isEqualTo(set.add(C, "x"));
      assertThat(set.merge(set.deltaAdd(C, "z"))).isEqualTo(set.add(C, "z"));
      assertThat(set.merge(set.deltaRemove(C, "x"))).isEqualTo(set.remove(C, "x"));
      assertThat(set.merge(set.deltaRemove(C, "absent"))).isEqualTo(set.remove(C, "absent"));
      assertThat(set.merge(set.deltaClear(C))).isEqualTo(set.clear(C));
    }

    @Test
    void theDeltaOfOneAddToAThousandElementSetHoldsOneElement() {
      ORSet<Integer> set = ORSet.empty();
      for (int i = 0; i < 1000; i++) {
        set = set.add(A, i);
      }

      ORSet<Integer> delta = set.deltaAdd(B, 1000);

      assertThat(delta.size()).isEqualTo(1);
      assertThat(delta.value()).containsExactly(1000);
      assertThat(delta.context()).isEqualTo(CausalContext.empty().add(Dot.of(B, 1)));
      assertThat(set.merge(delta).size()).isEqualTo(1001);
    }

    @Test
    void theDeltaOfAReAddCarriesTheDotsItReplacesAsObserved() {
      ORSet<String> onA = ORSet.<String>empty().add(A, "x");
      ORSet<String> onC = onA.merge(ORSet.<String>empty().add(C, "y"));

      ORSet<String> delta = onA.deltaAdd(B, "x");

      assertThat(delta.dots("x")).containsExactly(Dot.of(B, 1));
      assertThat(delta.context().contains(Dot.of(A, 1))).isTrue();
      assertThat(onC.merge(delta).dots("x")).containsExactly(Dot.of(B, 1));
      assertThat(onC.merge(delta).value()).containsExactlyInAnyOrder("x", "y");
    }

    @Test
    void theDeltaOfARemoveHoldsNoElementOnlyTheObservedDotsAndItsOwn() {
      ORSet<String> base = ORSet.<String>empty().add(A, "x").add(A, "y");
      ORSet<String> onB = base.add(B, "x");

      ORSet<String> delta = base.deltaRemove(A, "x");

      assertThat(delta.isEmpty()).isTrue();
      assertThat(delta.context()).isEqualTo(CausalContext.empty().add(Dot.of(A, 1)).add(Dot.of(A, 3)));
      assertThat(base.merge(delta).value()).containsExactly("y");
      assertThat(onB.merge(delta).value()).containsExactlyInAnyOrder("x", "y");
    }

    @Test
    void deltasJoinIntoAGroupThatAnotherReplicaAppliesAtOnce() {
      ORSet<String> s0 = ORSet.empty();
      ORSet<String> d1 = s0.deltaAdd(A, "x");
      ORSet<String> s1 = s0.merge(d1);
      ORSet<String> d2 = s1.deltaAdd(A, "y");
      ORSet<String> s2 = s1.merge(d2);
      ORSet<String> d3 = s2.deltaRemove(A, "x");
      ORSet<String> s3 = s2.merge(d3);

      ORSet<String> group = s0.bottom().merge(d1).merge(d2).merge(d3);

      assertThat(ORSet.<String>empty().merge(group)).isEqualTo(s3);
      assertThat(s1.merge(group)).isEqualTo(s3);
    }

    @Test
    void outOfOrderDeltasLeaveADotCloudUntilTheGapIsFilled() {
      ORSet<String> s1 = ORSet.<String>empty().add(A, "x");
      ORSet<String> d1 = ORSet.<String>empty().deltaAdd(A, "x");
      ORSet<String> d2 = s1.deltaAdd(A, "y");

      ORSet<String> onB = ORSet.<String>empty().merge(d2);

      assertThat(onB.context().dotCloud()).containsExactly(Dot.of(A, 2));
      assertThat(onB.context().vectorClock().get(A)).isZero();

      ORSet<String> filled = onB.merge(d1);

      assertThat(filled.context().dotCloud()).isEmpty();
      assertThat(filled.context().vectorClock().get(A)).isEqualTo(2L);
      assertThat(filled).isEqualTo(s1.add(A, "y"));
    }
  }

  @Nested
  class InvalidArguments {

    @Test
    void aNullElementIsRejectedAndTheSetIsUnchanged() {
      ORSet<String> set = ORSet.<String>empty().add(A, "x");
      ORSet<String> copy = ORSet.<String>empty().add(A, "x");

      assertThatThrownBy(() -> set.add(A, null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("ORSet element");
      assertThatThrownBy(() -> set.deltaAdd(A, null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("ORSet element");
      assertThatThrownBy(() -> set.remove(A, null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("ORSet element");
      assertThatThrownBy(() -> set.deltaRemove(A, null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("ORSet element");
      assertThat(set).isEqualTo(copy);
    }

    @Test
    void aNullReplicaIsRejectedAndTheSetIsUnchanged() {
      ORSet<String> set = ORSet.<String>empty().add(A, "x");

      assertThatThrownBy(() -> set.add(null, "y"))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("replica");
      assertThatThrownBy(() -> set.deltaAdd(null, "y"))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("replica");
      assertThatThrownBy(() -> set.remove(null, "x"))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("replica");
      assertThatThrownBy(() -> set.deltaRemove(null, "x"))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("replica");
      assertThatThrownBy(() -> set.clear(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("replica");
      assertThat(set.value()).containsExactly("x");
      assertThat(set.context()).isEqualTo(CausalContext.empty().add(Dot.of(A, 1)));
    }
  }

  @Nested
  class EqualityAndMetadata {

    @Test
    void setsWithTheSameValueButDifferentDotsAreNotEqual() {
      ORSet<String> addedByA = ORSet.<String>empty().add(A, "x");
      ORSet<String> addedByB = ORSet.<String>empty().add(B, "x");

      assertThat(addedByA.value()).isEqualTo(addedByB.value());
      assertThat(addedByA).isNotEqualTo(addedByB);
    }

    @Test
    void aRemovedElementStillCountsInEqualityThroughTheContext() {
      ORSet<String> removed = ORSet.<String>empty().add(A, "x").remove(A, "x");

      assertThat(removed.isEmpty()).isTrue();
      assertThat(removed).isNotEqualTo(ORSet.empty());
      assertThat(ORSet.<String>empty().isLessOrEqual(removed)).isTrue();
      assertThat(removed.isLessOrEqual(ORSet.empty())).isFalse();
    }

    @Test
    void convergedReplicasAreEqualWithEqualHashCodes() {
      ORSet<String> onA = ORSet.<String>empty().add(A, "x").add(A, "y");
      ORSet<String> onB = ORSet.<String>empty().add(B, "z").add(B, "x");

      ORSet<String> atA = onA.merge(onB);
      ORSet<String> atB = onB.merge(onA);

      assertThat(atA).isEqualTo(atB);
      assertThat(atA.hashCode()).isEqualTo(atB.hashCode());
    }

    @Test
    void aReAddOnTheSameReplicaReplacesTheElementsDot() {
      ORSet<String> set = ORSet.<String>empty().add(A, "x").add(A, "x");

      assertThat(set.dots("x")).containsExactly(Dot.of(A, 2));
      assertThat(set.dots("absent")).isEmpty();
    }

    @Test
    void removesLeaveNoTombstoneAndAnInOrderContextStaysOneCounterPerReplica() {
      ORSet<Integer> set = ORSet.empty();
      for (int i = 0; i < 100; i++) {
        set = set.add(i % 2 == 0 ? A : B, i);
      }
      set = set.clear(A);

      assertThat(set.isEmpty()).isTrue();
      assertThat(set.context().dotCloud()).isEmpty();
      // 50 adds by each replica, and the clear: an event of A's, its dot a:51 in the context only
      assertThat(set.context().vectorClock().entries().toJavaMap()).isEqualTo(Map.of(A, 51L, B, 50L));
    }

    @Test
    void toStringShowsTheElementsTheirDotsAndTheContext() {
      ORSet<String> set = ORSet.<String>empty().add(A, "milk").add(B, "eggs");

      assertThat(set.toString()).startsWith("ORSet{").contains("milk=[a:1]").contains("eggs=[b:1]")
          .contains("seen");
    }
  }
}
