package io.crdtkit.laws.simulator;

import io.crdtkit.laws.Faults;
import io.crdtkit.laws.Simulation;
import io.crdtkit.laws.types.CoreTypes;
import io.crdtkit.laws.types.Oracles;
import org.junit.jupiter.api.Test;

/**
 * Schedules the simulator once failed on, pinned by their seeds. Both exposed oracles that assumed causal delivery
 * (a remove "observing" everything in its causal past); deltas travel out of causal order, and a remove observes
 * only what reached its replica, directly or inside the delta of a later update of the same element. The library
 * was right; the scenario tests in crdt-core's OutOfOrderDeltaTest pin the same behaviour without the simulator.
 */
class SimulatorRegressionTest {

  @Test
  void anAddReachingTheRemoverOnlyInsideALaterAddOfTheSameElementIsRemoved() {
    Simulation.of(CoreTypes.orMapOfSetsByDeltas()).replicas(5).steps(150).faults(Faults.hostile())
        .seed(6211401030897913389L).oracle(Oracles.orMapOfSets()).run().assertHolds();
  }

  @Test
  void aCounterUpdaterConcurrentWithTheKeysRemovalKeepsItsWholeCount() {
    Simulation.of(CoreTypes.orMapOfCountersByDeltas()).replicas(5).steps(150).faults(Faults.hostile())
        .seed(302639882976961923L).oracle(Oracles.orMapOfCounters()).run().assertHolds();
  }
}
