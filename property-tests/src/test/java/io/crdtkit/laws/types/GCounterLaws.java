package io.crdtkit.laws.types;

import io.crdtkit.GCounter;
import io.crdtkit.laws.CrdtDescription;
import io.crdtkit.laws.CrdtLawProperties;

/** Every law of the kit for {@link GCounter}. */
class GCounterLaws extends CrdtLawProperties<GCounter> {

  @Override
  protected CrdtDescription<GCounter> description() {
    return CoreTypes.gCounter();
  }
}
