package io.crdtkit.laws;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.crdtkit.clock.ReplicaId;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The outcome of a {@link Simulation}: each live replica's final state, the causal history of every update, the
 * trace of the schedule, and the problems found (none if the replicas converged to what the oracle specifies).
 *
 * @param simulation  the configuration, for the failure report
 * @param seed        the seed that reproduces this run
 * @param finalStates each live incarnation's final state
 * @param delivered   the updates the first replica finally received (after settling, every replica has the same)
 * @param history     every update made, lost ones included
 * @param heldStates  every state a replica held along the way (stale copies, for GC tests)
 * @param trace       one line per scheduled step
 * @param problems    what went wrong; empty when the run is correct
 * @param <S>         the CRDT type
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record SimulationResult<S>(String simulation, long seed, Map<ReplicaId, S> finalStates, BitSet delivered,
    List<HistoryEvent<S>> history, List<HeldState<S>> heldStates, List<String> trace, List<String> problems) {

  private static final int TRACE_LINES_SHOWN = 40;

  /**
   * A result; every collection and the bit set are copied.
   *
   * @param simulation  the configuration, for the failure report
   * @param seed        the seed that reproduces this run
   * @param finalStates each live incarnation's final state
   * @param delivered   the updates the first replica finally received
   * @param history     every update made, lost ones included
   * @param heldStates  every state a replica held along the way
   * @param trace       one line per scheduled step
   * @param problems    what went wrong; empty when the run is correct
   */
  public SimulationResult {
    finalStates = Map.copyOf(finalStates);
    delivered = (BitSet) delivered.clone();
    history = List.copyOf(history);
    heldStates = List.copyOf(heldStates);
    trace = List.copyOf(trace);
    problems = List.copyOf(problems);
  }

  /**
   * The updates the first replica finally received (after settling, every replica has the same).
   *
   * @return their ids (indexes into {@link #history()}), as a new bit set the caller may change
   */
  @Override
  public BitSet delivered() {
    return (BitSet) delivered.clone();
  }

  /**
   * Whether every replica converged (to the specified value, if an oracle was given).
   *
   * @return true if no problem was found
   */
  public boolean holds() {
    return problems.isEmpty();
  }

  /**
   * Throws an {@link AssertionError} with the seed, the problems and the end of the trace, unless it holds.
   *
   * @throws AssertionError if a problem was found
   */
  public void assertHolds() {
    if (!holds()) {
      throw new AssertionError(this.toString());
    }
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(simulation)
        .append(holds() ? ": converged" : ": FAILED (rerun with .seed(" + seed + "))");
    problems.forEach(problem -> text.append("\n  ").append(problem));
    if (!holds()) {
      text.append("\n  last steps of ").append(trace.size()).append(':');
      trace.subList(Math.max(0, trace.size() - TRACE_LINES_SHOWN), trace.size())
          .forEach(line -> text.append("\n    ").append(line));
    }
    return text.toString();
  }
}
