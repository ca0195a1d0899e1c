package io.crdtkit.laws;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;


import io.crdtkit.CausalCrdt;
import io.crdtkit.Collectable;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.gc.GarbageCollector;
import io.crdtkit.gc.StabilityReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * crdt-gc running inside a simulation: one {@link GarbageCollector} per replica incarnation, stability reports
 * riding on every message, and a collection after every change. It also records, as problems, any collection that
 * changed a value: garbage collection must never do that.
 *
 * @param <S> the CRDT type
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class GcSimulationHook<S extends CausalCrdt<S> & Collectable<S>> implements SimulationHook<S> {

  private final Function<S, ?> value;
  private final @Nullable UnaryOperator<S> rebuild;
  private final Set<ReplicaId> members = new LinkedHashSet<>();
  private final Map<ReplicaId, GarbageCollector<S>> collectors = new LinkedHashMap<>();
  private final List<String> problems = new ArrayList<>();
  private long collections;

  /**
   * A hook for a simulation of {@code replicas} slots, reading values with {@code value} to check collections.
   *
   * @param replicas the simulation's number of replica slots ({@link Simulation#replicas}); at most 7
   * @param value    reads a state's observable value, as the description does ({@link CrdtDescription#valueOf});
   *                 not null
   * @throws IndexOutOfBoundsException if {@code replicas} is above 7
   * @throws NullPointerException      if {@code value} is null
   */
  public GcSimulationHook(int replicas, Function<S, ?> value) {
    this(replicas, value, null);
  }

  /**
   * The same, also checking the structure of every collected state: {@code rebuild} rebuilds it through the type's
   * validating factory from its public parts, and must give an equal state.
   *
   * @param replicas the simulation's number of replica slots ({@link Simulation#replicas}); at most 7
   * @param value    reads a state's observable value, as the description does ({@link CrdtDescription#valueOf});
   *                 not null
   * @param rebuild  rebuilds a state from its public parts, throwing {@link IllegalArgumentException} if they break
   *                 an invariant; null not to check structure
   * @throws IndexOutOfBoundsException if {@code replicas} is above 7
   * @throws NullPointerException      if {@code value} is null
   */
  public GcSimulationHook(int replicas, Function<S, ?> value, @Nullable UnaryOperator<S> rebuild) {
    this.value = Objects.requireNonNull(value, "value");
    this.rebuild = rebuild;
    for (int slot = 0; slot < replicas; slot++) {
      members.add(Replicas.id(slot));
    }
  }

  @Override
  public @Nullable Object piggyback(ReplicaId sender, S state) {
    return collector(sender).report();
  }

  @Override
  public void received(ReplicaId receiver, ReplicaId sender, @Nullable Object piggyback) {
    if (piggyback instanceof StabilityReport report) {
      collector(receiver).receive(report);
    }
  }

  @Override
  public S afterChange(ReplicaId replica, S state) {
    S collected = collector(replica).afterChange(state);
    if (collected != state) {
      collections++;
      Object before = value.apply(state);
      Object after = value.apply(collected);
      if (!Objects.equals(before, after)) {
        problems.add("collection at " + replica + " changed the value from " + before + " to " + after);
      }
      checkStructure(replica, collected);
    }
    return collected;
  }

  private void checkStructure(ReplicaId replica, S collected) {
    if (rebuild == null) {
      return;
    }
    try {
      S rebuilt = rebuild.apply(collected);
      if (!rebuilt.equals(collected)) {
        problems.add("collection at " + replica + " left a state its parts do not rebuild: " + collected);
      }
    } catch (IllegalArgumentException broken) {
      problems.add("collection at " + replica + " broke an invariant: " + broken.getMessage());
    }
  }

  @Override
  public void crashed(ReplicaId crashed, ReplicaId successor) {
    // The lost incarnation stays a member (nobody may assume it is gone for good); the new one joins.
    members.add(successor);
    collectors.remove(crashed);
    collectors.values().forEach(collector -> collector.learn(successor));
  }

  /**
   * The collector of a replica incarnation; it knows every member the simulation has had.
   *
   * @param replica a replica incarnation of the simulation
   * @return its collector, made on first use (for an incarnation that never appeared, too) and the same after
   */
  public GarbageCollector<S> collector(ReplicaId replica) {
    return collectors.computeIfAbsent(replica, self -> GarbageCollector.create(self, members));
  }

  /**
   * Collections that changed a value, or (with {@code rebuild}) left a state that does not rebuild: there must be
   * none.
   *
   * @return one line per problem, in the order found; a copy
   */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  /**
   * How many collections reclaimed something.
   *
   * @return the count, over every run this hook took part in
   */
  public long collections() {
    return collections;
  }
}
