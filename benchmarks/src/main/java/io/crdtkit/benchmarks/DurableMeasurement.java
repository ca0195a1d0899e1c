package io.crdtkit.benchmarks;

import io.crdtkit.GCounter;
import io.crdtkit.net.CrdtKey;
import io.crdtkit.net.CrdtKeyType;
import io.crdtkit.net.CrdtNode;
import io.crdtkit.net.DurableStart;
import io.crdtkit.net.JGroupsStack;
import io.crdtkit.store.Durability;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Issue 18's measurement of durable members: the update throughput and latency of each durability mode against an
 * in-memory node ({@link DurableUpdates}, JMH, with one and with four writers), the time a node takes to restart
 * from a directory of 100,000 keys, and the disk bytes per key, written to {@code results/DURABILITY.md}.
 *
 * <pre>{@code
 * ./mvnw -q -B -pl benchmarks -am package -DskipTests -Ddurability      # about 8 minutes
 * }</pre>
 */
public final class DurableMeasurement {

  private static final CrdtKeyType<GCounter> COUNTER = CrdtKeyType.of(GCounter.class, GCounter.empty());
  private static final String[] MODES = {"MEMORY", "ASYNC", "GROUP_COMMIT", "GROUP_COMMIT_W0", "SYNC"};

  private DurableMeasurement() {}

  public static void main(String[] args) throws Exception {
    Path results = Path.of(args.length > 0 ? args[0] : "results");
    String loadBefore = Machine.loadAverage();
    StringBuilder report = new StringBuilder("# Durable members (issue 18)\n\n");
    report.append("Command: `./mvnw -q -B -pl benchmarks -am package -DskipTests -Ddurability`. ")
        .append(Machine.describe()).append("; load average ").append(loadBefore).append(" at the start, ");

    List<String> rows = new ArrayList<>();
    for (int threads : new int[] {1, 4}) {
      Collection<RunResult> throughput = run("update.*", threads, org.openjdk.jmh.annotations.Mode.Throughput);
      Collection<RunResult> latency = run("update", threads, org.openjdk.jmh.annotations.Mode.SampleTime);
      double memory = score(throughput, "update", "MEMORY");
      for (String mode : MODES) {
        var stats = find(latency, "update", mode).getPrimaryResult().getStatistics();
        double ops = score(throughput, "update", mode);
        double error = find(throughput, "update", mode).getPrimaryResult().getScoreError();
        double returned = score(throughput, "updateReturned", mode);
        double returnedError = find(throughput, "updateReturned", mode).getPrimaryResult().getScoreError();
        rows.add(String.format(Locale.ROOT, "| %d | %s | %,.0f ± %,.0f | %.3fx | %,.1f | %,.1f | %,.0f ± %,.0f |",
            threads, mode, ops, error, ops / memory, stats.getPercentile(50) * 1000, stats.getPercentile(99) * 1000,
            returned, returnedError));
      }
    }
    report.append(Machine.loadAverage()).append(" at the end.\n\n");
    report.append("## Local updates, counted once as durable as the mode says\n\n")
        .append("`update(mutator, WriteConsistency.local())` completed; each writer updates a key of its own; a node "
            + "alone in an in-JVM cluster (`DurableUpdates`). JMH, 1 fork, 3 x 1 s warm-up, 5 x 2 s measured. "
            + "GROUP_COMMIT_W0 is GROUP_COMMIT with `groupCommitWindow(Duration.ZERO)`.\n\n")
        .append("The last column counts an update once `update()` returns instead (`updateReturned`): applied in "
            + "memory, on disk only under `SYNC`; under `GROUP_COMMIT` and `ASYNC` the writes queue behind it.\n\n")
        .append("| writers | mode | durable updates/s (99.9% error) | of in-memory | p50 latency µs | p99 latency µs "
            + "| updates/s once `update()` returns |\n")
        .append("|---|---|---|---|---|---|---|\n");
    rows.forEach(row -> report.append(row).append('\n'));
    report.append('\n').append(restoreOf(100_000)).append('\n').append(compactionOf(10_000, 200));
    Files.createDirectories(results);
    Files.writeString(results.resolve("DURABILITY.md"), report.toString());
    System.out.println(report);
  }

