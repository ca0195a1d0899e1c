package io.crdtkit.laws;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.crdtkit.Crdt;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A deterministic simulation of replicas of a described CRDT: a seeded schedule of local updates, delta-interval
 * multicasts with acknowledgements, whole-state gossip, and a network that drops, duplicates, reorders and
 * partitions messages, with crashes that lose a replica's state (it returns as a new incarnation). At the end the
 * network heals, gossip runs to quiescence, and the result says whether every replica holds the same state and,
 * given an {@link Oracle}, the value the causal history specifies. The same seed gives the same run.
 *
 * <pre>{@code
 * SimulationResult<ORSet<String>> result = Simulation.of(description)
 *     .replicas(5).steps(300).faults(Faults.hostile()).oracle(addWins).seed(seed)
 *     .run();
 * result.assertHolds();   // on failure: the seed, what broke, and the end of the trace
 * }</pre>
 *
 * @param <S> the CRDT type
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Simulation<S extends Crdt<S>> {

  final CrdtDescription<S> description;
  final int replicas;
  final int steps;
  final long seed;
  final Faults faults;
  final @Nullable Oracle<S> oracle;
  final SimulationHook<S> hook;
  final boolean catchUpBeforeWriting;

  private Simulation(CrdtDescription<S> description, int replicas, int steps, long seed, Faults faults,
      @Nullable Oracle<S> oracle, SimulationHook<S> hook, boolean catchUpBeforeWriting) {
    this.description = description;
    this.replicas = replicas;
    this.steps = steps;
    this.seed = seed;
    this.faults = faults;
    this.oracle = oracle;
    this.hook = hook;
    this.catchUpBeforeWriting = catchUpBeforeWriting;
  }

  /**
   * A simulation of 3 replicas, 200 steps, a hostile network, seed 0, no oracle and no hook.
   *
   * @param <S>         the CRDT type
   * @param description the type to simulate; not null
   * @return a new simulation
   * @throws NullPointerException if {@code description} is null
   */
  public static <S extends Crdt<S>> Simulation<S> of(CrdtDescription<S> description) {
    return new Simulation<>(Objects.requireNonNull(description, "description"), 3, 200, 0, Faults.hostile(),
        null, new SimulationHook<>() {}, false);
  }

  /**
   * Between 2 and 7 replica slots. A slot keeps its place when its replica crashes: the new incarnation takes it.
   *
   * @param count the number of slots; 2 to 7
   * @return a new simulation with this number of slots
   * @throws IllegalArgumentException if {@code count} is not 2 to 7
   */
  public Simulation<S> replicas(int count) {
    if (count < 2 || count > Replicas.MAX) {
      throw new IllegalArgumentException("replicas must be 2.." + Replicas.MAX + ", got " + count);
    }
    return new Simulation<>(description, count, steps, seed, faults, oracle, hook, catchUpBeforeWriting);
  }

  /**
   * The number of scheduled steps before the final heal.
   *
   * @param count the number of steps; 0 or more (0 runs only the final heal and gossip)
   * @return a new simulation with this number of steps
   * @throws IllegalArgumentException if {@code count} is negative
   */
  public Simulation<S> steps(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("steps must be >= 0, got " + count);
    }
    return new Simulation<>(description, replicas, count, seed, faults, oracle, hook, catchUpBeforeWriting);
  }

  /**
   * The seed every random choice of the run comes from: the same seed gives the same run.
   *
   * @param value the seed; a failed result prints it
   * @return a new simulation with this seed
   */
  public Simulation<S> seed(long value) {
    return new Simulation<>(description, replicas, steps, value, faults, oracle, hook, catchUpBeforeWriting);
  }

  /**
   * How hostile the network and the replicas are (default {@link Faults#hostile()}).
   *
   * @param value the faults; not null
   * @return a new simulation with these faults
   * @throws NullPointerException if {@code value} is null
   */
  public Simulation<S> faults(Faults value) {
    return new Simulation<>(description, replicas, steps, seed, Objects.requireNonNull(value, "faults"), oracle,
        hook, catchUpBeforeWriting);
  }

  /**
   * The specification every replica's final value is checked against (by default, none: only convergence is).
   *
   * @param value the oracle; not null
   * @return a new simulation with this oracle
   * @throws NullPointerException if {@code value} is null
   */
  public Simulation<S> oracle(Oracle<S> value) {
    return new Simulation<>(description, replicas, steps, seed, faults, Objects.requireNonNull(value, "oracle"),
        hook, catchUpBeforeWriting);
  }

  /**
   * Code to run inside the schedule, e.g. a garbage collector.
   *
   * @param value the hook; not null. A hook with state of its own (a {@link GcSimulationHook}) carries it from
   *              one run to the next: give each run a new one.
   * @return a new simulation with this hook in place of the current one
   * @throws NullPointerException if {@code value} is null
   */
  public Simulation<S> hook(SimulationHook<S> value) {
    return new Simulation<>(description, replicas, steps, seed, faults, oracle,
        Objects.requireNonNull(value, "hook"), catchUpBeforeWriting);
  }

  /**
   * A replica reborn after a crash (a new incarnation with no state) writes only once it has merged a whole state
   * from a peer, as a restarted node catches up before serving writes. Garbage collection needs it: a blank
   * replica's writes are concurrent with everything, even with what the cluster already collected as stable.
   *
   * @return a new simulation whose reborn replicas catch up before they write
   */
  public Simulation<S> catchUpBeforeWriting() {
    return new Simulation<>(description, replicas, steps, seed, faults, oracle, hook, true);
  }

  /**
   * Runs the schedule; never throws for a CRDT that misbehaves (the result says what went wrong).
   *
   * @return a new result: the final states, the causal history, the trace and the problems found
   * @throws IllegalStateException if the description has no operation
   */
  public SimulationResult<S> run() {
    return InJqwikSession.run(() -> new SimulationRun<>(this).run());
  }

  @Override
  public String toString() {
    return "Simulation(" + description.name() + ", " + replicas + " replicas, " + steps + " steps, seed " + seed
        + ", " + faults + ")";
  }
}
