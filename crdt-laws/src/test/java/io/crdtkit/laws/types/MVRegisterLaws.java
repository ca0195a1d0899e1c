package io.crdtkit.laws.types;

import io.crdtkit.MVRegister;
import io.crdtkit.laws.CrdtDescription;
import io.crdtkit.laws.CrdtLawProperties;
import tools.jackson.core.type.TypeReference;

/** Every law of the kit, the round trip through crdt-jackson included, for {@link MVRegister}. */
class MVRegisterLaws extends CrdtLawProperties<MVRegister<String>> {

  @Override
  protected CrdtDescription<MVRegister<String>> description() {
    return CoreTypes.mvRegister().roundTrip(RoundTrips.jsonThenSmile(new TypeReference<MVRegister<String>>() {}));
  }
}
