package io.crdtkit.laws.types;

import io.crdtkit.DWFlag;
import io.crdtkit.laws.CrdtDescription;
import io.crdtkit.laws.CrdtLawProperties;

/** Every law of the kit for {@link DWFlag}. */
class DWFlagLaws extends CrdtLawProperties<DWFlag> {

  @Override
  protected CrdtDescription<DWFlag> description() {
    return CoreTypes.dwFlag();
  }
}
