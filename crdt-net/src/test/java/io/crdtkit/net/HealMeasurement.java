package io.crdtkit.net;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The measurement, out of the default run (it takes minutes):
 * {@code ./mvnw -B verify -pl crdt-net -Pmeasure} runs 5 members with 10,000 and 100,000 keys at 1% divergence and
 * prints convergence time after the MergeView and bytes sent against the full-state size.
 */
class HealMeasurement {

  @Test
  void fiveMembersTenThousandKeys() {
    System.out.println("measure: " + HealScenario.run(5, 10_000, 0.01, Duration.ofMinutes(3)));
  }

  @Test
  void fiveMembersHundredThousandKeys() {
    System.out.println("measure: " + HealScenario.run(5, 100_000, 0.01, Duration.ofMinutes(5)));
  }
}
