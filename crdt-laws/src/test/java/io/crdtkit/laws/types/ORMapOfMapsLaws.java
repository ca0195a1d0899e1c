package io.crdtkit.laws.types;

import io.crdtkit.MVRegister;
import io.crdtkit.ORMap;
import io.crdtkit.laws.CrdtDescription;
import io.crdtkit.laws.CrdtLawProperties;
import tools.jackson.core.type.TypeReference;

/** Every law of the kit, the round trip through crdt-jackson included, for {@link ORMap}. */
class ORMapOfMapsLaws extends CrdtLawProperties<ORMap<String, ORMap<String, MVRegister<String>>>> {

  @Override
  protected CrdtDescription<ORMap<String, ORMap<String, MVRegister<String>>>> description() {
    return CoreTypes.orMapOfMaps().roundTrip(RoundTrips.jsonThenSmile(new TypeReference<ORMap<String, ORMap<String, MVRegister<String>>>>() {}));
  }
}
