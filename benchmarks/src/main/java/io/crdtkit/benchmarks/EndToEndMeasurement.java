package io.crdtkit.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The end-to-end benchmark (issue 20): the whole system, not only the data types. Three members of crdtkit (in-JVM
 * JGroups, and JGroups TCP on 127.0.0.1) and of Pekko Distributed Data (Artery TCP on 127.0.0.1), all in this JVM,
 * run the same workload ({@link EndToEndWorkload}): adds of strings to ORSets on a few keys, through each system's
 * ordinary write API, measuring
 *
 * <ul>
 *   <li><b>throughput</b>: updates per second accepted by the writer API, one writer, and one writer per member
 *       at once, each writing as fast as its API accepts a fixed number of updates;
 *   <li><b>time to visibility</b>: from an update's call on one member to its first sight on each other member (a
 *       change listener, a Replicator subscription), p50 and p99, with one writer paced at a fixed rate that both
 *       systems sustain, so that it measures the path, not a queue.
 * </ul>
 *
 * Every trial writes fresh keys, waits (with a deadline) until every update is seen on every other member, then
 * deletes its keys. The clusters of one tuning run side by side and take their trials in turn, so that a change in
 * the machine's load falls on all of them alike; each is started and closed here.
 */
final class EndToEndMeasurement {

  static final Duration CONVERGENCE_DEADLINE = Duration.ofSeconds(60);

  private final EndToEndWorkload workload;
  private final List<EndToEndSeries> series = new ArrayList<>();
  private int keyRound;

  private EndToEndMeasurement(EndToEndWorkload workload) {
    this.workload = workload;
  }

  /** Every case of the benchmark at {@code mode}'s size. */
  static EndToEndResults measure(RunMode mode) {
    return measure(EndToEndWorkload.of(mode), true);
  }

  /**
   * The cases: with default settings, crdtkit in-JVM, crdtkit over TCP and Pekko (throughput and visibility); then,
   * if {@code equalIntervals}, crdtkit over TCP and Pekko with their batching intervals set alike (visibility only).
   */
  static EndToEndResults measure(EndToEndWorkload workload, boolean equalIntervals) {
    EndToEndMeasurement measurement = new EndToEndMeasurement(workload);
    Map<String, Supplier<EndToEndCluster>> defaults = new LinkedHashMap<>();
    defaults.put("crdtkit-jvm", () -> CrdtkitCluster.inJvm(null));
    defaults.put("crdtkit-tcp", () -> CrdtkitCluster.tcp(null));
    defaults.put("pekko", () -> PekkoCluster.start(null, null));
    measurement.run("default", defaults, true);
    if (equalIntervals) {
      Duration interval = EndToEndWorkload.EQUAL_INTERVAL;
      Map<String, Supplier<EndToEndCluster>> tuned = new LinkedHashMap<>();
      tuned.put("crdtkit-tcp", () -> CrdtkitCluster.tcp(interval));
      tuned.put("pekko", () -> PekkoCluster.start(EndToEndWorkload.PEKKO_GOSSIP_FOR_EQUAL_INTERVAL,
          EndToEndWorkload.PEKKO_NOTIFY_FOR_EQUAL_INTERVAL));
      measurement.run("equal-intervals", tuned, false);
    }
    return new EndToEndResults(workload, measurement.series);
  }

  private void run(String tuning, Map<String, Supplier<EndToEndCluster>> starters, boolean throughput) {
    Map<String, EndToEndCluster> clusters = new LinkedHashMap<>();
    try {
      starters.forEach((name, starter) -> clusters.put(name, starter.get()));
      Map<String, Map<String, List<Double>>> figures = new LinkedHashMap<>();
      // Visibility first: a throughput trial leaves a system busy with what it sent (Pekko gossips whole states
      // after a burst), and that would be measured as the next update's path.
      rounds(clusters, figures, cluster -> visibility(cluster));
      if (throughput) {
        rounds(clusters, figures, cluster -> {
          Map<String, Double> trial = new LinkedHashMap<>(throughput(cluster, List.of(0), "one-writer"));
          trial.putAll(throughput(cluster, List.of(0, 1, 2), "writer-per-member"));
          return trial;
        });
      }
      figures.forEach((system, measures) -> measures.forEach((measure, values) -> series.add(new EndToEndSeries(
          system, clusters.get(system).describe(), measure, tuning,
          measure.startsWith("throughput") ? "updates/s" : "ms", values))));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted measuring end to end", e);
    } finally {
      clusters.values().forEach(EndToEndCluster::close);
    }
  }

  /** One trial of some measures on one cluster. */
  @FunctionalInterface
  private interface Trial {
    Map<String, Double> run(EndToEndCluster cluster) throws InterruptedException;
  }

