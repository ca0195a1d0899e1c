package io.crdtkit.laws.types;

import io.crdtkit.TwoPhaseSet;
import io.crdtkit.laws.CrdtDescription;
import io.crdtkit.laws.CrdtLawProperties;
import tools.jackson.core.type.TypeReference;

/** Every law of the kit, the round trip through crdt-jackson included, for {@link TwoPhaseSet}. */
class TwoPhaseSetLaws extends CrdtLawProperties<TwoPhaseSet<String>> {

  @Override
  protected CrdtDescription<TwoPhaseSet<String>> description() {
    return CoreTypes.twoPhaseSet().roundTrip(RoundTrips.jsonThenSmile(new TypeReference<TwoPhaseSet<String>>() {}));
  }
}
