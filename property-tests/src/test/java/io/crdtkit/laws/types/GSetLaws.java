package io.crdtkit.laws.types;

import io.crdtkit.GSet;
import io.crdtkit.laws.CrdtDescription;
import io.crdtkit.laws.CrdtLawProperties;

/** Every law of the kit for {@link GSet}. */
class GSetLaws extends CrdtLawProperties<GSet<String>> {

  @Override
  protected CrdtDescription<GSet<String>> description() {
    return CoreTypes.gSet();
  }
}
