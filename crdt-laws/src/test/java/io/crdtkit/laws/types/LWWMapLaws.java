package io.crdtkit.laws.types;

import io.crdtkit.LWWMap;
import io.crdtkit.laws.CrdtDescription;
import io.crdtkit.laws.CrdtLawProperties;
import tools.jackson.core.type.TypeReference;

/** Every law of the kit, the round trip through crdt-jackson included, for {@link LWWMap}. */
class LWWMapLaws extends CrdtLawProperties<LWWMap<String, Integer>> {

  @Override
  protected CrdtDescription<LWWMap<String, Integer>> description() {
    return CoreTypes.lwwMap().roundTrip(RoundTrips.jsonThenSmile(new TypeReference<LWWMap<String, Integer>>() {}));
  }
}
