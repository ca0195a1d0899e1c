package io.crdtkit.laws;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.crdtkit.Crdt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.apiguardian.api.API;

/** Generators of histories and scenarios for a described CRDT. */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Scenarios {

  private Scenarios() {}

  /**
   * Histories of the described type: 3 updates for each merge, on the description's number of replicas.
   *
   * @param <S>         the CRDT type
   * @param description the type, with at least one operation
   * @return a new arbitrary of histories of up to {@link CrdtDescription#maxSteps()} steps; it shrinks
   * @throws IllegalStateException if the description has no operation
   */
  public static <S extends Crdt<S>> Arbitrary<History<S>> histories(CrdtDescription<S> description) {
    Arbitrary<Operation<S>> operations = description.operations();
    return Arbitraries.integers().between(description.minReplicas(), description.maxReplicas())
        .flatMap(replicas -> {
          Arbitrary<Integer> replica = Arbitraries.integers().between(0, replicas - 1);
          Arbitrary<History.Step<S>> update = Combinators.combine(replica, operations, Arbitraries.of(false, true))
              .as(History.Update::new);
          Arbitrary<History.Step<S>> merge = Combinators.combine(replica, replica).as(History.Merge::new);
          return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, update), net.jqwik.api.Tuple.of(1, merge))
              .list().ofMaxSize(description.maxSteps())
              .map(steps -> History.of(replicas, steps));
        });
  }

  /**
   * Scenarios of the described type: a history, a burst of up to 6 operations, and a choice seed.
   *
   * @param <S>         the CRDT type
   * @param description the type, with at least one operation
   * @return a new arbitrary of scenarios; every part shrinks
   * @throws IllegalStateException if the description has no operation
   */
  public static <S extends Crdt<S>> Arbitrary<Scenario<S>> of(CrdtDescription<S> description) {
    // The choice seed's edge cases (0, the extremes) mean nothing to the laws, and the burst's multiply the
    // history's: jqwik logged, once per law, that the edge cases outnumbered the tries (a user's CI log filled with
    // INFO lines). The history keeps its own (fewest and most replicas, the empty and one-step histories).
    return Combinators.combine(
            histories(description),
            description.operations().list().ofMinSize(1).ofMaxSize(6).withoutEdgeCases(),
            Arbitraries.longs().withoutEdgeCases())
        .as(Scenario::new);
  }
}
