package io.crdtkit.laws.types;

import io.crdtkit.LWWRegister;
import io.crdtkit.laws.CrdtDescription;
import io.crdtkit.laws.CrdtLawProperties;

/** Every law of the kit for {@link LWWRegister}. */
class LWWRegisterLaws extends CrdtLawProperties<LWWRegister<String>> {

  @Override
  protected CrdtDescription<LWWRegister<String>> description() {
    return CoreTypes.lwwRegister();
  }
}
