package io.crdtkit;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * The merge and delta laws for an {@link ORMap} of {@link ORSet}s: nested adds (delta and full nested mutator),
 * nested removes and clears under keys x, y, z, and key removes, each in full ({@code update}, {@code remove})
 * and delta ({@code deltaUpdate}, {@code deltaRemove}) form.
 */
class ORMapOfSetsProperties extends MergeLawProperties<ORMap<String, ORSet<String>>> {

  @Override
  ORMap<String, ORSet<String>> bottom() {
    return ORMap.empty(ORSet.empty());
  }

  @Override
  ORMap<String, ORSet<String>> rebuiltFromParts(ORMap<String, ORSet<String>> state) {
    return ORMap.of(state.bottomValue(), state.deltas(), state.context());
  }

  @Override
  Arbitrary<Operation<ORMap<String, ORSet<String>>>> operations() {
    Arbitrary<String> key = Arbitraries.of("x", "y", "z");
    Arbitrary<String> element = Arbitraries.of("p", "q");
    return Arbitraries.oneOf(
        Combinators.combine(key, element).as((k, e) -> new Operation<ORMap<String, ORSet<String>>>(
            "add " + e + " to " + k,
            (s, r) -> s.update(r, k, set -> set.deltaAdd(r, e)),
            (s, r) -> s.deltaUpdate(r, k, set -> set.deltaAdd(r, e)))),
        Combinators.combine(key, element).as((k, e) -> new Operation<ORMap<String, ORSet<String>>>(
            "add " + e + " to " + k + " (full nested mutator)",
            (s, r) -> s.update(r, k, set -> set.add(r, e)),
            (s, r) -> s.deltaUpdate(r, k, set -> set.add(r, e)))),
        Combinators.combine(key, element).as((k, e) -> new Operation<ORMap<String, ORSet<String>>>(
            "remove " + e + " from " + k,
            (s, r) -> s.update(r, k, set -> set.deltaRemove(r, e)),
            (s, r) -> s.deltaUpdate(r, k, set -> set.deltaRemove(r, e)))),
        key.map(k -> new Operation<ORMap<String, ORSet<String>>>(
            "clear " + k,
            (s, r) -> s.update(r, k, set -> set.deltaClear(r)),
            (s, r) -> s.deltaUpdate(r, k, set -> set.deltaClear(r)))),
        key.map(k -> new Operation<>("remove key " + k, (s, r) -> s.remove(r, k), (s, r) -> s.deltaRemove(r, k))));
  }
}