  private static Collection<RunResult> run(String methods, int threads, org.openjdk.jmh.annotations.Mode mode)
      throws Exception {
    ChainedOptionsBuilder options = new OptionsBuilder().include(DurableUpdates.class.getName() + "." + methods + "$")
        .mode(mode).timeUnit(mode == org.openjdk.jmh.annotations.Mode.Throughput ? TimeUnit.SECONDS
            : TimeUnit.MILLISECONDS)
        .threads(threads).forks(1).warmupIterations(3).warmupTime(TimeValue.seconds(1)).measurementIterations(5)
        .measurementTime(TimeValue.seconds(2)).jvmArgsAppend("-Xmx2g").shouldFailOnError(true);
    return new Runner(options.build()).run();
  }

  private static RunResult find(Collection<RunResult> results, String method, String mode) {
    return results.stream().filter(result -> result.getParams().getParam("mode").equals(mode)
            && result.getParams().getBenchmark().endsWith("." + method)).findFirst()
        .orElseThrow(() -> new IllegalStateException("no result for " + method + " in mode " + mode));
  }

  private static double score(Collection<RunResult> results, String method, String mode) {
    return find(results, method, mode).getPrimaryResult().getScore();
  }

  /** A node restarted from a directory of {@code keys} keys, each written once: the time to start, restored. */
  private static String restoreOf(int keys) throws Exception {
    Path directory = Files.createTempDirectory("crdtkit-restore");
    try {
      String cluster = "restore-" + UUID.randomUUID();
      Path store = directory.resolve("node");
      try (CrdtNode node = start(cluster, store, Durability.ASYNC)) {
        for (int i = 0; i < keys; i++) {
          node.replicated(CrdtKey.of("key-" + i, COUNTER)).update((counter, self) -> counter.deltaIncrement(self, 1));
        }
      }
      long bytes = size(store);
      long startedAt = System.nanoTime();
      long restored;
      try (CrdtNode node = start(cluster, store, Durability.ASYNC)) {
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt);
        if (node.durableStart() != DurableStart.RESTORED || node.stats().keys() != keys) {
          throw new IllegalStateException("restored " + node.stats().keys() + " keys of " + keys);
        }
        restored = millis;
      }
      return String.format(Locale.ROOT, "## Restart from disk%n%nA node whose directory holds %,d keys (a GCounter "
          + "each, written once) restarts in **%,d ms**, from `start()` until every key is back in memory (the "
          + "directory: %,d bytes, %,d bytes per key, before any compaction).%n", keys, restored, bytes, bytes / keys);
    } finally {
      deleteRecursively(directory);
    }
  }

  /** {@code keys} keys updated {@code updates} times each: the directory's bytes per key once compacted. */
  private static String compactionOf(int keys, int updates) throws Exception {
    Path directory = Files.createTempDirectory("crdtkit-compaction");
    try {
      Path store = directory.resolve("node");
      try (CrdtNode node = start("compaction-" + UUID.randomUUID(), store, Durability.ASYNC)) {
        for (int round = 0; round < updates; round++) {
          for (int i = 0; i < keys; i++) {
            node.replicated(CrdtKey.of("key-" + i, COUNTER)).update((counter, self) -> counter.deltaIncrement(self, 1));
          }
        }
        Thread.sleep(1_000);     // the report tick that writes the last snapshots (every 500 ms)
      }
      long closed = size(store);
      try (CrdtNode node = start("compaction-" + UUID.randomUUID(), store, Durability.ASYNC)) {
        node.stats();           // opening the store again lets RocksDB compact the files it closed with
      }
      long bytes = size(store);
      return String.format(Locale.ROOT, "## Compaction%n%n%,d keys updated %,d times each (%,d records written): "
          + "the directory holds %,d bytes per key when the node closes, and **%,d bytes per key** after a restart, "
          + "once RocksDB has compacted the files (a snapshot replaces every 64 records of a key; RocksDB drops what "
          + "the snapshots replaced when it compacts, in the background).%n", keys, updates, (long) keys * updates,
          closed / keys, bytes / keys);
    } finally {
      deleteRecursively(directory);
    }
  }

  private static CrdtNode start(String cluster, Path store, Durability durability) {
    return CrdtNode.builder(cluster).stack(JGroupsStack.inJvm()).durable(store, durability).types(COUNTER).start();
  }

  static long size(Path directory) throws IOException {
    try (Stream<Path> files = Files.walk(directory)) {
      return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
    }
  }

  static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.delete(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
