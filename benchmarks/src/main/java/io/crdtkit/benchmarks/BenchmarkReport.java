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
 * The report command: measures the footprints (encoded sizes, heap, GC reclaim) and cluster heals, runs every JMH
 * benchmark of this module in forked JVMs, holds the numbers against the targets (PERFORMANCE.md), fits how cost
 * grows with size ({@link GrowthCurves}), and writes {@code results.json}, {@code RESULTS.md} and the growth charts
 * ({@code growth-*.svg}).
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
    ClusterHeals.Measured healed = ClusterHeals.measure(mode);
    List<HealScenario.Result> heals = healed.results();

    Collection<RunResult> raw = new Runner(mode.options(include).build()).run();
    List<Row> timings = JmhRows.from(raw);
    // the sizes the main run lacks, for the growth curves; their scores go to the curves, not the tables
    List<RunResult> everyRun = new ArrayList<>(raw);
    everyRun.addAll(GrowthCurves.measure(mode, include));
    String loadAtEnd = Machine.loadAverage();

    List<Row> all = new ArrayList<>(timings);
    all.addAll(footprints);
    List<TargetCheck> checks = Targets.check(all, reclaims, healed.targetCases(), large);
    RunInfo run = new RunInfo(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), mode, Machine.describe(),
        jmhVersion(),
        loadAtStart, loadAtEnd);

    Files.createDirectories(directory);
    Path markdown = directory.resolve("RESULTS.md");
    Path json = directory.resolve("results.json");
    List<GrowthCurve> curves = GrowthCurves.from(everyRun, heals, GrowthCurves.caption(run));
    GrowthReport.writeCharts(curves, directory);
    Files.writeString(markdown, Report.markdown(run, timings, footprints, reclaims, heals, checks)
        + GrowthReport.markdown(curves, healed.skipped()));
    Files.writeString(json, GrowthReport.addToJson(
        ResultsJson.write(run, timings, footprints, reclaims, heals, checks, everyRun), curves, healed.skipped()));
    return new Summary(markdown, json, all.size(), checks);
  }

  private static String jmhVersion() {
    Package jmh = Runner.class.getPackage();
    return jmh.getImplementationVersion() == null ? "1.37" : jmh.getImplementationVersion();
  }
}
