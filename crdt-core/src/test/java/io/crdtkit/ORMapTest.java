package io.crdtkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import io.vavr.collection.HashMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Scenario tests for {@link ORMap}: observed-remove keys against concurrent updates (nested sets and counters),
 * a key removed and re-created on one replica against a stale replica, nested delta mutators, the per-replica
 * metadata of counter keys, same-instance merges, equality over the whole state and text.
 */
class ORMapTest {

  private static final ReplicaId A = ReplicaId.of("a");
  private static final ReplicaId B = ReplicaId.of("b");
  private static final ReplicaId C = ReplicaId.of("c");

  private static ORMap<String, ORSet<String>> sets() {
    return ORMap.empty(ORSet.empty());
  }

  private static ORMap<String, PNCounter> counters() {
    return ORMap.empty(PNCounter.empty());
  }

  private static UnaryOperator<ORSet<String>> add(ReplicaId replica, String element) {
    return set -> set.deltaAdd(replica, element);
  }

  private static UnaryOperator<PNCounter> increment(ReplicaId replica, long amount) {
    return counter -> counter.deltaIncrement(replica, amount);
  }

  @Nested
  class RemoveVersusConcurrentUpdate {

    @Test
    void aNestedSetKeepsOnlyTheConcurrentUpdateNotWhatTheRemoverSaw() {
      ORMap<String, ORSet<String>> base = sets().update(A, "cart", add(A, "milk"));
      ORMap<String, ORSet<String>> onA = base.remove(A, "cart");
      ORMap<String, ORSet<String>> onB = base.update(B, "cart", add(B, "eggs"));

      ORMap<String, ORSet<String>> merged = onA.merge(onB);

      assertThat(merged.containsKey("cart")).isTrue();
      assertThat(merged.get("cart").get().value()).containsExactly("eggs");
      assertThat(onB.merge(onA)).isEqualTo(merged);
    }

    @Test
    void aNestedCounterKeepsTheConcurrentUpdatersWholeCountIncludingWhatTheRemoverSaw() {
      ORMap<String, PNCounter> base = counters().update(A, "milk", increment(A, 2)).update(B, "milk", increment(B, 5));
      ORMap<String, PNCounter> onA = base.remove(A, "milk");
      ORMap<String, PNCounter> onB = base.update(B, "milk", increment(B, 1));

      ORMap<String, PNCounter> merged = onA.merge(onB);

      // A's 2 stay removed; B's delta carries B's total of 6, so the 5 that A removed come back with it.
      assertThat(merged.get("milk").get().value()).isEqualTo(6);
      assertThat(onB.merge(onA)).isEqualTo(merged);
    }

    @Test
    void aRemoveWithoutAConcurrentUpdateRemovesTheKeyEverywhere() {
      ORMap<String, PNCounter> base = counters().update(A, "milk", increment(A, 2)).update(B, "eggs", increment(B, 6));
      ORMap<String, PNCounter> onA = base.remove(A, "milk");

      assertThat(onA.merge(base).value()).isEqualTo(HashMap.of("eggs", PNCounter.empty().increment(B, 6)));
      assertThat(base.merge(onA)).isEqualTo(onA);
      assertThat(onA.merge(base)).isSameAs(onA);
    }
  }

  @Nested
  class RemoveThenRecreate {

    @Test
    void theRemovedSetValueNeverComesBackFromAStaleReplicaInEitherOrder() {
      ORMap<String, ORSet<String>> stale = sets().update(A, "cart", add(A, "old"));
      ORMap<String, ORSet<String>> recreated = stale.remove(A, "cart").update(A, "cart", add(A, "new"));

      assertThat(recreated.merge(stale).get("cart").get().value()).containsExactly("new");
      assertThat(stale.merge(recreated).get("cart").get().value()).containsExactly("new");
      assertThat(recreated.merge(stale)).isSameAs(recreated);
      assertThat(stale.merge(recreated)).isEqualTo(recreated);
    }

