package io.crdtkit.examples;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Times the demos' steps, and waits for a condition with a deadline (polling, never a blind sleep). */
final class Stopwatch {

  private final Duration deadline;
  private long last = System.nanoTime();

  Stopwatch(Duration deadline) {
    this.deadline = deadline;
  }

  long lap() {
    long now = System.nanoTime();
    long millis = TimeUnit.NANOSECONDS.toMillis(now - last);
    last = now;
    return millis;
  }

  void await(BooleanSupplier condition) throws InterruptedException {
    long until = System.nanoTime() + deadline.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > until) {
        throw new IllegalStateException("the demo's cluster did not get there within " + deadline);
      }
      Thread.sleep(5); // polling a condition against a deadline
    }
  }
}
