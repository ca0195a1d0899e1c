package io.crdtkit.laws.types;

import io.crdtkit.PNCounter;
import io.crdtkit.laws.CrdtDescription;
import io.crdtkit.laws.CrdtLawProperties;
import tools.jackson.core.type.TypeReference;

/** Every law of the kit, the round trip through crdt-jackson included, for {@link PNCounter}. */
class PNCounterLaws extends CrdtLawProperties<PNCounter> {

  @Override
  protected CrdtDescription<PNCounter> description() {
    return CoreTypes.pnCounter().roundTrip(RoundTrips.jsonThenSmile(new TypeReference<PNCounter>() {}));
  }
}
