package io.crdtkit;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** The merge laws for {@link RWSet}, over histories of adds and removes (full and delta) of three elements. */
class RWSetProperties extends MergeLawProperties<RWSet<String>> {

  @Override
  RWSet<String> bottom() {
    return RWSet.empty();
  }

  @Override
  RWSet<String> rebuiltFromParts(RWSet<String> state) {
    return RWSet.of(state.addDots(), state.removeDots(), state.context());
  }

  @Override
  Arbitrary<Operation<RWSet<String>>> operations() {
    Arbitrary<String> element = Arbitraries.of("x", "y", "z");
    return Arbitraries.oneOf(
        element.map(e -> new Operation<>("add " + e, (s, r) -> s.add(r, e), (s, r) -> s.deltaAdd(r, e))),
        element.map(e -> new Operation<>("remove " + e, (s, r) -> s.remove(r, e), (s, r) -> s.deltaRemove(r, e))));
  }
}
