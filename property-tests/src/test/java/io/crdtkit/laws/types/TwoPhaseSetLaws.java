package io.crdtkit.laws.types;

import io.crdtkit.TwoPhaseSet;
import io.crdtkit.laws.CrdtDescription;
import io.crdtkit.laws.CrdtLawProperties;

/** Every law of the kit for {@link TwoPhaseSet}. */
class TwoPhaseSetLaws extends CrdtLawProperties<TwoPhaseSet<String>> {

  @Override
  protected CrdtDescription<TwoPhaseSet<String>> description() {
    return CoreTypes.twoPhaseSet();
  }
}