    @Test
    void theRemovedCountNeverComesBackFromAStaleReplicaInEitherOrder() {
      ORMap<String, PNCounter> stale = counters().update(A, "milk", increment(A, 5));
      ORMap<String, PNCounter> recreated = stale.remove(A, "milk").update(A, "milk", increment(A, 1));

      // The nested counters of both incarnations count for replica a (5, then 1): they must never be joined.
      assertThat(recreated.merge(stale).get("milk").get().value()).isEqualTo(1);
      assertThat(stale.merge(recreated).get("milk").get().value()).isEqualTo(1);
      assertThat(stale.merge(recreated)).isEqualTo(recreated);
    }

    @Test
    void aStaleReplicasConcurrentUpdateJoinsTheNewIncarnationNotTheOld() {
      ORMap<String, ORSet<String>> stale = sets().update(A, "cart", add(A, "old"));
      ORMap<String, ORSet<String>> recreated = stale.remove(A, "cart").update(A, "cart", add(A, "new"));
      ORMap<String, ORSet<String>> staleUpdated = stale.update(B, "cart", add(B, "jam"));

      assertThat(recreated.merge(staleUpdated).get("cart").get().value()).containsExactlyInAnyOrder("new", "jam");
      assertThat(staleUpdated.merge(recreated)).isEqualTo(recreated.merge(staleUpdated));
    }

    /**
     * Regression: a key re-created from the bottom set minted nested dot a:1 again, the dot "old" had, so B's
     * concurrent remove of "old" (which observed a:1) also removed "new". Nested values now mint from the map's
     * context.
     */
    @Test
    void aConcurrentNestedRemoveOfTheOldElementLeavesTheRecreatedKeysNewElement() {
      ORMap<String, ORSet<String>> stale = sets().update(A, "cart", add(A, "old"));
      ORMap<String, ORSet<String>> recreated = stale.remove(A, "cart").update(A, "cart", add(A, "new"));
      ORMap<String, ORSet<String>> removedOldOnB = stale.update(B, "cart", set -> set.deltaRemove(B, "old"));

      assertThat(recreated.merge(removedOldOnB).get("cart").get().value()).containsExactly("new");
      assertThat(removedOldOnB.merge(recreated)).isEqualTo(recreated.merge(removedOldOnB));
      assertThat(recreated.get("cart").get().dots("new")).doesNotContainAnyElementsOf(stale.get("cart").get()
          .dots("old"));
    }

    @Test
    void aRecreatedRegistersWriteSurvivesAConcurrentWriteThatSawOnlyTheOldOne() {
      ORMap<String, MVRegister<String>> stale = ORMap.<String, MVRegister<String>>empty(MVRegister.empty())
          .update(A, "colour", register -> register.deltaWrite(A, "old"));
      ORMap<String, MVRegister<String>> recreated =
          stale.remove(A, "colour").update(A, "colour", register -> register.deltaWrite(A, "new"));
      ORMap<String, MVRegister<String>> overwrittenOnB =
          stale.update(B, "colour", register -> register.deltaWrite(B, "v2"));

      assertThat(recreated.merge(overwrittenOnB).get("colour").get().value()).containsExactlyInAnyOrder("new", "v2");
    }

