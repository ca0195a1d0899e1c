package io.crdtkit.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Anti-entropy sends what differs, not everything: a small version of the heal measurement (NET.md). */
class AntiEntropyTest {

  @Test
  void healingOnePercentOfTwoThousandKeysCostsAFractionOfTheFullState() {
    HealScenario.Result result = HealScenario.run(5, 2_000, 0.01, Duration.ofSeconds(30));
    System.out.println("heal: " + result);
    assertThat(result.convergedAfterMergeMillis()).isLessThan(10_000);
    assertThat(result.bytesPercentOfFullState()).isLessThan(25);
  }
}
