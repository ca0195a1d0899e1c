package io.crdtkit;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** The merge laws for {@link EWFlag}, over histories of enables and disables (full and delta). */
class EWFlagProperties extends MergeLawProperties<EWFlag> {

  @Override
  EWFlag bottom() {
    return EWFlag.empty();
  }

  @Override
  EWFlag rebuiltFromParts(EWFlag state) {
    return EWFlag.of(state.dots(), state.context());
  }

  @Override
  Arbitrary<Operation<EWFlag>> operations() {
    return Arbitraries.of(
        new Operation<>("enable", EWFlag::enable, EWFlag::deltaEnable),
        new Operation<>("disable", EWFlag::disable, EWFlag::deltaDisable));
  }
}
