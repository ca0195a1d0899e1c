package io.crdtkit.laws.types;

import io.crdtkit.RWSet;
import io.crdtkit.laws.CrdtDescription;
import io.crdtkit.laws.CrdtLawProperties;

/** Every law of the kit for {@link RWSet}. */
class RWSetLaws extends CrdtLawProperties<RWSet<String>> {

  @Override
  protected CrdtDescription<RWSet<String>> description() {
    return CoreTypes.rwSet();
  }
}
