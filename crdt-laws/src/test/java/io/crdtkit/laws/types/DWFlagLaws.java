package io.crdtkit.laws.types;

import io.crdtkit.DWFlag;
import io.crdtkit.laws.CrdtDescription;
import io.crdtkit.laws.CrdtLawProperties;
import tools.jackson.core.type.TypeReference;

/** Every law of the kit, the round trip through crdt-jackson included, for {@link DWFlag}. */
class DWFlagLaws extends CrdtLawProperties<DWFlag> {

  @Override
  protected CrdtDescription<DWFlag> description() {
    return CoreTypes.dwFlag().roundTrip(RoundTrips.jsonThenSmile(new TypeReference<DWFlag>() {}));
  }
}
