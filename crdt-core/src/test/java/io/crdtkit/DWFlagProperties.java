package io.crdtkit;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** The merge laws for {@link DWFlag}, over histories of enables and disables (full and delta). */
class DWFlagProperties extends MergeLawProperties<DWFlag> {

  @Override
  DWFlag bottom() {
    return DWFlag.empty();
  }

  @Override
  DWFlag rebuiltFromParts(DWFlag state) {
    return DWFlag.of(state.enableDots(), state.disableDots(), state.context());
  }

  @Override
  Arbitrary<Operation<DWFlag>> operations() {
    return Arbitraries.of(
        new Operation<>("enable", DWFlag::enable, DWFlag::deltaEnable),
        new Operation<>("disable", DWFlag::disable, DWFlag::deltaDisable));
  }
}
