package io.crdtkit.benchmarks;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;

/**
 * Waiting for a condition with a deadline in the end-to-end benchmark (Awaitility, polled every millisecond: the
 * measured times come from the members' callbacks, never from this poll). A failure names what was awaited.
 */
final class Deadlines {

  private static final Duration POLL = Duration.ofMillis(1);

  private Deadlines() {}

  static void await(String what, Duration deadline, BooleanSupplier condition) {
    Awaitility.await(what).atMost(deadline).pollDelay(Duration.ZERO).pollInterval(POLL)
        .until(condition::getAsBoolean);
  }
}
