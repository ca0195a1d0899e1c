package io.crdtkit.jackson;

import io.crdtkit.Crdt;
import io.crdtkit.clock.ReplicaId;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * A random history on three replicas: updates (in full or through their delta) interleaved with merges. Running
 * it gives reachable states with real concurrency, the only states a codec has to carry.
 */
record History<S extends Crdt<S>>(List<Step<S>> steps) {

  static final List<ReplicaId> REPLICAS =
      List.of(ReplicaId.of("alpha"), ReplicaId.of("beta"), ReplicaId.of("gamma-7f3a9c01e2d4"));

  sealed interface Step<S> {}

  record Update<S>(int replica, Operation<S> operation, boolean viaDelta) implements Step<S> {
    @Override
    public String toString() {
      return REPLICAS.get(replica) + (viaDelta ? ": merge delta of " : ": ") + operation;
    }
  }

  record Merge<S>(int into, int from) implements Step<S> {
    @Override
    public String toString() {
      return REPLICAS.get(into) + ": merge state of " + REPLICAS.get(from);
    }
  }

  /** What a run produced: the final state of each replica, and every delta merged on the way. */
  record Run<S>(List<S> finalStates, List<S> deltas) {}

  Run<S> run(S bottom) {
    List<S> states = new ArrayList<>(List.of(bottom, bottom, bottom));
    List<S> deltas = new ArrayList<>();
    for (Step<S> step : steps) {
      if (step instanceof Update<S> update) {
        S state = states.get(update.replica());
        ReplicaId replica = REPLICAS.get(update.replica());
        if (update.viaDelta()) {
          S delta = update.operation().delta().apply(state, replica);
          deltas.add(delta);
          states.set(update.replica(), state.merge(delta));
        } else {
          states.set(update.replica(), update.operation().full().apply(state, replica));
        }
      } else if (step instanceof Merge<S> merge) {
        states.set(merge.into(), states.get(merge.into()).merge(states.get(merge.from())));
      }
    }
    return new Run<>(states, deltas);
  }

  static <S extends Crdt<S>> Arbitrary<History<S>> of(Arbitrary<Operation<S>> operations, int maxSteps) {
    Arbitrary<Integer> replica = Arbitraries.integers().between(0, REPLICAS.size() - 1);
    Arbitrary<Step<S>> update = Combinators.combine(replica, operations, Arbitraries.of(true, false))
        .as(Update::new);
    Arbitrary<Step<S>> merge = Combinators.combine(replica, replica).as(Merge::new);
    return Arbitraries.frequencyOf(Tuple.of(3, update), Tuple.of(1, merge)).list()
        .ofMaxSize(maxSteps)
        .map(History::new);
  }

  @Override
  public String toString() {
    return String.join("\n", steps.stream().map(Object::toString).toList());
  }
}
