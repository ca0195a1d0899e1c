package io.crdtkit;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * The merge laws and the delta law for {@link Sequence}, over random concurrent 3-replica histories of inserts
 * (single and runs) and range deletes at random indexes.
 */
class SequenceProperties extends MergeLawProperties<Sequence<String>> {

  @Override
  Sequence<String> bottom() {
    return Sequence.empty();
  }

  @Override
  Sequence<String> rebuiltFromParts(Sequence<String> state) {
    java.util.List<SequenceElement> elements = new java.util.ArrayList<>();
    state.forEachElement(elements::add);
    return Sequence.fromElements(elements, state.context());
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
            (s, r) -> s.size() == 0 ? s.bottom() : s.deltaDelete(r, w % s.size(), Math.min(n, s.size() - w % s.size()))));
    return Arbitraries.oneOf(insert, insertAll, delete);
  }
}
