package io.crdtkit.laws.selftest;

import io.crdtkit.laws.CrdtDescription;
import io.crdtkit.laws.CrdtLawProperties;

/**
 * The kit's law tests pointed at a broken register. Not picked up by the build's test patterns (it must
 * fail); {@link CrdtLawPropertiesTest} runs it and checks how it fails.
 */
class FirstWinsRegisterLawSuite extends CrdtLawProperties<BrokenCrdts.FirstWinsRegister> {

  @Override
  protected CrdtDescription<BrokenCrdts.FirstWinsRegister> description() {
    return BrokenCrdts.FirstWinsRegister.description();
  }
}
