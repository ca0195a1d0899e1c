package io.crdtkit.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The report's exact counts, measured before JMH, at once on three threads: encoded sizes, heap footprints and GC
 * reclaim. They count bytes, not time, so sharing the cores changes none of their numbers, and on 2 cores running
 * them together about halves what was a third of quick mode's time (1:26, 1:52 and 1:49 one after the other, at a
 * load of 18). The cluster heal, which is timed, runs after them, alone.
 *
 * @param rows     the encoded size and heap rows, encoded sizes first
 * @param reclaims the GC reclaim of each churned type
 */
record Footprints(List<Row> rows, List<GcReclaim> reclaims) {

  /**
   * Measures every footprint of the fixtures of {@code large} elements, timed by {@code phases} as
   * {@code footprints} in all and {@code footprints: heap} and so on for each part.
   */
  static Footprints measure(int large, Phases phases) {
    return phases.time("footprints", () -> measureInParallel(large, phases));
  }

  private static Footprints measureInParallel(int large, Phases phases) {
    // JOL reads the VM's layout once; do it before three threads ask at the same time.
    HeapSize.of(new Object());
    // heap and encoded sizes on two threads of their own, GC reclaim on this one
    ExecutorService threads = Executors.newFixedThreadPool(2, task -> {
      Thread thread = new Thread(task, "footprints");
      thread.setDaemon(true);
      return thread;
    });
    try {
      Future<List<Row>> heap = threads.submit(
          () -> phases.time("footprints: heap", () -> HeapFootprints.measure(large, 64)));
      Future<List<Row>> encoded = threads.submit(
          () -> phases.time("footprints: encoded sizes", () -> encodedSizes(large)));
      List<GcReclaim> reclaims = phases.time("footprints: GC reclaim", () -> GcReclaims.measure(large));
      List<Row> rows = new ArrayList<>(encoded.get());
      rows.addAll(heap.get());
      return new Footprints(rows, reclaims);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while measuring footprints", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime
          : new IllegalStateException("a footprint measurement failed", e.getCause());
    } finally {
      threads.shutdownNow();
    }
  }

  private static List<Row> encodedSizes(int large) {
    List<Row> rows = new ArrayList<>();
    try (PekkoSerializer pekko = new PekkoSerializer()) {
      rows.addAll(EncodedSizes.measure(large, pekko));
      rows.addAll(EncodedSizes.deltaOfOneAdd(1000, pekko));
      if (large != 1000) {
        rows.addAll(EncodedSizes.deltaOfOneAdd(large, pekko));
      }
    }
    return rows;
  }
}
