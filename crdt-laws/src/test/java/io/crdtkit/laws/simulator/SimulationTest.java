package io.crdtkit.laws.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crdtkit.GCounter;
import io.crdtkit.ORSet;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.laws.CrdtDescription;
import io.crdtkit.laws.Faults;
import io.crdtkit.laws.Simulation;
import io.crdtkit.laws.SimulationHook;
import io.crdtkit.laws.SimulationResult;
import io.crdtkit.laws.types.Oracles;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The simulator itself: reproducible from its seed, faithful to its fault settings, and its hooks are called. */
class SimulationTest {

  private static final CrdtDescription<ORSet<String>> SET = CrdtDescription.of("ORSet", ORSet.<String>empty())
      .operation("add", Arbitraries.of("x", "y"), (s, r, e) -> s.add(r, e), (s, r, e) -> s.deltaAdd(r, e))
      .operation("remove", Arbitraries.of("x", "y"), (s, r, e) -> s.remove(r, e), (s, r, e) -> s.deltaRemove(r, e));

  @Test
  void theSameSeedReplaysTheSameRun() {
    SimulationResult<ORSet<String>> first = Simulation.of(SET).replicas(5).steps(300).seed(99).run();
    SimulationResult<ORSet<String>> again = Simulation.of(SET).replicas(5).steps(300).seed(99).run();
    SimulationResult<ORSet<String>> other = Simulation.of(SET).replicas(5).steps(300).seed(100).run();

    assertThat(again.trace()).isEqualTo(first.trace());
    assertThat(again.finalStates()).isEqualTo(first.finalStates());
    assertThat(other.trace()).isNotEqualTo(first.trace());
  }

  @Test
  void aHostileNetworkLosesMessagesPartitionsAndCrashesButEveryoneConverges() {
    SimulationResult<ORSet<String>> result =
        Simulation.of(SET).replicas(6).steps(600).faults(Faults.hostile()).seed(7).run();

    assertThat(result.trace()).anyMatch(line -> line.startsWith("lost "));
    assertThat(result.trace()).anyMatch(line -> line.startsWith("partition "));
    assertThat(result.trace()).anyMatch(line -> line.startsWith("crash "));
    assertThat(result.finalStates().keySet()).anyMatch(id -> id.name().contains("."));
    assertThat(result.holds()).as(result.toString()).isTrue();
    assertThat(result.finalStates().values()).hasSize(6).allMatch(state ->
        state.equals(result.finalStates().values().iterator().next()));
  }

  @Test
  void aPerfectNetworkLosesNothing() {
    SimulationResult<ORSet<String>> result =
        Simulation.of(SET).replicas(4).steps(400).faults(Faults.none()).seed(3).run();

    assertThat(result.trace()).noneMatch(line -> line.startsWith("lost ") || line.startsWith("crash "));
    assertThat(result.holds()).isTrue();
  }

  @Test
  void updatesMadeOnlyOnACrashedReplicaAreLostAndTheOracleKnowsIt() {
    CrdtDescription<GCounter> counter = CrdtDescription.of("GCounter", GCounter.empty())
        .operation("increment", (s, r) -> s.increment(r), (s, r) -> s.deltaIncrement(r, 1))
        .value(GCounter::value);
    for (long seed = 0; seed < 50; seed++) {
      SimulationResult<GCounter> result = Simulation.of(counter).replicas(3).steps(200)
          .faults(new Faults(0.3, 0, 0, 1)).seed(seed)
          .oracle(history -> (long) history.delivered().size())
          .run();
      assertThat(result.holds()).as(result.toString()).isTrue();
      long total = result.finalStates().values().iterator().next().value();
      assertThat(total).isLessThanOrEqualTo(result.history().size());
    }
  }

  @Test
  void aWrongOracleIsReportedWithTheSeedAndTheTrace() {
    SimulationResult<ORSet<String>> result = Simulation.of(SET).steps(100).seed(5)
        .oracle(history -> "certainly not this").run();

    assertThat(result.holds()).isFalse();
    assertThatThrownBy(result::assertHolds)
        .hasMessageContaining("FAILED (rerun with .seed(5))")
        .hasMessageContaining("wrong value at a")
        .hasMessageContaining("last steps of");
  }

  @Test
  void hooksSeeEveryMessageCrashAndPartitionAndMayReplaceStates() {
    AtomicInteger piggybacks = new AtomicInteger();
    AtomicInteger received = new AtomicInteger();
    List<String> crashes = new ArrayList<>();
    List<Set<Set<ReplicaId>>> partitions = new ArrayList<>();
    AtomicInteger replaced = new AtomicInteger();
    SimulationHook<ORSet<String>> hook = new SimulationHook<>() {
      @Override
      public @Nullable Object piggyback(ReplicaId sender, ORSet<String> state) {
        piggybacks.incrementAndGet();
        return sender.name();
      }

      @Override
      public void received(ReplicaId receiver, ReplicaId sender, @Nullable Object piggyback) {
        assertThat(piggyback).isEqualTo(sender.name());
        received.incrementAndGet();
      }

      @Override
      public ORSet<String> afterChange(ReplicaId replica, ORSet<String> state) {
        replaced.incrementAndGet();
        return state;
      }

      @Override
      public void crashed(ReplicaId crashed, ReplicaId successor) {
        crashes.add(crashed + "->" + successor);
      }

      @Override
      public void partitioned(Set<Set<ReplicaId>> sides) {
        partitions.add(sides);
      }
    };

    SimulationResult<ORSet<String>> result =
        Simulation.of(SET).replicas(4).steps(500).faults(Faults.hostile()).hook(hook).seed(11).run();

    assertThat(result.holds()).isTrue();
    assertThat(piggybacks.get()).isPositive();
    assertThat(received.get()).isPositive().isLessThanOrEqualTo(piggybacks.get() * 2);
    assertThat(replaced.get()).isPositive();
    assertThat(crashes).isNotEmpty().allMatch(line -> line.contains("->"));
    assertThat(partitions).isNotEmpty();
  }

  @Test
  void aHookThatBreaksEquivalenceIsCaught() {
    SimulationHook<ORSet<String>> forgetful = new SimulationHook<>() {
      @Override
      public ORSet<String> afterChange(ReplicaId replica, ORSet<String> state) {
        // "prunes" by dropping the context: removed elements can then come back
        var adds = state.parts().adds();
        return ORSet.fromParts(new ORSet.Parts<>(adds, io.vavr.collection.HashSet.empty(),
            io.vavr.collection.HashMap.empty(), io.vavr.collection.HashMap.empty(),
            io.crdtkit.clock.CausalContext.empty().addAll(adds.values().flatMap(dots -> dots)),
            io.crdtkit.GcMetadata.NONE, io.vavr.collection.HashSet.empty()));
      }
    };
    boolean caught = false;
    for (long seed = 0; seed < 200 && !caught; seed++) {
      caught = !Simulation.of(SET).replicas(3).steps(200).hook(forgetful).seed(seed)
          .oracle(Oracles.orSet()).run().holds();
    }
    assertThat(caught).as("a hook that forgets removes must break the add-wins oracle").isTrue();
  }

  @Test
  void configurationIsChecked() {
    assertThatThrownBy(() -> Simulation.of(SET).replicas(1)).hasMessageContaining("replicas must be 2..7");
    assertThatThrownBy(() -> new Faults(0.8, 0.5, 0, 0)).hasMessageContaining("drop + duplicate must be <= 1");
    assertThatThrownBy(() -> new Faults(-0.1, 0, 0, 0)).hasMessageContaining("drop probability");
  }
}
