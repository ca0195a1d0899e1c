package io.crdtkit.laws.selftest;

import io.crdtkit.laws.CrdtDescription;
import io.crdtkit.laws.CrdtLawProperties;

/**
 * The kit's tests pointed at a merge that is not idempotent above a threshold, which breaks six laws. Not picked up
 * by the build's test patterns (it must fail); {@link CrdtLawPropertiesTest} runs it.
 */
class ThresholdMaxRegisterLawSuite extends CrdtLawProperties<PlantedCrdts.ThresholdMaxRegister> {

  @Override
  protected CrdtDescription<PlantedCrdts.ThresholdMaxRegister> description() {
    return PlantedCrdts.ThresholdMaxRegister.description();
  }
}
