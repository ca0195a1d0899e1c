package io.crdtkit.laws.types;

import io.crdtkit.ORSet;
import io.crdtkit.laws.CrdtDescription;
import io.crdtkit.laws.CrdtLawProperties;

/** Every law of the kit for {@link ORSet}. */
class ORSetLaws extends CrdtLawProperties<ORSet<String>> {

  @Override
  protected CrdtDescription<ORSet<String>> description() {
    return CoreTypes.orSet();
  }
}
