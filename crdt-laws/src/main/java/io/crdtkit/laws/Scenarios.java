package io.crdtkit.laws;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.crdtkit.Crdt;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.apiguardian.api.API;

/** Generators of histories and scenarios for a described CRDT. */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Scenarios {

  private Scenarios() {}

  /**
   * Histories of the described type: 3 updates for each merge, on up to the description's number of replicas.
   * About one update in thirty repeats its operation (at most {@value #MAX_REPEATS} repeats in a history), so
   * that short histories reach deep states.
   *
   * <p>Built to shrink well: the steps are drawn on replica slots independent of the replica count, so shrinking
   * the count folds replicas together (step by step, a failure on 5 replicas is tried on 4, 3, 2) without
   * redrawing the steps; replicas are renumbered in order of first use, so a history never names an idle replica
   * and removing the only step of one shrinks the count; and a replica never merges its own state (a no-op that
   * would only clutter a report).
   *
   * @param <S>         the CRDT type
   * @param description the type, with at least one operation
   * @return a new arbitrary of histories of up to {@link CrdtDescription#maxSteps()} steps; it shrinks
   * @throws IllegalStateException if the description has no operation
   */
  public static <S extends Crdt<S>> Arbitrary<History<S>> histories(CrdtDescription<S> description) {
    Arbitrary<Operation<S>> operations = description.operations();
    Arbitrary<Integer> slot = Arbitraries.integers().between(0, Replicas.MAX - 1);
    Arbitrary<Integer> times = Arbitraries.frequencyOf(
        Tuple.of(29, Arbitraries.just(1)), Tuple.of(1, Arbitraries.integers().between(2, MAX_REPEATS)));
    Arbitrary<History.Step<S>> update = Combinators.combine(slot, operations, Arbitraries.of(false, true), times)
        .as(History.Update::new);
    Arbitrary<History.Step<S>> merge = Combinators.combine(slot, slot).as(History.Merge::new);
    Arbitrary<List<History.Step<S>>> steps = Arbitraries.frequencyOf(Tuple.of(3, update), Tuple.of(1, merge))
        .list().ofMaxSize(description.maxSteps());
    return Combinators.combine(
            Arbitraries.integers().between(description.minReplicas(), description.maxReplicas()), steps)
        .as((replicas, drawn) -> onReplicas(replicas, description.minReplicas(), drawn));
  }

  /**
   * Most repeats in one history (of one step, or spread over several): enough to take a counter past 20 in one
   * step, few enough that a history applies at most {@code maxSteps + 24} updates. Types whose state grows with
   * every update (an ORMap keeps a dot per update of a key until collected) cost more than linearly in them.
   */
  static final int MAX_REPEATS = 24;

  /**
   * The history the drawn steps make on {@code replicas} replicas: each slot folded onto a replica (slot modulo
   * the count), replicas renumbered in order of first use, self-merges dropped, repeats capped at
   * {@link #MAX_REPEATS} in all; the history runs on as many
   * replicas as its steps use, but at least {@code minReplicas}.
   */
  static <S extends Crdt<S>> History<S> onReplicas(int replicas, int minReplicas, List<History.Step<S>> drawn) {
    Map<Integer, Integer> renumbered = new HashMap<>();
    IntUnaryOperator replica = slot -> renumbered.computeIfAbsent(slot % replicas, any -> renumbered.size());
    List<History.Step<S>> steps = new ArrayList<>();
    int repeatsLeft = MAX_REPEATS;
    for (History.Step<S> step : drawn) {
      if (step instanceof History.Update<S> update) {
        int repeats = Math.min(update.times() - 1, repeatsLeft);
        repeatsLeft -= repeats;
        steps.add(new History.Update<>(replica.applyAsInt(update.replica()), update.operation(), update.viaDelta(),
            1 + repeats));
      } else if (step instanceof History.Merge<S> merge && merge.into() % replicas != merge.from() % replicas) {
        steps.add(new History.Merge<>(replica.applyAsInt(merge.into()), replica.applyAsInt(merge.from())));
      }
    }
    return History.of(Math.max(minReplicas, renumbered.size()), steps);
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
