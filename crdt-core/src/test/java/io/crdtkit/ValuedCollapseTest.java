package io.crdtkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Collection of the types whose dots carry values (crdt-gc's GC.md, rule 7): an OR-map key's stable updates fold
 * into one value without a dot, a multi-value register's stable values lose their dots. Values never change, stale
 * copies revive nothing, and the three counterexamples the GC laws found while this was built are named below.
 */
class ValuedCollapseTest {

  private static final ReplicaId A = ReplicaId.of("a");
  private static final ReplicaId B = ReplicaId.of("b");

  private static VectorClock cut(long a, long b) {
    return VectorClock.of(Map.of(A, a, B, b));
  }

  private static final ORMap<String, PNCounter> CART = ORMap.empty(PNCounter.empty());

  private static long quantity(ORMap<String, PNCounter> cart, String key) {
    return cart.get(key).map(PNCounter::value).getOrElse(0L);
  }

  @Nested
  class ORMapCollapse {

    @Test
    void aKeyWhoseUpdatesEveryReplicaKnowsStableKeepsOneValueAndNoDot() {
      ORMap<String, PNCounter> cart = CART.update(A, "milk", q -> q.deltaIncrement(A, 2))
          .update(B, "milk", q -> q.deltaIncrement(B, 3)).update(A, "eggs", q -> q.deltaIncrement(A, 6));

      ORMap<String, PNCounter> collected = cart.collect(cut(2, 1), cut(2, 1));

      assertThat(collected.value()).isEqualTo(cart.value());
      assertThat(collected.deltas()).isEmpty();
      assertThat(collected.collapsedValues().keySet()).containsExactlyInAnyOrder("milk", "eggs");
      assertThat(collected.dotCount("milk")).isZero();
      assertThat(collected.collect(cut(2, 1), cut(2, 1))).isSameAs(collected);
    }

    @Test
    void removingACollapsedKeyLeavesATokenThatRemovesItEverywhereThenGoesOnceStable() {
      ORMap<String, PNCounter> shared = CART.update(A, "milk", q -> q.deltaIncrement(A, 2));
      ORMap<String, PNCounter> collapsedOnA = shared.collect(cut(1, 0), cut(1, 0));
      ORMap<String, PNCounter> removal = collapsedOnA.deltaRemove(A, "milk");

      assertThat(collapsedOnA.remove(A, "milk").tombstones()).isEqualTo(1);
      assertThat(collapsedOnA.merge(removal).containsKey("milk")).as("where it is collapsed").isFalse();
      assertThat(shared.merge(removal).containsKey("milk")).as("where it is still a dot (the floor)").isFalse();
      ORMap<String, PNCounter> stable = collapsedOnA.merge(removal).collect(cut(2, 0), cut(2, 0));
      assertThat(stable.tombstones()).isZero();
      assertThat(stable.merge(shared).value()).isEmpty();
    }

    @Test
    void anUpdateConcurrentWithTheRemoveOfACollapsedKeySurvivesIt() {
      ORMap<String, PNCounter> shared = CART.update(A, "milk", q -> q.deltaIncrement(A, 2))
          .collect(cut(1, 0), cut(1, 0));
      ORMap<String, PNCounter> removedOnA = shared.remove(A, "milk");
      ORMap<String, PNCounter> updatedOnB = shared.update(B, "milk", q -> q.deltaIncrement(B, 1));

      assertThat(quantity(removedOnA.merge(updatedOnB), "milk")).isEqualTo(1);
      assertThat(quantity(updatedOnB.merge(removedOnA), "milk")).isEqualTo(1);
    }

    /** Found by GcDifferentialLaw: a stale whole state's collapsed value of the key's earlier life came back. */
    @Test
    void aStaleCollapsedValueOfAKeysEarlierLifeDoesNotComeBack() {
      ORMap<String, PNCounter> stale = CART.update(A, "k2", q -> q.deltaIncrement(A, 1))
          .collect(cut(1, 0), cut(1, 0));
      ORMap<String, PNCounter> later = stale.remove(A, "k2").update(A, "k2", q -> q.deltaDecrement(A, 1))
          .collect(cut(3, 0), cut(3, 0));
      assertThat(later.collapsedValues().keySet()).containsExactly("k2");

      assertThat(quantity(later.merge(stale), "k2")).isEqualTo(-1);
      assertThat(quantity(stale.merge(later), "k2")).isEqualTo(-1);
    }

    /** Found by GcLaws: an update dot the other side had folded, then removed with its key, came back as a dot. */
    @Test
    void anUpdateTheOtherSideMayHaveFoldedDoesNotReviveAnEarlierLife() {
      ORMap<String, PNCounter> stale = CART.update(A, "k3", q -> q.deltaDecrement(A, 1));
      ORMap<String, PNCounter> later = stale.collect(cut(1, 0), cut(1, 0)).remove(A, "k3")
          .update(B, "k3", q -> q.deltaDecrement(B, 2)).collect(cut(3, 1), cut(3, 1));

      assertThat(quantity(later.merge(stale), "k3")).isEqualTo(-2);
      assertThat(quantity(stale.merge(later), "k3")).isEqualTo(-2);
    }

    /** Found by GcDifferentialLaw while fixing the two above: neither side may drop what only the other keeps. */
    @Test
    void anUpdateStillADotHereAndCollapsedThereIsKeptOnce() {
      ORMap<String, PNCounter> dotted = CART.update(A, "k1", q -> q.deltaDecrement(A, 1));
      ORMap<String, PNCounter> collapsed = dotted.collect(cut(1, 0), cut(1, 0));

      assertThat(quantity(dotted.merge(collapsed), "k1")).isEqualTo(-1);
      assertThat(quantity(collapsed.merge(dotted), "k1")).isEqualTo(-1);
    }
  }

  @Nested
  class MVRegisterCollapse {

    private final MVRegister<String> concurrent =
        MVRegister.<String>empty().write(A, "red").merge(MVRegister.<String>empty().write(B, "blue"));

    @Test
    void concurrentValuesEveryReplicaKnowsStableKeepNoDot() {
      MVRegister<String> collected = concurrent.collect(cut(1, 1), cut(1, 1));

      assertThat(collected.value()).containsExactlyInAnyOrder("red", "blue");
      assertThat(collected.writes()).isEmpty();
      assertThat(collected.collapsedValues()).containsExactlyInAnyOrder("red", "blue");
    }

    @Test
    void aWriteReplacesCollapsedValuesWhereverTheyAreAndItsTokenGoesOnceStable() {
      MVRegister<String> collected = concurrent.collect(cut(1, 1), cut(1, 1));
      MVRegister<String> write = collected.deltaWrite(A, "green");
      assertThat(write.tokens()).hasSize(1);

      assertThat(collected.merge(write).value()).as("where they are collapsed").containsExactly("green");
      assertThat(concurrent.merge(write).value()).as("where they are still dots (the floor)").containsExactly("green");
      MVRegister<String> stable = collected.merge(write).collect(cut(3, 1), cut(3, 1));
      assertThat(stable.tombstones()).isZero();
      assertThat(stable.merge(concurrent).value()).containsExactly("green");
    }

    @Test
    void aWriteConcurrentWithOneThatReplacedCollapsedValuesIsKept() {
      MVRegister<String> collected = concurrent.collect(cut(1, 1), cut(1, 1));

      MVRegister<String> merged = collected.write(A, "green").merge(collected.write(B, "yellow"));

      assertThat(merged.value()).containsExactlyInAnyOrder("green", "yellow");
    }

    /** Found by GcLaws: a stale copy's value, replaced since and the replacement collapsed, came back. */
    @Test
    void aReplacedValueOfAStaleCopyDoesNotComeBack() {
      MVRegister<String> stale = MVRegister.<String>empty().write(A, "y");
      MVRegister<String> later = stale.write(B, "z").collect(cut(1, 1), cut(1, 1));

      assertThat(later.merge(stale).value()).containsExactly("z");
      assertThat(stale.merge(later).value()).containsExactly("z");
    }
  }
}
