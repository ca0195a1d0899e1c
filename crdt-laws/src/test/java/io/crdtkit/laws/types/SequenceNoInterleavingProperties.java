package io.crdtkit.laws.types;

import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.Sequence;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.laws.Scenarios;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Fugue's no-interleaving guarantee (Weidner and Kleppmann 2023, §4) as a property: two or three replicas each type
 * a run, forward (one element at a time at increasing indexes) or backward (each element at the same index, before
 * the previous one), concurrently, at the same place of a document a random history built (with tombstones around
 * it). Merged as whole states in any order, the document is the old one with the runs inserted at that place, each
 * whole and in its typed order, one after the other. And merged one insert's delta at a time, in random order
 * (not causal: an element whose parent has not arrived waits), every intermediate document already shows each
 * run's arrived part whole, never mixed with another run's. crdt-core's SequenceTest has the examples.
 */
class SequenceNoInterleavingProperties {

  private static final List<ReplicaId> TYPISTS = List.of(ReplicaId.of("p"), ReplicaId.of("q"), ReplicaId.of("r"));

  /** One run: how many elements, and whether typed backward. */
  record Run(int length, boolean backward) {
    @Override
    public String toString() {
      return length + (backward ? " backward" : " forward");
    }
  }

  /** A run as typed: its replica's final state, its ids in document order, and its deltas in the order typed. */
  private record Typed(Sequence<Character> state, List<Dot> ids, List<Sequence<Character>> deltas) {}

  @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
  void concurrentRunsAtOnePlaceStayWholeAndAdjacent(
      @ForAll("documents") Sequence<Character> base,
      @ForAll @IntRange(min = 0, max = 999) int where,
      @ForAll("runs") List<Run> runs,
      @ForAll long deliverySeed) {
    int index = where % (base.size() + 1);
    List<Typed> typed = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      typed.add(type(base, TYPISTS.get(i), index, (char) ('P' + i), runs.get(i)));
    }
    List<Dot> baseIds = ListView.<Character>sequence().ids(base);
    List<Dot> before = baseIds.subList(0, index);
    List<Dot> after = baseIds.subList(index, baseIds.size());

    // Whole states, in every order of the typists.
    Sequence<Character> first = null;
    for (List<Integer> order : permutations(runs.size())) {
      Sequence<Character> merged = base;
      for (int run : order) {
        merged = merged.merge(typed.get(run).state());
      }
      List<Dot> ids = ListView.<Character>sequence().ids(merged);
      assertThat(ids.subList(0, index)).as("before the place, in %s", merged).isEqualTo(before);
      assertThat(ids.subList(ids.size() - after.size(), ids.size())).as("after the place, in %s", merged)
          .isEqualTo(after);
      assertRunsWhole(ids.subList(index, ids.size() - after.size()), typed, true, merged);
      if (first == null) {
        first = merged;
      }
      assertThat(merged).isEqualTo(first);
    }

    // One delta at a time, in a random order across and within runs.
    List<Sequence<Character>> deltas = new ArrayList<>();
    typed.forEach(run -> deltas.addAll(run.deltas()));
    Collections.shuffle(deltas, new Random(deliverySeed));
    Sequence<Character> receiver = base;
    for (Sequence<Character> delta : deltas) {
      receiver = receiver.merge(delta);
      List<Dot> ids = ListView.<Character>sequence().ids(receiver);
      assertThat(ids.subList(0, index)).as("before the place, in %s", receiver).isEqualTo(before);
      assertThat(ids.subList(ids.size() - after.size(), ids.size())).as("after the place, in %s", receiver)
          .isEqualTo(after);
      assertRunsWhole(ids.subList(index, ids.size() - after.size()), typed, false, receiver);
    }
    assertThat(receiver).isEqualTo(first);
  }

  /**
   * {@code middle} is the runs one after the other, each in its typed order: all of each run if {@code complete},
   * else the part of each that has arrived (a subsequence of it).
   */
  private static void assertRunsWhole(List<Dot> middle, List<Typed> typed, boolean complete,
      Sequence<Character> document) {
    Map<ReplicaId, Integer> runOf = new HashMap<>();
    for (int i = 0; i < typed.size(); i++) {
      runOf.put(TYPISTS.get(i), i);
    }
    List<Integer> blocks = new ArrayList<>();
    for (Dot id : middle) {
      Integer run = runOf.get(id.replica());
      assertThat(run).as("%s, an element of no run, between the runs of %s", id, document).isNotNull();
      if (blocks.isEmpty() || !blocks.get(blocks.size() - 1).equals(run)) {
        assertThat(blocks).as("run %s interleaved with another in %s (ids %s)", TYPISTS.get(run), document, middle)
            .doesNotContain(run);
        blocks.add(run);
      }
    }
    for (int run = 0; run < typed.size(); run++) {
      ReplicaId typist = TYPISTS.get(run);
      List<Dot> shown = middle.stream().filter(id -> id.replica().equals(typist)).toList();
      List<Dot> expected = typed.get(run).ids().stream().filter(shown::contains).toList();
      assertThat(shown).as("run of %s in its typed order, in %s", typist, document).isEqualTo(expected);
      if (complete) {
        assertThat(shown).as("run of %s whole, in %s", typist, document).hasSameSizeAs(typed.get(run).ids());
      }
    }
  }

  private static Typed type(Sequence<Character> base, ReplicaId typist, int index, char letter, Run run) {
    Sequence<Character> state = base;
    List<Sequence<Character>> deltas = new ArrayList<>();
    for (int i = 0; i < run.length(); i++) {
      int at = run.backward() ? index : index + i;
      char element = (char) (letter + (run.backward() ? run.length() - 1 - i : i));
      Sequence<Character> delta = state.deltaInsert(typist, at, element);
      deltas.add(delta);
      state = state.insert(typist, at, element);
    }
    List<Dot> ids = ListView.<Character>sequence().ids(state).subList(index, index + run.length());
    return new Typed(state, List.copyOf(ids), deltas);
  }

  private static List<List<Integer>> permutations(int size) {
    if (size == 0) {
      return List.of(List.of());
    }
    List<List<Integer>> all = new ArrayList<>();
    for (List<Integer> shorter : permutations(size - 1)) {
      for (int at = 0; at <= shorter.size(); at++) {
        List<Integer> longer = new ArrayList<>(shorter);
        longer.add(at, size - 1);
        all.add(longer);
      }
    }
    return all;
  }

  @Provide
  Arbitrary<Sequence<Character>> documents() {
    return Scenarios.histories(CoreTypes.sequence()).map(history -> history.run(Sequence.empty()).finalStates()
        .stream().reduce(Sequence.empty(), Sequence::merge));
  }

  @Provide
  Arbitrary<List<Run>> runs() {
    Arbitrary<Run> run = Combinators.combine(Arbitraries.integers().between(1, 8), Arbitraries.of(false, true))
        .as(Run::new);
    return run.list().ofMinSize(2).ofMaxSize(3);
  }
}
