package io.crdtkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.clock.ReplicaId;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.constraints.IntRange;

/**
 * The merge laws and the delta law for {@link Sequence}, over random concurrent 3-replica histories of inserts
 * (single and runs) and range deletes at random indexes (500 tries each, as a merge may lay a document out
 * again); and Fugue's no-interleaving guarantee on random documents.
 */
@PropertyDefaults(tries = 500)
class SequenceProperties extends MergeLawProperties<Sequence<String>> {

  @Override
  Sequence<String> bottom() {
    return Sequence.empty();
  }

  @Override
  Sequence<String> rebuiltFromParts(Sequence<String> state) {
    return Sequence.fromParts(state.parts());
  }

  @Override
  Arbitrary<Operation<Sequence<String>>> operations() {
    Arbitrary<Integer> where = Arbitraries.integers().between(0, 1000);
    Arbitrary<String> element = Arbitraries.of("x", "y", "z");
    Arbitrary<Operation<Sequence<String>>> insert = Combinators.combine(where, element).as((w, e) ->
        new Operation<>("insert " + e + " at " + w + "%(size+1)",
            (s, r) -> s.insert(r, w % (s.size() + 1), e),
            (s, r) -> s.deltaInsert(r, w % (s.size() + 1), e)));
    Arbitrary<Operation<Sequence<String>>> insertAll = Combinators.combine(where, Arbitraries.integers().between(0, 4))
        .as((w, n) -> {
          java.util.List<String> run = java.util.Collections.nCopies(n, "r");
          return new Operation<>("insert " + n + " at " + w + "%(size+1)",
              (s, r) -> s.insertAll(r, w % (s.size() + 1), run),
              (s, r) -> s.deltaInsertAll(r, w % (s.size() + 1), run));
        });
    Arbitrary<Operation<Sequence<String>>> delete = Combinators.combine(where, Arbitraries.integers().between(0, 3))
        .as((w, n) -> new Operation<>("delete " + n + " at " + w + "%size",
            (s, r) -> s.size() == 0 ? s : s.delete(r, w % s.size(), Math.min(n, s.size() - w % s.size())),
            (s, r) -> s.size() == 0
                ? s.bottom()
                : s.deltaDelete(r, w % s.size(), Math.min(n, s.size() - w % s.size()))));
    return Arbitraries.oneOf(insert, insertAll, delete);
  }

  /**
   * Equality compares elements, not their layout; so the order each state holds after its own history of local
   * edits and merges is checked against the order laid out from scratch from its elements.
   */
  @Property
  void everyStateHoldsTheOrderItsElementsDefine(@ForAll("replicaStates") java.util.List<Sequence<String>> states) {
    for (Sequence<String> state : states) {
      assertThat(state.value()).isEqualTo(rebuiltFromParts(state).value());
    }
    Sequence<String> joined = states.get(0).merge(states.get(1)).merge(states.get(2));
    assertThat(joined.value()).isEqualTo(rebuiltFromParts(joined).value());
  }

  /**
   * Two replicas each type a run at the same index of a random document (with tombstones), each forward or
   * backward; the merged text holds each run whole (Weidner and Kleppmann 2023, §4: no interleaving either way).
   */
  @Property
  void concurrentRunsAtOneIndexNeverInterleave(
      @ForAll("replicaStates") java.util.List<Sequence<String>> bases,
      @ForAll @IntRange(min = 0, max = 1000) int where,
      @ForAll @IntRange(min = 1, max = 6) int lengthA,
      @ForAll @IntRange(min = 1, max = 6) int lengthB,
      @ForAll boolean backwardA,
      @ForAll boolean backwardB) {
    Sequence<String> base = bases.get(0).merge(bases.get(1)).merge(bases.get(2));
    int index = where % (base.size() + 1);
    Sequence<String> onA = type(base, History.REPLICAS.get(0), index, "A", lengthA, backwardA);
    Sequence<String> onB = type(base, History.REPLICAS.get(1), index, "B", lengthB, backwardB);

    String merged = String.join("", onA.merge(onB).value());
    String runA = run("A", lengthA);
    String runB = run("B", lengthB);
    assertThat(merged).containsAnyOf(runA + runB, runB + runA);
    assertThat(onB.merge(onA)).isEqualTo(onA.merge(onB));
  }

  private static String run(String prefix, int length) {
    StringBuilder run = new StringBuilder();
    for (int i = 0; i < length; i++) {
      run.append('<').append(prefix).append(i).append('>');
    }
    return run.toString();
  }

  private static Sequence<String> type(Sequence<String> doc, ReplicaId replica, int index, String prefix,
      int length, boolean backward) {
    Sequence<String> next = doc;
    for (int i = 0; i < length; i++) {
      int k = backward ? length - 1 - i : i;
      next = next.insert(replica, backward ? index : index + i, "<" + prefix + k + ">");
    }
    return next;
  }
}
