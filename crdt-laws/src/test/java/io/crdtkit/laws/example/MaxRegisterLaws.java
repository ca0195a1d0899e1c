package io.crdtkit.laws.example;

import io.crdtkit.laws.CrdtDescription;
import io.crdtkit.laws.CrdtLawProperties;
import net.jqwik.api.Arbitraries;

// tag::laws[]
/** Checks every law of the kit for {@link MaxRegister}: this is all a user writes. */
class MaxRegisterLaws extends CrdtLawProperties<MaxRegister> {

  @Override
  protected CrdtDescription<MaxRegister> description() {
    return CrdtDescription.of("MaxRegister", MaxRegister.empty())
        .operation("write", Arbitraries.longs().between(0, 9),
            (state, replica, n) -> state.write(n),
            (state, replica, n) -> state.deltaWrite(n))
        .value(MaxRegister::value);
  }
}
// end::laws[]
