package io.crdtkit;

import io.crdtkit.clock.ReplicaId;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * A random history on a few replicas: local operations interleaved with one replica merging another's state.
 * Running it yields <em>reachable</em> states, with the concurrency that makes CRDTs interesting, rather than
 * arbitrary structures no replica could hold.
 */
record History<S extends Crdt<S>>(List<Step<S>> steps) {

  static final List<ReplicaId> REPLICAS = List.of(ReplicaId.of("a"), ReplicaId.of("b"), ReplicaId.of("c"));

  sealed interface Step<S> {}

  /** Replica {@code replica} applies {@code operation}, in full or through its delta. */
  record Apply<S>(int replica, Operation<S> operation, boolean viaDelta) implements Step<S> {
    @Override
    public String toString() {
      return REPLICAS.get(replica) + (viaDelta ? " applies delta of " : " applies ") + operation;
    }
  }

  /** Replica {@code into} merges the state of replica {@code from}. */
  record Merge<S>(int into, int from) implements Step<S> {
    @Override
    public String toString() {
      return REPLICAS.get(into) + " merges " + REPLICAS.get(from);
    }
  }

  /** The final state of each replica. */
  List<S> run(S bottom) {
    List<S> states = new ArrayList<>(List.of(bottom, bottom, bottom));
    for (Step<S> step : steps) {
      if (step instanceof Apply<S> apply) {
        S state = states.get(apply.replica);
        ReplicaId replica = REPLICAS.get(apply.replica);
        S next = apply.viaDelta
            ? state.merge(apply.operation.deltaOf(state, replica))
            : apply.operation.apply(state, replica);
        states.set(apply.replica, next);
      } else if (step instanceof Merge<S> merge) {
        states.set(merge.into, states.get(merge.into).merge(states.get(merge.from)));
      }
    }
    return states;
  }

  static <S extends Crdt<S>> Arbitrary<History<S>> of(Arbitrary<Operation<S>> operations, int maxSteps) {
    Arbitrary<Integer> replica = Arbitraries.integers().between(0, REPLICAS.size() - 1);
    Arbitrary<Step<S>> apply = Combinators.combine(replica, operations, Arbitraries.of(true, false))
        .as(Apply::new);
    Arbitrary<Step<S>> merge = Combinators.combine(replica, replica).as(Merge::new);
    return Arbitraries.frequencyOf(Tuple.of(3, apply), Tuple.of(1, merge)).list()
        .ofMaxSize(maxSteps)
        .map(History::new);
  }

  @Override
  public String toString() {
    return steps.toString();
  }
}
