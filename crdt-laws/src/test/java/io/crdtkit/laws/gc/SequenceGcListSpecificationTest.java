package io.crdtkit.laws.gc;

import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.Sequence;
import io.crdtkit.Sequences;
import io.crdtkit.laws.Faults;
import io.crdtkit.laws.GcSimulationHook;
import io.crdtkit.laws.HeldState;
import io.crdtkit.laws.Simulation;
import io.crdtkit.laws.SimulationResult;
import io.crdtkit.laws.types.ListView;
import io.crdtkit.laws.types.RecordingHook;
import io.crdtkit.laws.types.StrongListSpecification;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Sequence} against the strong list specification with crdt-gc collecting inside the simulator: stability
 * reports on every message, a collection after every change, a hostile network with crashes (a reborn replica
 * catches up before it writes). Every list every replica showed still agrees with one order, local edits stay
 * exact, every state holds exactly the live elements, every collection keeps the live ids and their order and passes
 * {@link Sequence#checkInvariants()} and the rebuild from its parts; the replicas converge to the text the same
 * schedule gives without GC, and merging any stale state a replica held into the converged one, either way round,
 * changes nothing; and every state every replica holds, collected or not, passes checkInvariants. (GcLaws checks
 * the same and more, but its law that no tombstone survives stability conflicts with Sequence's design: see
 * {@link SequenceGcRegressionTest}.)
 */
class SequenceGcListSpecificationTest {

  private static final int SCHEDULES = Math.max(40, Integer.getInteger("crdtkit.gc.schedules", 10_000) / 250);

  @Test
  void withGarbageCollectionEveryReplicaStillShowsOneOrderAndExactlyTheLiveElements() {
    assertThat(check()).as("collections that reclaimed something").isPositive();
  }

  /** Runs the schedules; returns the number of collections that reclaimed something. */
  private static long check() {
    Random seeds = new Random(1919);
    List<String> failures = new ArrayList<>();
    long collections = 0;
    for (int run = 0; run < SCHEDULES && failures.isEmpty(); run++) {
      long seed = seeds.nextLong();
      int replicas = 2 + Math.floorMod(seed, 6);
      GcSimulationHook<Sequence<Character>> collector =
          new GcSimulationHook<>(replicas, Sequences::text, GcTypes::checkedSequence);
      RecordingHook<Sequence<Character>> recorder = new RecordingHook<>(Sequence.empty(), collector);
      Simulation<Sequence<Character>> simulation = Simulation.of(GcTypes.sequence()).replicas(replicas).steps(150)
          .faults(Faults.hostile()).seed(seed).catchUpBeforeWriting();
      SimulationResult<Sequence<Character>> result = simulation.hook(recorder).run();
      List<String> problems = new ArrayList<>(collector.problems());
      problems.addAll(StrongListSpecification.check(result, recorder, ListView.sequence()));
      if (result.holds()) {
        problems.addAll(againstNoCollection(result, simulation.run()));
      }
      recorder.changes().forEach(change -> {
        try {
          change.kept().checkInvariants();
        } catch (IllegalStateException broken) {
          problems.add(change.replica() + " holds a state that breaks an invariant: " + broken.getMessage());
        }
      });
      collections += collector.collections();
      String failure = StrongListSpecification.report(result, problems);
      if (failure != null) {
        failures.add(failure);
      }
    }
    assertThat(failures).as("the strong list specification with GC over %d schedules", SCHEDULES).isEmpty();
    return collections;
  }

  /**
   * The converged text with GC is the one without (unless a crash lost an update that a surviving one had seen:
   * then neither is specified), and no stale state brings anything back into it.
   */
  private static List<String> againstNoCollection(SimulationResult<Sequence<Character>> withGc,
      SimulationResult<Sequence<Character>> withoutGc) {
    List<String> problems = new ArrayList<>();
    Sequence<Character> converged = withGc.finalStates().values().iterator().next();
    String text = Sequences.text(converged);
    String textWithoutGc = Sequences.text(withoutGc.finalStates().values().iterator().next());
    BitSet delivered = withGc.delivered();
    boolean torn = delivered.stream().anyMatch(event -> {
      BitSet lost = withGc.history().get(event).received();
      lost.andNot(delivered);
      return !lost.isEmpty();
    });
    if (!torn && !text.equals(textWithoutGc)) {
      problems.add("with GC the replicas converged to " + text + ", without GC to " + textWithoutGc);
    }
    for (HeldState<Sequence<Character>> stale : withGc.heldStates()) {
      BitSet lostSince = stale.received();
      lostSince.andNot(delivered);
      if (!lostSince.isEmpty()) {
        continue; // it holds an update a crash lost: not a stale copy of the converged history
      }
      String staleIntoConverged = Sequences.text(converged.merge(stale.state()));
      String convergedIntoStale = Sequences.text(stale.state().merge(converged));
      if (!staleIntoConverged.equals(text) || !convergedIntoStale.equals(text)) {
        problems.add("merging a stale state of " + stale.replica() + " changed the converged text " + text + " to "
            + staleIntoConverged + " (stale into converged) and " + convergedIntoStale + " (converged into stale)");
        break;
      }
    }
    return problems;
  }
}
