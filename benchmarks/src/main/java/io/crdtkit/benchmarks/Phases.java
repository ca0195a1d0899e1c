package io.crdtkit.benchmarks;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Times the parts of a report run (encoded sizes, heap, GC reclaim, cluster heal, JMH), and says which one starts,
 * so that a long run shows where it is and the report shows what each part cost.
 */
final class Phases {

  /** One part of the run. */
  @FunctionalInterface
  interface Part<T, E extends Exception> {
    T run() throws E;
  }

  private final PrintStream out;
  private final Map<String, Duration> times = new LinkedHashMap<>();

  Phases(PrintStream out) {
    this.out = out;
  }

  /**
   * Runs {@code part}, announced on one line, and records how long it took under {@code name}. Parts may run on
   * several threads at once (see {@link Footprints}): each records its own time.
   */
  <T, E extends Exception> T time(String name, Part<T, E> part) throws E {
    synchronized (out) {
      out.println(name + "…");
      out.flush();
    }
    long start = System.nanoTime();
    try {
      return part.run();
    } finally {
      synchronized (times) {
        times.merge(name, Duration.ofNanos(System.nanoTime() - start), Duration::plus);
      }
    }
  }

  /** Each part's time, in the order they ran. */
  Map<String, Duration> times() {
    synchronized (times) {
      return new LinkedHashMap<>(times);
    }
  }
}
