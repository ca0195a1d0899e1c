package io.crdtkit.laws.types;

import io.crdtkit.ORSet;
import io.crdtkit.laws.CrdtDescription;
import io.crdtkit.laws.CrdtLawProperties;
import tools.jackson.core.type.TypeReference;

/** Every law of the kit, the round trip through crdt-jackson included, for {@link ORSet}. */
class ORSetLaws extends CrdtLawProperties<ORSet<String>> {

  @Override
  protected CrdtDescription<ORSet<String>> description() {
    return CoreTypes.orSet().roundTrip(RoundTrips.jsonThenSmile(new TypeReference<ORSet<String>>() {}));
  }
}
