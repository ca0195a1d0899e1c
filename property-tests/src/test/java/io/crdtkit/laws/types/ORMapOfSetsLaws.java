package io.crdtkit.laws.types;

import io.crdtkit.ORMap;
import io.crdtkit.ORSet;
import io.crdtkit.laws.CrdtDescription;
import io.crdtkit.laws.CrdtLawProperties;

/** Every law of the kit for {@link ORMap}. */
class ORMapOfSetsLaws extends CrdtLawProperties<ORMap<String, ORSet<String>>> {

  @Override
  protected CrdtDescription<ORMap<String, ORSet<String>>> description() {
    return CoreTypes.orMapOfSets();
  }
}
