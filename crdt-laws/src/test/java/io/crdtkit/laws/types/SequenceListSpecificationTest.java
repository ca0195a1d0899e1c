package io.crdtkit.laws.types;

import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.Sequence;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.laws.Faults;
import io.crdtkit.laws.History;
import io.crdtkit.laws.Scenarios;
import io.crdtkit.laws.Simulation;
import io.crdtkit.laws.SimulationResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * {@link Sequence} against the strong list specification ({@link StrongListSpecification}): in the simulator, over
 * a network that drops, duplicates, reorders and partitions, with crashes, every list every replica showed at every
 * change agrees with one order of all elements, the converged list too; local edits are exact; and every state
 * holds exactly the elements inserted and not deleted by what it received. And the same on the law kit's histories,
 * every step observed, where jqwik shrinks a failure to a minimal history.
 */
class SequenceListSpecificationTest {

  /** The seeds run on each build; a failure prints its seed (rerun it with {@link #rerun}). */
  private static final int SCHEDULES = Math.max(60, Integer.getInteger("crdtkit.simulator.schedules", 1000) / 8);

  @Test
  void everyReplicaShowsOneOrderAndExactlyTheLiveElementsUnderAHostileNetwork() {
    Random seeds = new Random(19);
    List<String> failures = new ArrayList<>();
    for (int run = 0; run < SCHEDULES && failures.isEmpty(); run++) {
      long seed = seeds.nextLong();
      String failure = run(seed, 2 + Math.floorMod(seed, 6));
      if (failure != null) {
        failures.add(failure);
      }
    }
    assertThat(failures).as("the strong list specification over %d schedules", SCHEDULES).isEmpty();
  }

  /** Runs one schedule; returns the failure report (with the seed), or null if the run meets the specification. */
  static @Nullable String run(long seed, int replicas) {
    RecordingHook<Sequence<Character>> recorder = new RecordingHook<>(Sequence.empty());
    SimulationResult<Sequence<Character>> result = Simulation.of(CoreTypes.sequence()).replicas(replicas)
        .steps(150).faults(Faults.hostile()).hook(recorder).seed(seed).run();
    List<String> problems = StrongListSpecification.check(result, recorder, ListView.sequence());
    return StrongListSpecification.report(result, problems);
  }

  /**
   * The law kit's histories (updates in full or by delta, merges of whole states, on 2 to 5 replicas), every state
   * observed: one order over all of them, the join of the final states included, and exact local edits.
   */
  @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
  void everyHistoryShowsOneOrderAndExactLocalEdits(@ForAll("histories") History<Sequence<Character>> history) {
    assertThat(problemsOf(history, ListView.sequence(), Sequence.empty())).isEmpty();
  }

  @Provide
  Arbitrary<History<Sequence<Character>>> histories() {
    return Scenarios.histories(CoreTypes.sequence());
  }

  /** Replays {@code history} one update at a time, checking every state against the specification's order. */
  static <S extends io.crdtkit.Crdt<S>> List<String> problemsOf(History<S> history, ListView<S> view, S bottom) {
    List<String> problems = new ArrayList<>();
    List<S> states = new ArrayList<>(Collections.nCopies(history.replicas(), bottom));
    OrderGraph order = new OrderGraph();
    Set<Dot> everInserted = new HashSet<>();
    int step = 0;
    for (History.Step<S> each : history.steps()) {
      step++;
      if (each instanceof History.Update<S> update) {
        ReplicaId id = History.replicaId(update.replica());
        for (int time = 0; time < update.times(); time++) {
          S before = states.get(update.replica());
          S after = update.viaDelta()
              ? before.merge(update.operation().delta(before, id))
              : update.operation().apply(before, id);
          StrongListSpecification.Effect effect =
              StrongListSpecification.localEdit(view, update.operation(), id, before, after, everInserted);
          everInserted.addAll(effect.inserted());
          if (effect.problem() != null) {
            problems.add("step " + step + " (" + update + "): " + effect.problem());
          }
          states.set(update.replica(), after);
          order.observe(view.ids(after), id + " after step " + step);
        }
      } else if (each instanceof History.Merge<S> merge) {
        S merged = states.get(merge.into()).merge(states.get(merge.from()));
        states.set(merge.into(), merged);
        order.observe(view.ids(merged), History.replicaId(merge.into()) + " after step " + step);
      }
    }
    S joined = states.stream().reduce(bottom, io.crdtkit.Crdt::merge);
    order.observe(view.ids(joined), "the join of the final states");
    order.cycle().ifPresent(problems::add);
    return problems;
  }
}
