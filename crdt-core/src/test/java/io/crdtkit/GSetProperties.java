package io.crdtkit;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** The merge laws for {@link GSet}, over histories of adds (full and delta) of three elements. */
class GSetProperties extends MergeLawProperties<GSet<String>> {

  @Override
  GSet<String> bottom() {
    return GSet.empty();
  }

  @Override
  GSet<String> rebuiltFromParts(GSet<String> state) {
    return GSet.ofAll(state.value());
  }

  @Override
  Arbitrary<Operation<GSet<String>>> operations() {
    Arbitrary<String> element = Arbitraries.of("x", "y", "z");
    return element.map(e -> new Operation<>("add " + e, (s, r) -> s.add(e), (s, r) -> s.deltaAdd(e)));
  }
}
