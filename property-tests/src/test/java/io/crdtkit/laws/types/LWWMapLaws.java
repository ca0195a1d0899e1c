package io.crdtkit.laws.types;

import io.crdtkit.LWWMap;
import io.crdtkit.laws.CrdtDescription;
import io.crdtkit.laws.CrdtLawProperties;

/** Every law of the kit for {@link LWWMap}. */
class LWWMapLaws extends CrdtLawProperties<LWWMap<String, Integer>> {

  @Override
  protected CrdtDescription<LWWMap<String, Integer>> description() {
    return CoreTypes.lwwMap();
  }
}
