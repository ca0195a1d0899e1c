package io.crdtkit;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** The merge and delta laws for {@link MVRegister}, with writes of three values. */
class MVRegisterProperties extends MergeLawProperties<MVRegister<String>> {

  @Override
  MVRegister<String> bottom() {
    return MVRegister.empty();
  }

  @Override
  MVRegister<String> rebuiltFromParts(MVRegister<String> state) {
    return MVRegister.of(state.writes(), state.context());
  }

  @Override
  Arbitrary<Operation<MVRegister<String>>> operations() {
    return Arbitraries.of("x", "y", "z")
        .map(v -> new Operation<>("write " + v, (s, r) -> s.write(r, v), (s, r) -> s.deltaWrite(r, v)));
  }
}
