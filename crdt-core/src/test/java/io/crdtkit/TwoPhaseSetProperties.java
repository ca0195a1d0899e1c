package io.crdtkit;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * The merge laws for {@link TwoPhaseSet}, over histories of adds and removes (full and delta) of three elements.
 * A remove of an element this replica has not added is a no-op here, because {@link TwoPhaseSet#remove} rejects
 * it.
 */
class TwoPhaseSetProperties extends MergeLawProperties<TwoPhaseSet<String>> {

  @Override
  TwoPhaseSet<String> bottom() {
    return TwoPhaseSet.empty();
  }

  @Override
  TwoPhaseSet<String> rebuiltFromParts(TwoPhaseSet<String> state) {
    return TwoPhaseSet.of(state.addedElements(), state.removedElements());
  }

  @Override
  Arbitrary<Operation<TwoPhaseSet<String>>> operations() {
    Arbitrary<String> element = Arbitraries.of("x", "y", "z");
    return Arbitraries.oneOf(
        element.map(e -> new Operation<>("add " + e, (s, r) -> s.add(e), (s, r) -> s.deltaAdd(e))),
        element.map(e -> new Operation<>("remove " + e,
            (s, r) -> wasAdded(s, e) ? s.remove(e) : s,
            (s, r) -> wasAdded(s, e) ? s.deltaRemove(e) : s.bottom())));
  }

  /**
   * Whether {@code element} is in the added set. There is no accessor for it; but in the states a history
   * reaches (removes need a local add, merges exchange whole states) every removed element was also added.
   */
  private static boolean wasAdded(TwoPhaseSet<String> set, String element) {
    return set.value().contains(element) || set.isRemoved(element);
  }
}
