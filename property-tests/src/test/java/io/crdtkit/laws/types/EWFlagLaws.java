package io.crdtkit.laws.types;

import io.crdtkit.EWFlag;
import io.crdtkit.laws.CrdtDescription;
import io.crdtkit.laws.CrdtLawProperties;

/** Every law of the kit for {@link EWFlag}. */
class EWFlagLaws extends CrdtLawProperties<EWFlag> {

  @Override
  protected CrdtDescription<EWFlag> description() {
    return CoreTypes.ewFlag();
  }
}
