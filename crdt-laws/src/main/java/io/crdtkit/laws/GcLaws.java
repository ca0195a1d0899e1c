package io.crdtkit.laws;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.crdtkit.CausalCrdt;
import io.crdtkit.Collectable;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The garbage-collection laws, for any type that crdt-gc can collect: seeded simulations run twice on the same
 * schedule, without and with the collector inside it (stability reports on every message, a collection after every
 * change), over a network that drops, duplicates, reorders and partitions, with crashes after which a reborn replica
 * catches up before it writes. For every schedule:
 * <ul>
 *   <li>no collection ever changes a value;
 *   <li>with GC the replicas converge, to the value the oracle specifies (if one is given);
 *   <li>the converged value with GC equals the converged value without GC, unless crashes tore the history: an
 *       update was lost although updates that survived had observed it (then no value is specified, GC or not,
 *       and the schedule is counted as torn);
 *   <li>merging any stale state a replica held along the way with the converged state, in either order, gives
 *       the converged value: nothing removed comes back, nothing is counted twice;
 *   <li>in a schedule without crashes, once everything is stable no tombstone is left.
 * </ul>
 *
 * <pre>{@code
 * GcLaws.check(description, oracle, 1000, seed).assertHolds();
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class GcLaws {

  private GcLaws() {}

  /**
   * Runs {@code schedules} pairs of simulations from {@code seed}; the report lists every broken law. The check
   * stops early once five problems are found.
   *
   * @param <S>         the CRDT type, one crdt-gc can collect
   * @param description the type under test, with at least one operation; not null
   * @param oracle      the type's specification, checked on the converged value with GC; null to check only that
   *                    the replicas converge, and to the same value as without GC
   * @param schedules   how many schedules to run, each twice (without and with GC); 0 or more
   * @param seed        the seed every schedule's seed is drawn from: the same seed gives the same check
   * @return a new report
   * @throws IllegalStateException if the description has no operation
   */
  public static <S extends CausalCrdt<S> & Collectable<S>> GcReport check(
      CrdtDescription<S> description, @Nullable Oracle<S> oracle, int schedules, long seed) {
    return check(description, oracle, Faults.hostile(), schedules, seed);
  }

  /**
   * The same over a network with the given {@code faults}.
   *
   * @param <S>         the CRDT type, one crdt-gc can collect
   * @param description the type under test, with at least one operation; not null
   * @param oracle      the type's specification, checked on the converged value with GC; null to check only that
   *                    the replicas converge, and to the same value as without GC
   * @param faults      how hostile the network and the replicas are; not null
   * @param schedules   how many schedules to run, each twice (without and with GC); 0 or more
   * @param seed        the seed every schedule's seed is drawn from: the same seed gives the same check
   * @return a new report
   * @throws IllegalStateException if the description has no operation
   */
  public static <S extends CausalCrdt<S> & Collectable<S>> GcReport check(CrdtDescription<S> description,
      @Nullable Oracle<S> oracle, Faults faults, int schedules, long seed) {
    return check(description, oracle, null, faults, schedules, seed);
  }

  /**
   * The same, also checking after every collection that {@code rebuild} (the type's validating factory applied to
   * its public parts) gives back an equal state: collection keeps the type's structural invariants.
   *
   * @param <S>         the CRDT type, one crdt-gc can collect
   * @param description the type under test, with at least one operation; not null
   * @param oracle      the type's specification, checked on the converged value with GC; null to check only that
   *                    the replicas converge, and to the same value as without GC
   * @param rebuild     rebuilds a state from its public parts through the type's validating factory, throwing
   *                    {@link IllegalArgumentException} if they break an invariant; null not to check structure
   * @param faults      how hostile the network and the replicas are; not null
   * @param schedules   how many schedules to run, each twice (without and with GC); 0 or more
   * @param seed        the seed every schedule's seed is drawn from: the same seed gives the same check
   * @return a new report
   * @throws IllegalStateException if the description has no operation
   */
  public static <S extends CausalCrdt<S> & Collectable<S>> GcReport check(CrdtDescription<S> description,
      @Nullable Oracle<S> oracle, @Nullable UnaryOperator<S> rebuild, Faults faults, int schedules, long seed) {
    Random seeds = new Random(seed);
    List<String> problems = new ArrayList<>();
    long collections = 0;
    int torn = 0;
    for (int run = 0; run < schedules && problems.size() < 5; run++) {
      long scheduleSeed = seeds.nextLong();
      int replicas = 2 + Math.floorMod(scheduleSeed, 6);
      // A reborn replica catches up before it writes: GC relies on it (see Simulation#catchUpBeforeWriting).
      Simulation<S> simulation = Simulation.of(description).replicas(replicas).steps(150).faults(faults)
          .seed(scheduleSeed).catchUpBeforeWriting();
      if (oracle != null) {
        simulation = simulation.oracle(oracle);
      }
      GcSimulationHook<S> hook = new GcSimulationHook<>(replicas, description::valueOf, rebuild);
      SimulationResult<S> withoutGc = simulation.run();
      SimulationResult<S> withGc = simulation.hook(hook).run();
      collections += hook.collections();
      boolean isTorn = isTorn(withGc);
      torn += isTorn ? 1 : 0;
      problems.addAll(problemsOf(description, withoutGc, withGc, hook, isTorn));
    }
    return new GcReport(description.name(), seed, schedules, torn, collections, problems);
  }

  /** Whether a crash lost an update that some update which survived had received. */
  private static boolean isTorn(SimulationResult<?> result) {
    BitSet delivered = result.delivered();
    return delivered.stream().anyMatch(event -> {
      BitSet lostButObserved = result.history().get(event).received();
      lostButObserved.andNot(delivered);
      return !lostButObserved.isEmpty();
    });
  }

  private static <S extends CausalCrdt<S> & Collectable<S>> List<String> problemsOf(CrdtDescription<S> description,
      SimulationResult<S> withoutGc, SimulationResult<S> withGc, GcSimulationHook<S> hook, boolean torn) {
    List<String> problems = new ArrayList<>();
    String where = " (seed " + withGc.seed() + ")";
    hook.problems().forEach(problem -> problems.add(problem + where));
    boolean onlyTheOracleDisagrees = withGc.problems().stream().allMatch(problem -> problem.startsWith("wrong value"));
    if (!withGc.holds() && !(torn && onlyTheOracleDisagrees)) {
      problems.add(withGc.toString());
      return problems;
    }
    S converged = withGc.finalStates().values().iterator().next();
    Object value = description.valueOf(converged);
    Object valueWithoutGc = description.valueOf(withoutGc.finalStates().values().iterator().next());
    if (!torn && !Objects.equals(value, valueWithoutGc)) {
      problems.add("with GC the replicas converged to " + value + ", without GC to " + valueWithoutGc + where);
    }
    BitSet delivered = withGc.delivered();
    for (HeldState<S> stale : withGc.heldStates()) {
      BitSet extra = stale.received();
      extra.andNot(delivered);
      if (!extra.isEmpty()) {
        continue;
      }
      // both orders: a late message merged into the converged state, and a replica restored from an old
      // snapshot that then receives the converged state
      Object staleIntoConverged = description.valueOf(converged.merge(stale.state()));
      Object convergedIntoStale = description.valueOf(stale.state().merge(converged));
      if (!Objects.equals(staleIntoConverged, value) || !Objects.equals(convergedIntoStale, value)) {
        problems.add("merging a stale state of " + stale.replica() + " changed the converged value " + value
            + " to " + staleIntoConverged + " (stale into converged) and " + convergedIntoStale
            + " (converged into stale)" + where);
        break;
      }
    }
    boolean crashed = withGc.trace().stream().anyMatch(line -> line.startsWith("crash "));
    int kept = description.tombstonesKept(converged);
    if (!crashed && converged.tombstones() > kept) {
      problems.add("no crash, everything stable, yet " + converged.tombstones() + " tombstones are left"
          + (kept > 0 ? " (" + kept + " kept by design)" : "") + where);
    }
    return problems;
  }
}
