package io.crdtkit.laws.types;

import io.crdtkit.ORMap;
import io.crdtkit.PNCounter;
import io.crdtkit.laws.CrdtDescription;
import io.crdtkit.laws.CrdtLawProperties;
import tools.jackson.core.type.TypeReference;

/** Every law of the kit, the round trip through crdt-jackson included, for {@link ORMap}. */
class ORMapOfCountersLaws extends CrdtLawProperties<ORMap<String, PNCounter>> {

  @Override
  protected CrdtDescription<ORMap<String, PNCounter>> description() {
    return CoreTypes.orMapOfCounters().roundTrip(RoundTrips.jsonThenSmile(new TypeReference<ORMap<String, PNCounter>>() {}));
  }
}