  /** The warm-up rounds, then the counted ones; in each round every cluster takes the trial in turn. */
  private void rounds(Map<String, EndToEndCluster> clusters, Map<String, Map<String, List<Double>>> figures,
      Trial trial) throws InterruptedException {
    for (int round = -workload.warmupTrials(); round < workload.trials(); round++) {
      for (Map.Entry<String, EndToEndCluster> entry : clusters.entrySet()) {
        Map<String, Double> measured = trial.run(entry.getValue());
        if (round >= 0) {
          measured.forEach((measure, value) -> figures.computeIfAbsent(entry.getKey(), k -> new LinkedHashMap<>())
              .computeIfAbsent(measure, k -> new ArrayList<>()).add(value));
        }
      }
    }
  }

  /** Each writer adds its share as fast as its member's API takes it; the figure is all updates over the time. */
  private Map<String, Double> throughput(EndToEndCluster cluster, List<Integer> writers, String name)
      throws InterruptedException {
    int cap = workload.throughputCap();
    VisibilityLog log = new VisibilityLog(EndToEndCluster.MEMBERS, writers, workload.keys(), cap);
    try (EndToEndCluster.Keys keys = cluster.open(keyNames(), log)) {
      ExecutorService threads = Executors.newFixedThreadPool(writers.size());
      try {
        CountDownLatch start = new CountDownLatch(1);
        long duration = TimeUnit.MILLISECONDS.toNanos(workload.throughputMillis());
        // Written once the writers wait at the latch, so that their threads' start is not timed; the latch
        // publishes it to them.
        long[] began = new long[1];
        List<Future<Integer>> made = new ArrayList<>();
        for (int writer : writers) {
          made.add(threads.submit(() -> {
            start.await();
            int sequence = 0;
            // The clock is read every 64 updates: reading it costs about what a fast update does.
            while (sequence < cap && (sequence % 64 != 0 || System.nanoTime() - began[0] < duration)) {
              sequence = log.sending(writer);
              keys.add(writer, log.key(sequence), VisibilityLog.element(writer, sequence));
              sequence++;
            }
            keys.drain(writer, CONVERGENCE_DEADLINE);
            return sequence;
          }));
        }
        began[0] = System.nanoTime();
        start.countDown();
        int[] counts = new int[EndToEndCluster.MEMBERS];
        long total = 0;
        for (int i = 0; i < writers.size(); i++) {
          counts[writers.get(i)] = get(made.get(i));
          total += counts[writers.get(i)];
        }
        long ended = System.nanoTime();
        awaitSeen(cluster, log, counts);
        double seconds = (ended - began[0]) / 1e9;
        return Map.of(
            "throughput." + name, total / seconds,
            "all-seen-after-writers-stopped." + name, Math.max(0, log.lastSeen(counts) - ended) / 1e6);
      } finally {
        threads.shutdownNow();
      }
    }
  }

  /** One writer at a fixed rate; the figures are the percentiles of every update's time to each other member. */
  private Map<String, Double> visibility(EndToEndCluster cluster) throws InterruptedException {
    int updates = workload.pacedUpdates();
    VisibilityLog log = new VisibilityLog(EndToEndCluster.MEMBERS, List.of(0), workload.keys(), updates);
    try (EndToEndCluster.Keys keys = cluster.open(keyNames(), log)) {
      long period = TimeUnit.SECONDS.toNanos(1) / workload.pacedRate();
      long began = System.nanoTime();
      for (int i = 0; i < updates; i++) {
        long due = began + i * period;
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
          LockSupport.parkNanos(wait);
        }
        int sequence = log.sending(0);
        keys.add(0, log.key(sequence), VisibilityLog.element(0, sequence));
      }
      keys.drain(0, CONVERGENCE_DEADLINE);
      int[] counts = counts(List.of(0), updates);
      awaitSeen(cluster, log, counts);
      long[] sorted = log.visibilityNanos(counts);
      return Map.of(
          "visibility.p50", VisibilityLog.percentile(sorted, 50) / 1e6,
          "visibility.p99", VisibilityLog.percentile(sorted, 99) / 1e6);
    }
  }

  private static void awaitSeen(EndToEndCluster cluster, VisibilityLog log, int[] counts) {
    Deadlines.await("every update seen on every other member (" + cluster.describe() + ")", CONVERGENCE_DEADLINE,
        () -> log.allSeen(counts));
  }

  private static int[] counts(List<Integer> writers, int updates) {
    int[] counts = new int[EndToEndCluster.MEMBERS];
    writers.forEach(writer -> counts[writer] = updates);
    return counts;
  }

  private List<String> keyNames() {
    int round = keyRound++;
    List<String> names = new ArrayList<>();
    for (int key = 0; key < workload.keys(); key++) {
      names.add(String.format(Locale.ROOT, "e2e-%d-%d", round, key));
    }
    return names;
  }

  private static <T> T get(Future<T> future) throws InterruptedException {
    try {
      return future.get(CONVERGENCE_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("a writer failed: " + e.getCause(), e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("a writer did not finish within " + CONVERGENCE_DEADLINE, e);
    }
  }
}
