package io.crdtkit;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

class ORSetProperties extends MergeLawProperties<ORSet<String>> {

  @Override
  ORSet<String> bottom() {
    return ORSet.empty();
  }

  @Override
  ORSet<String> rebuiltFromParts(ORSet<String> state) {
    return ORSet.of(state.entries(), state.context());
  }

  @Override
  Arbitrary<Operation<ORSet<String>>> operations() {
    Arbitrary<String> element = Arbitraries.of("x", "y", "z");
    return Arbitraries.oneOf(
        element.map(e -> new Operation<>("add " + e, (s, r) -> s.add(r, e), (s, r) -> s.deltaAdd(r, e))),
        element.map(e -> new Operation<>("remove " + e, (s, r) -> s.remove(r, e), (s, r) -> s.deltaRemove(r, e))),
        Arbitraries.just(new Operation<>("clear", ORSet::clear, ORSet::deltaClear)));
  }
}