    @Test
    void aNestedMutatorMintingDotsForAnotherReplicaIsRejectedAndChangesNothing() {
      ORMap<String, ORSet<String>> map = sets().update(A, "cart", add(A, "milk"));

      assertThatThrownBy(() -> map.update(A, "cart", add(B, "eggs")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("minted a dot of replica b")
          .hasMessageContaining("made by a");
      assertThat(map.get("cart").get().value()).containsExactly("milk");
    }

    @Test
    void aFullNestedMutatorThatMintsSeveralDotsNeverLetsTheMapReuseThem() {
      ORMap<String, ORSet<String>> map =
          sets().update(A, "cart", set -> set.add(A, "milk").add(A, "eggs").add(A, "jam"));
      ORMap<String, ORSet<String>> next = map.remove(A, "cart").update(A, "cart", add(A, "bread"));

      assertThat(next.get("cart").get().dots("bread")).allSatisfy(dot ->
          assertThat(map.get("cart").get().context().contains(dot)).isFalse());
    }
  }

  @Nested
  class NestedDeltas {

    @Test
    void deltaUpdateWithANestedDeltaMutatorMergesToTheFullUpdate() {
      ORMap<String, ORSet<String>> map = sets().update(A, "cart", add(A, "milk")).update(B, "cart", add(B, "eggs"));

      ORMap<String, ORSet<String>> delta = map.deltaUpdate(C, "cart", add(C, "jam"));

      assertThat(map.merge(delta)).isEqualTo(map.update(C, "cart", add(C, "jam")));
      assertThat(delta.keySet()).containsExactly("cart");
      assertThat(delta.get("cart").get().value()).containsExactly("jam");
    }

    @Test
    void deltaUpdateOfACounterCarriesOnlyTheUpdatersCount() {
      ORMap<String, PNCounter> map = counters().update(A, "milk", increment(A, 2)).update(B, "milk", increment(B, 3));

      ORMap<String, PNCounter> delta = map.deltaUpdate(A, "milk", increment(A, 4));

      assertThat(delta.get("milk").get()).isEqualTo(PNCounter.empty().increment(A, 6));
      assertThat(map.merge(delta)).isEqualTo(map.update(A, "milk", increment(A, 4)));
      assertThat(map.merge(delta).get("milk").get().value()).isEqualTo(9);
    }

    @Test
    void deltaRemoveMergesToTheFullRemoveAndAnAbsentKeyIsANoOp() {
      ORMap<String, PNCounter> map = counters().update(A, "milk", increment(A, 2)).update(B, "eggs", increment(B, 1));

      assertThat(map.merge(map.deltaRemove(C, "milk"))).isEqualTo(map.remove(C, "milk"));
      assertThat(map.remove(C, "bread")).isSameAs(map);
      assertThat(map.deltaRemove(C, "bread")).isEqualTo(map.bottom());
      assertThat(map.merge(map.deltaRemove(C, "bread"))).isSameAs(map);
    }

    @Test
    void aFullNestedMutatorGivesTheSameValueButStoresTheWholeValueAsItsDelta() {
      ORMap<String, PNCounter> map = counters().update(B, "milk", increment(B, 3));

      ORMap<String, PNCounter> viaDelta = map.update(A, "milk", increment(A, 2));
      ORMap<String, PNCounter> viaFull = map.update(A, "milk", counter -> counter.increment(A, 2));

      assertThat(viaFull.value()).isEqualTo(viaDelta.value());
      // The full value includes B's count, so A's update subsumes B's dot.
      assertThat(viaDelta.dotCount("milk")).isEqualTo(2);
      assertThat(viaFull.dotCount("milk")).isEqualTo(1);
      assertThat(viaFull).isNotEqualTo(viaDelta);
    }

    @Test
    void anAbsentKeyStartsFromTheBottomValue() {
      ORMap<String, PNCounter> map = counters().update(A, "milk", counter -> {
        assertThat(counter).isSameAs(PNCounter.empty());
        return counter.deltaDecrement(A, 1);
      });

      assertThat(map.get("milk").get().value()).isEqualTo(-1);
      assertThat(map.bottomValue()).isSameAs(PNCounter.empty());
    }

    @Test
    void aDeltaMutatorReturningNullIsRejectedNamingTheKey() {
      ORMap<String, PNCounter> map = counters();

      assertThatThrownBy(() -> map.update(A, "milk", counter -> null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("milk");
      assertThat(map.isEmpty()).isTrue();
    }

    @Test
    void emptyingANestedSetKeepsTheKeyWithAnEmptyValue() {
      ORMap<String, ORSet<String>> map = sets().update(A, "cart", add(A, "milk"));

      ORMap<String, ORSet<String>> emptied = map.update(A, "cart", set -> set.deltaRemove(A, "milk"));

      assertThat(emptied.containsKey("cart")).isTrue();
      assertThat(emptied.get("cart").get().isEmpty()).isTrue();
      assertThat(emptied.dotCount("cart")).isEqualTo(1);
    }
  }

  @Nested
  class Metadata {

    @Test
    void aCounterKeyHoldsOneDotPerReplicaAfterManyIncrements() {
      ORMap<String, PNCounter> onA = counters();
      ORMap<String, PNCounter> onB = counters();
      for (int i = 0; i < 50; i++) {
        onA = onA.update(A, "milk", increment(A, 1));
        onB = onB.update(B, "milk", increment(B, 2));
        if (i % 10 == 0) {
          onA = onA.merge(onB);
          onB = onB.merge(onA);
        }
      }
      ORMap<String, PNCounter> merged = onA.merge(onB).update(C, "milk", increment(C, 1));

      assertThat(merged.get("milk").get().value()).isEqualTo(50 + 100 + 1);
      assertThat(merged.dotCount("milk")).isEqualTo(3);
      assertThat(onA.dotCount("milk")).isEqualTo(2);
      assertThat(merged.dotCount("eggs")).isZero();
    }

    @Test
    void aReplicaThatBothIncrementsAndDecrementsHoldsOneDot() {
      // Each PNCounter delta carries both of the replica's totals, so it subsumes the replica's previous delta.
      ORMap<String, PNCounter> map = counters();
      for (int i = 0; i < 20; i++) {
        map = map.update(A, "stock", i % 2 == 0 ? increment(A, 2) : counter -> counter.deltaDecrement(A, 1));
      }

      assertThat(map.get("stock").get().value()).isEqualTo(10);
      assertThat(map.dotCount("stock")).isEqualTo(1);
    }

    @Test
    void aRemovedKeyCostsNothingButTheContextRemembersItsDots() {
      ORMap<String, PNCounter> map = counters().update(A, "milk", increment(A, 2)).update(A, "milk", increment(A, 1));

      ORMap<String, PNCounter> removed = map.remove(A, "milk");

      assertThat(removed.dotCount("milk")).isZero();
      assertThat(removed.isEmpty()).isTrue();
      assertThat(map.deltas().get("milk").get().keySet()).allSatisfy(dot ->
          assertThat(removed.context().contains(dot)).isTrue());
      // the remove is an event too: its dot a:3 joins the context, and nothing else is stored
      assertThat(removed.context()).isEqualTo(map.context().add(Dot.of(A, 3)));
      assertThat(removed.context().vectorClock().get(A)).isEqualTo(3);
    }
  }

  @Nested
  class MergeEqualityAndText {

    @Test
    void mergeReturnsTheSameInstanceWhenTheOtherSideAddsNothing() {
      ORMap<String, PNCounter> older = counters().update(A, "milk", increment(A, 2));
      ORMap<String, PNCounter> newer = older.update(B, "eggs", increment(B, 6));

      assertThat(newer.merge(older)).isSameAs(newer);
      assertThat(newer.merge(newer)).isSameAs(newer);
      assertThat(newer.merge(newer.bottom())).isSameAs(newer);
    }

    @Test
    void anEmptyMapThatRemovedAKeyIsNotEqualToANeverUsedOne() {
      ORMap<String, PNCounter> removed = counters().update(A, "milk", increment(A, 2)).remove(A, "milk");

      assertThat(removed.value()).isEmpty();
      assertThat(removed).isNotEqualTo(counters());
      assertThat(counters().isLessOrEqual(removed)).isTrue();
      assertThat(removed.isLessOrEqual(counters())).isFalse();
    }

    @Test
    void statesReachedInDifferentOrdersAreEqualWithEqualHashCodes() {
      ORMap<String, PNCounter> onA = counters().update(A, "milk", increment(A, 2));
      ORMap<String, PNCounter> onB = counters().update(B, "milk", increment(B, 3)).update(B, "eggs", increment(B, 1));

      assertThat(onA.merge(onB)).isEqualTo(onB.merge(onA)).hasSameHashCodeAs(onB.merge(onA));
      assertThat(onA.merge(onB).keySet()).containsExactlyInAnyOrder("milk", "eggs");
      assertThat(onA.merge(onB).size()).isEqualTo(2);
    }

    @Test
    void toStringShowsEachKeysValueItsDeltasAndTheContext() {
      ORMap<String, PNCounter> map = counters().update(A, "milk", increment(A, 2));

      assertThat(map).hasToString("ORMap{milk=PNCounter(2, +{a:2}, -{}) {a:1=PNCounter(2, +{a:2}, -{})}} | seen {a:1}");
    }
  }
}
