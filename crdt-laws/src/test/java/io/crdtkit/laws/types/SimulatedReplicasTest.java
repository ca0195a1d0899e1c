package io.crdtkit.laws.types;

import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.Crdt;
import io.crdtkit.laws.CrdtDescription;
import io.crdtkit.laws.Faults;
import io.crdtkit.laws.Oracle;
import io.crdtkit.laws.Simulation;
import io.crdtkit.laws.SimulationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every core type through the deterministic simulator: seeded schedules on 2 to 7 replicas over a network that
 * drops, duplicates, reorders and partitions, with crashes that lose state. After the heal every replica must hold
 * the same state and read the value the type's specification ({@link Oracles}) gives for the causal history.
 *
 * <p>The number of schedules is {@code crdtkit.simulator.schedules} in all (1,000 by default, 100,000 with
 * {@code -Pdeep}), shared among the types. A failure prints the seed that reproduces it.
 */
class SimulatedReplicasTest {

  private static final int SCHEDULES = Integer.getInteger("crdtkit.simulator.schedules", 1000);

  static Stream<Arguments> types() {
    return Stream.of(
        type(CoreTypes.gCounter(), Oracles.gCounter()),
        type(CoreTypes.pnCounter(), Oracles.pnCounter()),
        type(CoreTypes.gSet(), Oracles.gSet()),
        type(CoreTypes.twoPhaseSet(), Oracles.twoPhaseSet()),
        type(CoreTypes.orSet(), Oracles.orSet()),
        type(CoreTypes.rwSet(), Oracles.rwSet()),
        type(CoreTypes.ewFlag(), Oracles.ewFlag()),
        type(CoreTypes.dwFlag(), Oracles.dwFlag()),
        type(CoreTypes.mvRegister(), Oracles.mvRegister()),
        type(CoreTypes.lwwRegister(), Oracles.lwwRegister()),
        type(CoreTypes.lwwMap(), Oracles.lwwMap()),
        type(CoreTypes.orMapOfCountersByDeltas(), Oracles.orMapOfCounters()),
        type(CoreTypes.orMapOfSetsByDeltas(), Oracles.orMapOfSets()),
        // Full nested mutators and two-level nesting: convergence only (no oracle models whole-value deltas).
        type(CoreTypes.orMapOfCounters(), null),
        type(CoreTypes.orMapOfSets(), null),
        type(CoreTypes.orMapOfMaps(), null));
  }

  private static <S extends Crdt<S>> Arguments type(CrdtDescription<S> description, @Nullable Oracle<S> oracle) {
    return Arguments.of(description.name() + (oracle == null ? " (convergence)" : " (oracle)"), description, oracle);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  <S extends Crdt<S>> void convergesToTheSpecifiedValue(String name, CrdtDescription<S> description,
      @Nullable Oracle<S> oracle) {
    int schedules = Math.max(50, SCHEDULES / (int) types().count() + 1);
    Random seeds = new Random(name.hashCode());
    List<String> failures = new ArrayList<>();
    for (int run = 0; run < schedules && failures.isEmpty(); run++) {
      long seed = seeds.nextLong();
      Simulation<S> simulation = Simulation.of(description)
          .replicas(2 + Math.floorMod(seed, 6))
          .steps(150)
          .faults(Faults.hostile())
          .seed(seed);
      SimulationResult<S> result = (oracle == null ? simulation : simulation.oracle(oracle)).run();
      if (!result.holds()) {
        failures.add(result.toString());
      }
    }
    assertThat(failures).as("simulations of %s", name).isEmpty();
  }
}
