package io.crdtkit.laws.types;

import io.crdtkit.LWWRegister;
import io.crdtkit.laws.CrdtDescription;
import io.crdtkit.laws.CrdtLawProperties;
import tools.jackson.core.type.TypeReference;

/** Every law of the kit, the round trip through crdt-jackson included, for {@link LWWRegister}. */
class LWWRegisterLaws extends CrdtLawProperties<LWWRegister<String>> {

  @Override
  protected CrdtDescription<LWWRegister<String>> description() {
    return CoreTypes.lwwRegister().roundTrip(RoundTrips.jsonThenSmile(new TypeReference<LWWRegister<String>>() {}));
  }
}
