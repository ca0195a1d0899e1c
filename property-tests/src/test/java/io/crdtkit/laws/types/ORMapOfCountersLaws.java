package io.crdtkit.laws.types;

import io.crdtkit.ORMap;
import io.crdtkit.PNCounter;
import io.crdtkit.laws.CrdtDescription;
import io.crdtkit.laws.CrdtLawProperties;

/** Every law of the kit for {@link ORMap}. */
class ORMapOfCountersLaws extends CrdtLawProperties<ORMap<String, PNCounter>> {

  @Override
  protected CrdtDescription<ORMap<String, PNCounter>> description() {
    return CoreTypes.orMapOfCounters();
  }
}
