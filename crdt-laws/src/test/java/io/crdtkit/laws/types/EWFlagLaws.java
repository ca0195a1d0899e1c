package io.crdtkit.laws.types;

import io.crdtkit.EWFlag;
import io.crdtkit.laws.CrdtDescription;
import io.crdtkit.laws.CrdtLawProperties;
import tools.jackson.core.type.TypeReference;

/** Every law of the kit, the round trip through crdt-jackson included, for {@link EWFlag}. */
class EWFlagLaws extends CrdtLawProperties<EWFlag> {

  @Override
  protected CrdtDescription<EWFlag> description() {
    return CoreTypes.ewFlag().roundTrip(RoundTrips.jsonThenSmile(new TypeReference<EWFlag>() {}));
  }
}
