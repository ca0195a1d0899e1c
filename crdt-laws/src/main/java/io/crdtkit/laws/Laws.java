package io.crdtkit.laws;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.crdtkit.Crdt;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import org.apiguardian.api.API;

/**
 * The laws every state-based CRDT must obey, each checked on states drawn from a scenario's history: merge is a
 * join (commutative, associative, idempotent, with bottom as identity), the order agrees with merge, updates only
 * go up, and (if described) states survive serialization. The delta and convergence laws are in
 * {@link DeltaLaws} and {@link ConvergenceLaw}; {@link #all()} lists every one.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Laws {

  private Laws() {}

  /**
   * Every law of the kit, in the order they are reported.
   *
   * @param <S> the CRDT type
   * @return the laws; immutable
   */
  public static <S extends Crdt<S>> List<Law<S>> all() {
    return List.of(
        named(LawName.MERGE_IS_COMMUTATIVE, Laws::mergeIsCommutative),
        named(LawName.MERGE_IS_ASSOCIATIVE, Laws::mergeIsAssociative),
        named(LawName.MERGE_IS_IDEMPOTENT, Laws::mergeIsIdempotent),
        named(LawName.BOTTOM_IS_THE_IDENTITY, Laws::bottomIsTheIdentity),
        named(LawName.ORDER_AGREES_WITH_MERGE, Laws::orderAgreesWithMerge),
        named(LawName.EVERY_UPDATE_INFLATES, Laws::everyUpdateInflates),
        named(LawName.DELTA_EQUALS_FULL_MUTATOR, DeltaLaws::deltaEqualsFullMutator),
        named(LawName.DELTA_GROUPS_IN_ANY_ORDER, DeltaLaws::deltaGroupsInAnyOrder),
        named(LawName.REPLICAS_CONVERGE, ConvergenceLaw::replicasConverge),
        named(LawName.ROUND_TRIP, Laws::statesSurviveTheRoundTrip));
  }

  /**
   * The laws that apply to {@code description}: all of them, but the round trip only if one is described.
   *
   * @param <S>         the CRDT type
   * @param description the type under test
   * @return the laws, in the order of {@link #all()}; immutable
   */
  public static <S extends Crdt<S>> List<Law<S>> applicableTo(CrdtDescription<S> description) {
    return Laws.<S>all().stream()
        .filter(law -> description.roundTrip() != null || !law.name().equals(LawName.ROUND_TRIP.text()))
        .toList();
  }

  /**
   * The kit's laws selected by name, in the order of {@link #all()}: for {@link LawChecker#laws(List)}.
   *
   * @param <S>   the CRDT type
   * @param names the laws to select; none null
   * @return those laws; immutable
   */
  public static <S extends Crdt<S>> List<Law<S>> select(LawName... names) {
    List<String> selected = java.util.Arrays.stream(names).map(LawName::text).toList();
    return Laws.<S>all().stream().filter(law -> selected.contains(law.name())).toList();
  }

  static <S extends Crdt<S>> Law<S> named(LawName lawName, BiConsumer<CrdtDescription<S>, Scenario<S>> check) {
    String name = lawName.text();
    return new Law<>() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void check(CrdtDescription<S> description, Scenario<S> scenario) {
        check.accept(description, scenario);
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }

  // Random picks of held states rarely land on the cases that break a merge: states that are pairwise concurrent
  // (a tie-break among three concurrent writes is the classic associativity bug). So the merge laws also check
  // every pair (every triple, in every order) of the replicas' final states, the likeliest to be concurrent, and of
  // siblings: concurrent updates made on one caught-up state, at the same depth, the case a tie-break needs.
  // Checking them all, rather than a random few, also keeps a failure in place while shrinking removes steps.

  static <S extends Crdt<S>> void mergeIsCommutative(CrdtDescription<S> description, Scenario<S> scenario) {
    HeldStates<S> held = HeldStates.of(description, scenario);
    S x = held.pick();
    S y = held.pick();
    requireCommutative(x, y);
    List<S> finals = held.finalStates();
    for (int i = 0; i < finals.size(); i++) {
      for (int j = i + 1; j < finals.size(); j++) {   // (y, x) checks what (x, y) did
        requireCommutative(finals.get(i), finals.get(j));
      }
    }
    List<S> siblings = held.siblings(scenario.burst(), 2);
    requireCommutative(siblings.get(0), siblings.get(1));
  }

  private static <S extends Crdt<S>> void requireCommutative(S x, S y) {
    requireEqual("merge is commutative", x.merge(y), y.merge(x), "x merge y", "y merge x", "x", x, "y", y);
  }

  static <S extends Crdt<S>> void mergeIsAssociative(CrdtDescription<S> description, Scenario<S> scenario) {
    HeldStates<S> held = HeldStates.of(description, scenario);
    S x = held.pick();
    S y = held.pick();
    S z = held.pick();
    requireAssociative(x, y, z);
    for (List<S> triple : concat(tuples(firstFour(held.finalStates()), 3),
        tuples(held.siblings(scenario.burst(), 3), 3))) {
      requireAssociative(triple.get(0), triple.get(1), triple.get(2));
    }
  }

  private static <S extends Crdt<S>> void requireAssociative(S x, S y, S z) {
    requireEqual("merge is associative", x.merge(y).merge(z), x.merge(y.merge(z)),
        "(x merge y) merge z", "x merge (y merge z)", "x", x, "y", y, "z", z);
  }

  static <S extends Crdt<S>> void mergeIsIdempotent(CrdtDescription<S> description, Scenario<S> scenario) {
    HeldStates<S> held = HeldStates.of(description, scenario);
    S x = held.pick();
    S y = held.pick();
    requireIdempotent(x, y);
    for (List<S> pair : concat(tuples(firstFour(held.finalStates()), 2),
        tuples(held.siblings(scenario.burst(), 2), 2))) {
      requireIdempotent(pair.get(0), pair.get(1));
    }
  }

  private static <S extends Crdt<S>> void requireIdempotent(S x, S y) {
    requireEqual("merge is idempotent", x.merge(x), x, "x merge x", "x");
    S xy = x.merge(y);
    requireEqual("merge is idempotent", xy.merge(y), xy, "(x merge y) merge y", "x merge y", "x", x, "y", y);
  }

  /**
   * The final states of replicas a to d: every ordered triple of five replicas' states is 60 triples, of four 24,
   * and the siblings bring the concurrent cases anyway (nested maps merge slowly enough for it to matter).
   */
  private static <S> List<S> firstFour(List<S> finals) {
    return finals.subList(0, Math.min(4, finals.size()));
  }

  private static <T> List<T> concat(List<T> first, List<T> second) {
    List<T> both = new ArrayList<>(first);
    both.addAll(second);
    return both;
  }

  /** Every ordered choice of {@code size} distinct elements of {@code states}, by position. */
  static <S> List<List<S>> tuples(List<S> states, int size) {
    List<List<S>> tuples = new ArrayList<>();
    collectTuples(states, size, new ArrayList<>(), new boolean[states.size()], tuples);
    return tuples;
  }

  private static <S> void collectTuples(List<S> states, int size, List<S> prefix, boolean[] used,
      List<List<S>> into) {
    if (prefix.size() == size) {
      into.add(List.copyOf(prefix));
      return;
    }
    for (int i = 0; i < states.size(); i++) {
      if (!used[i]) {
        used[i] = true;
        prefix.add(states.get(i));
        collectTuples(states, size, prefix, used, into);
        prefix.remove(prefix.size() - 1);
        used[i] = false;
      }
    }
  }

  static <S extends Crdt<S>> void bottomIsTheIdentity(CrdtDescription<S> description, Scenario<S> scenario) {
    S x = HeldStates.of(description, scenario).pick();
    S bottom = description.bottom();
    requireEqual("bottom is the identity of merge", x.merge(bottom), x, "x merge bottom", "x");
    requireEqual("bottom is the identity of merge", bottom.merge(x), x, "bottom merge x", "x");
  }

  static <S extends Crdt<S>> void orderAgreesWithMerge(CrdtDescription<S> description, Scenario<S> scenario) {
    HeldStates<S> held = HeldStates.of(description, scenario);
    S x = held.pick();
    S y = held.pick();
    S joined = x.merge(y);
    String law = "the order agrees with merge";
    require(law, x.isLessOrEqual(joined), "x <= x merge y is false", "x", x, "y", y);
    require(law, y.isLessOrEqual(joined), "y <= x merge y is false", "x", x, "y", y);
    require(law, x.isLessOrEqual(x), "x <= x is false", "x", x);
    require(law, x.isLessOrEqual(y) == joined.equals(y),
        "x <= y is " + x.isLessOrEqual(y) + " but (x merge y == y) is " + joined.equals(y), "x", x, "y", y);
  }

  static <S extends Crdt<S>> void everyUpdateInflates(CrdtDescription<S> description, Scenario<S> scenario) {
    HeldStates<S> held = HeldStates.of(description, scenario);
    History.Held<S> start = held.pickHeld();
    S state = start.state();
    for (Operation<S> operation : scenario.burst()) {
      S next = operation.apply(state, start.replicaId());
      require("every update inflates", state.isLessOrEqual(next),
          "the state before " + operation + " at " + start.replicaId() + " is not <= the state after",
          "before", state, "after", next);
      state = next;
    }
  }

  static <S extends Crdt<S>> void statesSurviveTheRoundTrip(CrdtDescription<S> description, Scenario<S> scenario) {
    UnaryOperator<S> roundTrip = description.roundTrip();
    if (roundTrip == null) {
      return;
    }
    for (History.Held<S> held : HeldStates.of(description, scenario).everyStateHeld()) {
      S decoded = roundTrip.apply(held.state());
      requireEqual("states survive the round trip", decoded, held.state(), "decoded", "encoded");
    }
  }

  /** Fails {@code law} unless {@code actual} equals {@code expected}; the context alternates names and states. */
  static void requireEqual(String law, Object actual, Object expected, String actualName, String expectedName,
      Object... context) {
    if (!Objects.equals(actual, expected)) {
      throw new LawViolation(law, actualName + " != " + expectedName + describe(context)
          + "\n  " + actualName + " = " + actual + "\n  " + expectedName + " = " + expected);
    }
  }

  static void require(String law, boolean holds, String what, Object... context) {
    if (!holds) {
      throw new LawViolation(law, what + describe(context));
    }
  }

  private static String describe(Object... context) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i + 1 < context.length; i += 2) {
      text.append("\n  ").append(context[i]).append(" = ").append(context[i + 1]);
    }
    return text.toString();
  }
}
