package io.crdtkit.benchmarks;

import io.crdtkit.net.HealScenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;

/**
 * The report command: measures the footprints (encoded sizes, heap, GC reclaim), a cluster heal and the end-to-end
 * comparison of three-member clusters with Pekko's ({@link EndToEndMeasurement}), runs every JMH
 * benchmark of this module in forked JVMs, holds the numbers against the targets (PERFORMANCE.md), and writes
 * {@code results.json} and {@code RESULTS.md}.
 *
 * <pre>{@code
 * ./mvnw -q -B -pl benchmarks -am package -DskipTests -Dbench=quick     # or full; see the README
 * java -cp ... io.crdtkit.benchmarks.BenchmarkReport quick benchmarks/results [include-regex]
 * }</pre>
 */
public final class BenchmarkReport {

  /** Every benchmark of this module. */
  static final String ALL = "io\\.crdtkit\\.benchmarks\\..*Benchmark\\.";

  private BenchmarkReport() {}

  /** Arguments: the mode (quick, full, smoke), the results directory, and optionally a benchmark regex. */
  public static void main(String[] args) throws Exception {
    RunMode mode = RunMode.parse(args.length > 0 ? args[0] : "quick");
    Path directory = Path.of(args.length > 1 ? args[1] : "results");
    String include = args.length > 2 ? args[2] : ALL;
    Summary summary = run(mode, directory, include);
    System.out.println();
    System.out.println("Wrote " + summary.markdown() + " and " + summary.json() + ": " + summary.rows()
        + " rows; targets " + Targets.tally(summary.checks()));
  }

  /** What one run wrote. */
  record Summary(Path markdown, Path json, int rows, List<TargetCheck> checks) {}

  static Summary run(RunMode mode, Path directory, String include) throws IOException, RunnerException {
    String loadAtStart = Machine.loadAverage();
    int large = mode.largeSize;

    List<Row> footprints = new ArrayList<>();
    try (PekkoSerializer pekko = new PekkoSerializer()) {
      footprints.addAll(EncodedSizes.measure(large, pekko));
      footprints.addAll(EncodedSizes.deltaOfOneAdd(1000, pekko));
      if (large != 1000) {
        footprints.addAll(EncodedSizes.deltaOfOneAdd(large, pekko));
      }
    }
    footprints.addAll(HeapFootprints.measure(large, 64));
    List<GcReclaim> reclaims = GcReclaims.measure(large);
    List<HealScenario.Result> heals = ClusterHeals.measure(mode);
    EndToEndResults endToEnd = EndToEndMeasurement.measure(mode);

    Collection<RunResult> raw = new Runner(mode.options(include).build()).run();
    List<Row> timings = JmhRows.from(raw);
    String loadAtEnd = Machine.loadAverage();

    List<Row> all = new ArrayList<>(timings);
    all.addAll(footprints);
    List<TargetCheck> checks = new ArrayList<>(Targets.check(all, reclaims, heals, large));
    checks.addAll(EndToEndSection.checks(endToEnd));
    RunInfo run = new RunInfo(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), mode, Machine.describe(),
        jmhVersion(),
        loadAtStart, loadAtEnd);

    Files.createDirectories(directory);
    Path markdown = directory.resolve("RESULTS.md");
    Path json = directory.resolve("results.json");
    Files.writeString(markdown, Report.markdown(run, timings, footprints, reclaims, heals, checks)
        + EndToEndSection.markdown(endToEnd));
    Files.writeString(json, ResultsJson.write(run, timings, footprints, reclaims, heals, checks, raw, endToEnd));
    return new Summary(markdown, json, all.size(), checks);
  }

  private static String jmhVersion() {
    Package jmh = Runner.class.getPackage();
    return jmh.getImplementationVersion() == null ? "1.37" : jmh.getImplementationVersion();
  }
}
