package io.crdtkit;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** The merge and delta laws for {@link PNCounter}, with increments and decrements of 0 to 3. */
class PNCounterProperties extends MergeLawProperties<PNCounter> {

  @Override
  PNCounter bottom() {
    return PNCounter.empty();
  }

  @Override
  PNCounter rebuiltFromParts(PNCounter state) {
    return PNCounter.of(state.increments(), state.decrements());
  }

  @Override
  Arbitrary<Operation<PNCounter>> operations() {
    Arbitrary<Long> amount = Arbitraries.longs().between(0, 3);
    return Arbitraries.oneOf(
        amount.map(n -> new Operation<>(
            "increment " + n, (s, r) -> s.increment(r, n), (s, r) -> s.deltaIncrement(r, n))),
        amount.map(n -> new Operation<>(
            "decrement " + n, (s, r) -> s.decrement(r, n), (s, r) -> s.deltaDecrement(r, n))),
        Arbitraries.just(new Operation<>("increment", (s, r) -> s.increment(r), (s, r) -> s.deltaIncrement(r, 1))),
        Arbitraries.just(new Operation<>("decrement", (s, r) -> s.decrement(r), (s, r) -> s.deltaDecrement(r, 1))));
  }
}
