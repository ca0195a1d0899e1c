package io.crdtkit.laws.types;

import io.crdtkit.GCounter;
import io.crdtkit.laws.CrdtDescription;
import io.crdtkit.laws.CrdtLawProperties;
import tools.jackson.core.type.TypeReference;

/** Every law of the kit, the round trip through crdt-jackson included, for {@link GCounter}. */
class GCounterLaws extends CrdtLawProperties<GCounter> {

  @Override
  protected CrdtDescription<GCounter> description() {
    return CoreTypes.gCounter().roundTrip(RoundTrips.jsonThenSmile(new TypeReference<GCounter>() {}));
  }
}
