package io.crdtkit;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** The merge and delta laws for {@link GCounter}, with increments of 0 to 3 in full and delta form. */
class GCounterProperties extends MergeLawProperties<GCounter> {

  @Override
  GCounter bottom() {
    return GCounter.empty();
  }

  @Override
  GCounter rebuiltFromParts(GCounter state) {
    return GCounter.of(state.entries().toJavaMap());
  }

  @Override
  Arbitrary<Operation<GCounter>> operations() {
    Arbitrary<Long> amount = Arbitraries.longs().between(0, 3);
    return Arbitraries.oneOf(
        amount.map(n -> new Operation<>(
            "increment " + n, (s, r) -> s.increment(r, n), (s, r) -> s.deltaIncrement(r, n))),
        Arbitraries.just(new Operation<>("increment", (s, r) -> s.increment(r), (s, r) -> s.deltaIncrement(r, 1))));
  }
}
