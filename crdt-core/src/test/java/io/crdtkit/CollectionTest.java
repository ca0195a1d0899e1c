package io.crdtkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The garbage-collection hooks of the core types, at cuts a collector would compute (crdt-gc's GC.md): what is
 * reclaimed, that values never change, and that stale copies revive nothing. The collector itself, and schedules
 * with partitions and crashes, are tested in crdt-gc and crdt-laws.
 */
class CollectionTest {

  private static final ReplicaId A = ReplicaId.of("a");
  private static final ReplicaId B = ReplicaId.of("b");

  private static VectorClock cut(long a, long b) {
    return VectorClock.of(Map.of(A, a, B, b));
  }

  @Nested
  class ORSetCollapse {

    @Test
    void anElementEveryReplicaKnowsIsStableKeepsNoDot() {
      ORSet<String> set = ORSet.<String>empty().add(A, "milk").add(B, "eggs");

      ORSet<String> collected = set.collect(cut(1, 1), cut(1, 1));

      assertThat(collected.value()).containsExactlyInAnyOrder("milk", "eggs");
      assertThat(collected.entries()).isEmpty();
      assertThat(collected.collapsedElements()).containsExactlyInAnyOrder("milk", "eggs");
      assertThat(collected.collect(cut(1, 1), cut(1, 1))).isSameAs(collected);
    }

    @Test
    void onlyTheCollapseCutCollapsesTheStableCutAloneDoesNot() {
      ORSet<String> set = ORSet.<String>empty().add(A, "milk");
      assertThat(set.collect(cut(1, 0), VectorClock.empty()).collapsedElements()).isEmpty();
      assertThat(set.collect(cut(1, 0), VectorClock.empty()).dots("milk")).hasSize(1);
    }

    @Test
    void removingACollapsedElementLeavesATokenThatRemovesItEverywhereThenGoesOnceStable() {
      ORSet<String> onA = ORSet.<String>empty().add(A, "milk").collect(cut(1, 0), cut(1, 0));
      ORSet<String> onB = onA;                                     // b collapsed it too

      ORSet<String> removedOnA = onA.remove(A, "milk");
      assertThat(removedOnA.contains("milk")).isFalse();
      assertThat(removedOnA.tombstones()).isEqualTo(1);

      ORSet<String> onBAfter = onB.merge(onA.deltaRemove(A, "milk"));
      assertThat(onBAfter.contains("milk")).isFalse();

      ORSet<String> stable = onBAfter.collect(cut(2, 0), cut(2, 0));
      assertThat(stable.tombstones()).isZero();
      assertThat(stable.value()).isEmpty();
    }

    @Test
    void aStalePreCollectionCopyRevivesNothing() {
      ORSet<String> before = ORSet.<String>empty().add(A, "milk").add(A, "eggs");
      ORSet<String> collected = before.collect(cut(2, 0), cut(2, 0)).remove(A, "milk")
          .collect(cut(3, 0), cut(3, 0));
      assertThat(collected.tombstones()).isZero();

      assertThat(collected.merge(before).value()).containsExactly("eggs");
      assertThat(before.merge(collected).value()).containsExactly("eggs");
    }

    @Test
    void anAddConcurrentWithTheRemoveOfACollapsedElementSurvivesIt() {
      ORSet<String> shared = ORSet.<String>empty().add(A, "milk").collect(cut(1, 0), cut(1, 0));
      ORSet<String> removedOnA = shared.remove(A, "milk");
      ORSet<String> addedOnB = shared.add(B, "milk");

      assertThat(removedOnA.merge(addedOnB).contains("milk")).isTrue();
      assertThat(addedOnB.merge(removedOnA)).isEqualTo(removedOnA.merge(addedOnB));
    }

    @Test
    void nothingCollapsesUnderAPendingToken() {
      ORSet<String> shared = ORSet.<String>empty().add(A, "milk").collect(cut(1, 0), cut(1, 0));
      ORSet<String> both = shared.remove(A, "milk").merge(shared.add(B, "milk"));   // token a:2, add b:1

      ORSet<String> collected = both.collect(cut(1, 1), cut(1, 1));                  // b:1 stable, token not
      assertThat(collected.collapsedElements()).isEmpty();
      assertThat(collected.dots("milk")).hasSize(1);
      assertThat(collected.contains("milk")).isTrue();
    }

    @Test
    void aRemoveOfAnElementWhoseAddIsStableHereLeavesATokenEvenBeforeItCollapsesHere() {
      // another replica may already have collapsed the add; only a token can reach its collapsed presence
      ORSet<String> set = ORSet.<String>empty().add(A, "milk").collect(cut(1, 0), VectorClock.empty());
      assertThat(set.remove(B, "milk").tombstones()).isEqualTo(1);
      assertThat(ORSet.<String>empty().add(A, "milk").remove(B, "milk").tombstones()).isZero();
    }

    @Test
    void aCollectedSetIsRebuiltExactlyFromItsParts() {
      ORSet<String> set = ORSet.<String>empty().add(A, "milk").add(B, "eggs").collect(cut(1, 1), cut(1, 0))
          .remove(A, "milk").add(B, "jam");
      assertThat(ORSet.fromParts(set.parts())).isEqualTo(set);
    }
  }

  @Nested
  class Tombstones {

    @Test
    void anRWSetDropsAnElementOnceItsRemovalIsStableEverywhere() {
      // a's add and b's remove are concurrent: remove wins, and both stay until both are stable
      RWSet<String> set = RWSet.<String>empty().add(A, "token").merge(RWSet.<String>empty().remove(B, "token"));
      assertThat(set.tombstones()).isEqualTo(1);
      assertThat(set.value()).isEmpty();

      assertThat(set.collect(cut(0, 1), VectorClock.empty()).tombstones()).isEqualTo(1);   // the add is not stable
      RWSet<String> collected = set.collect(cut(1, 1), VectorClock.empty());
      assertThat(collected.tombstones()).isZero();
      assertThat(collected.merge(set).value()).isEmpty();
    }

    @Test
    void aDisableWinsFlagDropsItsStableTokens() {
      DWFlag flag = DWFlag.empty().enable(A).disable(B);
      DWFlag collected = flag.collect(cut(1, 1), VectorClock.empty());
      assertThat(collected.tombstones()).isZero();
      assertThat(collected.value()).isFalse();
      assertThat(collected.merge(flag).value()).isFalse();
    }

    @Test
    void anEnableWinsFlagCollapsesLikeAnORSetElement() {
      EWFlag flag = EWFlag.empty().enable(A).collect(cut(1, 0), cut(1, 0));
      assertThat(flag.value()).isTrue();
      assertThat(flag.dots()).isEmpty();
      assertThat(flag.isCollapsed()).isTrue();
      assertThat(flag.disable(B).value()).isFalse();
      assertThat(flag.merge(flag.deltaDisable(B)).value()).isFalse();
    }
  }
}
