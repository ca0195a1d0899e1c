package io.crdtkit.laws.types;

import io.crdtkit.PNCounter;
import io.crdtkit.laws.CrdtDescription;
import io.crdtkit.laws.CrdtLawProperties;

/** Every law of the kit for {@link PNCounter}. */
class PNCounterLaws extends CrdtLawProperties<PNCounter> {

  @Override
  protected CrdtDescription<PNCounter> description() {
    return CoreTypes.pnCounter();
  }
}
