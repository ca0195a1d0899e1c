package io.crdtkit;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * The merge and delta laws for an {@link ORMap} of {@link PNCounter}s: updates of keys x, y, z with nested delta
 * mutators and with a full nested mutator, and key removes, each in full ({@code update}, {@code remove}) and
 * delta ({@code deltaUpdate}, {@code deltaRemove}) form.
 */
class ORMapOfCountersProperties extends MergeLawProperties<ORMap<String, PNCounter>> {

  @Override
  ORMap<String, PNCounter> bottom() {
    return ORMap.empty(PNCounter.empty());
  }

  @Override
  ORMap<String, PNCounter> rebuiltFromParts(ORMap<String, PNCounter> state) {
    return ORMap.of(state.bottomValue(), state.deltas(), state.context());
  }

  @Override
  Arbitrary<Operation<ORMap<String, PNCounter>>> operations() {
    Arbitrary<String> key = Arbitraries.of("x", "y", "z");
    Arbitrary<Long> amount = Arbitraries.longs().between(0, 3);
    return Arbitraries.oneOf(
        Combinators.combine(key, amount).as((k, n) -> new Operation<ORMap<String, PNCounter>>(
            "increment " + k + " by " + n,
            (s, r) -> s.update(r, k, c -> c.deltaIncrement(r, n)),
            (s, r) -> s.deltaUpdate(r, k, c -> c.deltaIncrement(r, n)))),
        Combinators.combine(key, amount).as((k, n) -> new Operation<ORMap<String, PNCounter>>(
            "decrement " + k + " by " + n,
            (s, r) -> s.update(r, k, c -> c.deltaDecrement(r, n)),
            (s, r) -> s.deltaUpdate(r, k, c -> c.deltaDecrement(r, n)))),
        Combinators.combine(key, amount).as((k, n) -> new Operation<ORMap<String, PNCounter>>(
            "increment " + k + " by " + n + " (full nested mutator)",
            (s, r) -> s.update(r, k, c -> c.increment(r, n)),
            (s, r) -> s.deltaUpdate(r, k, c -> c.increment(r, n)))),
        key.map(k -> new Operation<>("remove " + k, (s, r) -> s.remove(r, k), (s, r) -> s.deltaRemove(r, k))));
  }
}
