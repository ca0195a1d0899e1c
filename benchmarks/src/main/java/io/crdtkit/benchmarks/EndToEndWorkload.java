package io.crdtkit.benchmarks;

import java.time.Duration;

/**
 * The end-to-end workload and its size: adds of distinct strings to {@code keys} ORSets, update {@code i} of a
 * writer going to key {@code i % keys}, the same on crdtkit and Pekko.
 *
 * @param keys              how many keys (sets) the updates spread over
 * @param warmupTrials      rounds run first and not counted (JIT, connections, the Replicators' view of the members)
 * @param trials            rounds counted: each system's figure is the mean over them, with a 95% interval
 * @param throughputMillis  how long each writer writes as fast as it can in a throughput trial
 * @param throughputCap     the most updates a writer makes in one: a fast writer stops there first. It keeps a
 *                          trial's burst within what Pekko propagates as deltas (a delta past Artery's 256 KiB frame
 *                          is dropped, and the burst then travels by full-state gossip every 2 s, which made one
 *                          quick trial take 17 s); its throughput is still updates over time
 * @param pacedRate         updates per second of the one writer in a visibility trial
 * @param pacedUpdates      updates of that writer per visibility trial
 */
record EndToEndWorkload(int keys, int warmupTrials, int trials, int throughputMillis, int throughputCap, int pacedRate,
    int pacedUpdates) {

  /**
   * The batching interval both systems get in the second set of visibility rows: crdtkit's flush delay, and Pekko's
   * delta propagation interval, which is a fifth of its gossip interval but never under 200 ms.
   */
  static final Duration EQUAL_INTERVAL = Duration.ofMillis(200);
  static final Duration PEKKO_GOSSIP_FOR_EQUAL_INTERVAL = Duration.ofSeconds(1);
  /** Pekko tells subscribers of changes in batches; crdt-net calls its listeners at each merge. */
  static final Duration PEKKO_NOTIFY_FOR_EQUAL_INTERVAL = Duration.ofMillis(5);

  /** Smoke: tiny, so that CI sees it run; quick: under a minute in all; full: a few minutes. */
  static EndToEndWorkload of(RunMode mode) {
    return switch (mode) {
      case SMOKE -> new EndToEndWorkload(8, 0, 1, 50, 1_000, 1_000, 50);
      case QUICK -> new EndToEndWorkload(8, 1, 3, 200, 5_000, 1_000, 500);
      case FULL -> new EndToEndWorkload(8, 2, 10, 2_000, 20_000, 1_000, 5_000);
    };
  }

  String describe() {
    return String.format(java.util.Locale.ROOT, "ORSet<String> adds on %d keys; throughput: each writer adds for "
            + "%s ms or %s adds per trial, whichever comes first; visibility: one writer at %s adds/s, %s adds per "
            + "trial; %d warm-up round(s), %d counted", keys, Report.count(throughputMillis, ""),
        Report.count(throughputCap, ""), Report.count(pacedRate, ""), Report.count(pacedUpdates, ""), warmupTrials,
        trials);
  }
}
