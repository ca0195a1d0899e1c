package io.crdtkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.clock.ReplicaId;
import org.junit.jupiter.api.Test;

/**
 * Regressions from the simulator (crdt-laws, SimulatorRegressionTest): with deltas delivered out of causal
 * order, an observed-remove type removes exactly what the remover observed, and "observed" travels with the
 * deltas of later updates of the same element.
 */
class OutOfOrderDeltaTest {

  private static final ReplicaId B = ReplicaId.of("b");
  private static final ReplicaId C = ReplicaId.of("c");
  private static final ReplicaId D = ReplicaId.of("d");

  @Test
  void anAddObservedOnlyThroughALaterAddOfTheSameElementIsRemovedWithIt() {
    ORSet<String> empty = ORSet.empty();
    ORSet<String> addOnC = empty.deltaAdd(C, "z");
    ORSet<String> onD = empty.merge(addOnC);
    ORSet<String> addAgainOnD = onD.deltaAdd(D, "z");          // supersedes c's add: its context carries c's dot
    ORSet<String> onB = empty.merge(addAgainOnD);              // b never receives c's add directly...
    ORSet<String> removeOnB = onB.deltaRemove(B, "z");         // ...and removes the z it sees

    ORSet<String> late = onB.merge(removeOnB).merge(addOnC);   // c's add arrives last
    assertThat(late.contains("z")).isFalse();
  }

  @Test
  void anAddTheRemoverNeverObservedSurvivesItsRemove() {
    ORSet<String> empty = ORSet.empty();
    ORSet<String> addOnC = empty.deltaAdd(C, "z");
    ORSet<String> onD = empty.merge(addOnC);
    ORSet<String> otherAddOnD = onD.deltaAdd(D, "w");          // d had seen c's z, but this delta is about w
    ORSet<String> onB = empty.merge(otherAddOnD);
    ORSet<String> removeOnB = onB.deltaRemove(B, "z");         // b has no z: the remove is a no-op

    ORSet<String> late = onB.merge(removeOnB).merge(addOnC);
    assertThat(late.value()).containsExactlyInAnyOrder("z", "w");
  }

  @Test
  void aCounterUpdatedConcurrentlyWithItsKeysRemovalKeepsTheUpdatersWholeCount() {
    ORMap<String, PNCounter> empty = ORMap.empty(PNCounter.empty());
    ORMap<String, PNCounter> onB = empty.update(B, "k", qty -> qty.deltaDecrement(B, 1));
    ORMap<String, PNCounter> onC = empty.merge(onB).remove(C, "k");   // c removes the key, observing b's -1
    onB = onB.update(B, "k", qty -> qty.deltaIncrement(B, 1));     // concurrently b counts on: its delta says -1+1
    onB = onB.merge(onC).update(B, "k", qty -> qty.deltaDecrement(B, 1));

    // b's later deltas carry b's totals, the -1 that c removed included: b's whole count stays (documented).
    assertThat(onB.get("k").get().value()).isEqualTo(-1);
    assertThat(onC.merge(onB)).isEqualTo(onB.merge(onC));
  }
}
