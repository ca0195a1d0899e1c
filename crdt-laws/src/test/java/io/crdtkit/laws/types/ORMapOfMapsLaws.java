package io.crdtkit.laws.types;

import io.crdtkit.MVRegister;
import io.crdtkit.ORMap;
import io.crdtkit.laws.CrdtDescription;
import io.crdtkit.laws.CrdtLawProperties;
import tools.jackson.core.type.TypeReference;

/**
 * Every law of the kit, the round trip through crdt-jackson included, for {@link ORMap}. Histories of up to 30 steps
 * rather than 40: an ORMap keeps every nested delta of a key under its own dot until crdt-gc collapses it, so a
 * nested map's updates cost more the more a key was updated (about 1 ms per update after 250 updates of one key),
 * and this suite took a minute of the build at 40 steps with repeated updates.
 */
class ORMapOfMapsLaws extends CrdtLawProperties<ORMap<String, ORMap<String, MVRegister<String>>>> {

  @Override
  protected CrdtDescription<ORMap<String, ORMap<String, MVRegister<String>>>> description() {
    return CoreTypes.orMapOfMaps().maxSteps(30)
        .roundTrip(RoundTrips.jsonThenSmile(new TypeReference<ORMap<String, ORMap<String, MVRegister<String>>>>() {}));
  }
}
