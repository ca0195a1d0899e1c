package io.crdtkit.laws.types;

import io.crdtkit.ORMap;
import io.crdtkit.ORSet;
import io.crdtkit.laws.CrdtDescription;
import io.crdtkit.laws.CrdtLawProperties;
import tools.jackson.core.type.TypeReference;

/** Every law of the kit, the round trip through crdt-jackson included, for {@link ORMap}. */
class ORMapOfSetsLaws extends CrdtLawProperties<ORMap<String, ORSet<String>>> {

  @Override
  protected CrdtDescription<ORMap<String, ORSet<String>>> description() {
    return CoreTypes.orMapOfSets().roundTrip(RoundTrips.jsonThenSmile(new TypeReference<ORMap<String, ORSet<String>>>() {}));
  }
}
