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

  /** A simulation of 3 replicas, 200 steps, a hostile network, seed 0, no oracle and no hook. */
  public static <S extends Crdt<S>> Simulation<S> of(CrdtDescription<S> description) {
    return new Simulation<>(Objects.requireNonNull(description, "description"), 3, 200, 0, Faults.hostile(),
        null, new SimulationHook<>() {}, false);
  }

  /** Between 2 and 7 replica slots. */
  public Simulation<S> replicas(int count) {
    if (count < 2 || count > Replicas.MAX) {
      throw new IllegalArgumentException("replicas must be 2.." + Replicas.MAX + ", got " + count);
    }
    return new Simulation<>(description, count, steps, seed, faults, oracle, hook, catchUpBeforeWriting);
  }

  /** The number of scheduled steps before the final heal. */
  public Simulation<S> steps(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("steps must be >= 0, got " + count);
    }
    return new Simulation<>(description, replicas, count, seed, faults, oracle, hook, catchUpBeforeWriting);
  }

  public Simulation<S> seed(long value) {
    return new Simulation<>(description, replicas, steps, value, faults, oracle, hook, catchUpBeforeWriting);
  }

  public Simulation<S> faults(Faults value) {
    return new Simulation<>(description, replicas, steps, seed, Objects.requireNonNull(value, "faults"), oracle,
        hook, catchUpBeforeWriting);
  }

  /** The specification every replica's final value is checked against. */
  public Simulation<S> oracle(Oracle<S> value) {
    return new Simulation<>(description, replicas, steps, seed, faults, Objects.requireNonNull(value, "oracle"),
        hook, catchUpBeforeWriting);
  }

  /** Code to run inside the schedule, e.g. a garbage collector. */
  public Simulation<S> hook(SimulationHook<S> value) {
    return new Simulation<>(description, replicas, steps, seed, faults, oracle,
        Objects.requireNonNull(value, "hook"), catchUpBeforeWriting);
  }

  /**
   * A replica reborn after a crash (a new incarnation with no state) writes only once it has merged a whole state
   * from a peer, as a restarted node catches up before serving writes. Garbage collection needs it: a blank
   * replica's writes are concurrent with everything, even with what the cluster already collected as stable.
   */
  public Simulation<S> catchUpBeforeWriting() {
    return new Simulation<>(description, replicas, steps, seed, faults, oracle, hook, true);
  }

  /** Runs the schedule; never throws for a CRDT that misbehaves (the result says what went wrong). */
  public SimulationResult<S> run() {
    return InJqwikSession.run(() -> new SimulationRun<>(this).run());
  }

  @Override
  public String toString() {
    return "Simulation(" + description.name() + ", " + replicas + " replicas, " + steps + " steps, seed " + seed
        + ", " + faults + ")";
  }
}
