package io.crdtkit.laws.types;

import io.crdtkit.RWSet;
import io.crdtkit.laws.CrdtDescription;
import io.crdtkit.laws.CrdtLawProperties;
import tools.jackson.core.type.TypeReference;

/** Every law of the kit, the round trip through crdt-jackson included, for {@link RWSet}. */
class RWSetLaws extends CrdtLawProperties<RWSet<String>> {

  @Override
  protected CrdtDescription<RWSet<String>> description() {
    return CoreTypes.rwSet().roundTrip(RoundTrips.jsonThenSmile(new TypeReference<RWSet<String>>() {}));
  }
}
