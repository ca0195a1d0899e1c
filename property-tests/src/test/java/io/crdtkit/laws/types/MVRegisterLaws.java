package io.crdtkit.laws.types;

import io.crdtkit.MVRegister;
import io.crdtkit.laws.CrdtDescription;
import io.crdtkit.laws.CrdtLawProperties;

/** Every law of the kit for {@link MVRegister}. */
class MVRegisterLaws extends CrdtLawProperties<MVRegister<String>> {

  @Override
  protected CrdtDescription<MVRegister<String>> description() {
    return CoreTypes.mvRegister();
  }
}
