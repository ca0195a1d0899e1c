package io.crdtkit.laws;

import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.MethodLifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/** Skips the round-trip property, visibly, for a type described without a round trip. */
final class SkipWithoutRoundTrip implements SkipExecutionHook {

  @Override
  public SkipResult shouldBeSkipped(LifecycleContext context) {
    if (context instanceof MethodLifecycleContext method
        && method.testInstance() instanceof CrdtLawProperties<?> properties
        && properties.description().roundTrip() == null) {
      return SkipResult.skip(properties.description().name() + " describes no round trip (see roundTrip(...))");
    }
    return SkipResult.doNotSkip();
  }
}
