package io.crdtkit.jackson;

import io.crdtkit.Crdt;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitrary;
import tools.jackson.core.type.TypeReference;

/**
 * One type as the codec tests see it: its declared type, how to reach its states, several equal states built in
 * different ways, and a check that a state satisfies its type's invariants (rebuilding it through the core's
 * validating factory, which throws if it does not).
 *
 * @param states        states to round-trip: each replica's, and their merge
 * @param equalVariants states that are equal but were built by different merge (or insertion) orders
 */
record Subject<S>(
    String name,
    TypeReference<S> type,
    Arbitrary<List<S>> states,
    Arbitrary<List<S>> equalVariants,
    UnaryOperator<S> rebuild) {

  /** A CRDT, reached by random histories of {@code operations} on three replicas. */
  static <S extends Crdt<S>> Subject<S> crdt(String name, TypeReference<S> type, S bottom,
      Arbitrary<Operation<S>> operations, UnaryOperator<S> rebuild) {
    Arbitrary<History.Run<S>> runs = History.of(operations, 25).map(history -> history.run(bottom));
    Arbitrary<List<S>> replicas = runs.map(History.Run::finalStates);
    return new Subject<>(name, type,
        runs.map(run -> {
          List<S> s = run.finalStates();
          List<S> states = new ArrayList<>(List.of(s.get(0), s.get(1), s.get(2), s.get(0).merge(s.get(1)).merge(s.get(2))));
          states.addAll(run.deltas());
          return states;
        }),
        replicas.map(s -> List.of(
            s.get(0).merge(s.get(1)).merge(s.get(2)),
            s.get(2).merge(s.get(1).merge(s.get(0))),
            s.get(1).merge(s.get(2)).merge(s.get(0)))),
        rebuild);
  }

  @Override
  public String toString() {
    return name;
  }
}
