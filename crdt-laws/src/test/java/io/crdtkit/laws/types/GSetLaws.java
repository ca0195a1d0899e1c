package io.crdtkit.laws.types;

import io.crdtkit.GSet;
import io.crdtkit.laws.CrdtDescription;
import io.crdtkit.laws.CrdtLawProperties;
import tools.jackson.core.type.TypeReference;

/** Every law of the kit, the round trip through crdt-jackson included, for {@link GSet}. */
class GSetLaws extends CrdtLawProperties<GSet<String>> {

  @Override
  protected CrdtDescription<GSet<String>> description() {
    return CoreTypes.gSet().roundTrip(RoundTrips.jsonThenSmile(new TypeReference<GSet<String>>() {}));
  }
}
