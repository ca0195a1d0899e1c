package io.crdtkit.benchmarks;

import io.crdtkit.net.HealScenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;

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
    System.out.println(Report.timeLine(mode, summary.conditions()));
  }

  /** What one run wrote. */
  record Summary(Path markdown, Path json, int rows, List<TargetCheck> checks, RunConditions conditions) {}

  static Summary run(RunMode mode, Path directory, String include) throws IOException, RunnerException {
    long started = System.nanoTime();
    Optional<Instant> commandStart = RunConditions.commandStart();
    Duration beforeReport = commandStart.map(start -> Duration.between(start, Instant.now())).orElse(null);
    String loadAtStart = Machine.loadAverage();
    int large = mode.largeSize;
    Phases phases = new Phases(System.out);
    int cores = Runtime.getRuntime().availableProcessors();

    List<Row> footprints = new ArrayList<>();
    List<GcReclaim> reclaims;
    List<HealScenario.Result> heals;
    Collection<RunResult> raw;
    Progress progress;
    EndToEndResults endToEnd;
    List<LoadSample> samples;
    try (LoadSampler sampler = LoadSampler.start(LoadSampler.PERIOD)) {
      Footprints measured = Footprints.measure(large, phases);
      footprints.addAll(measured.rows());
      reclaims = measured.reclaims();
      heals = phases.time("cluster heal", () -> ClusterHeals.measure(mode));
      endToEnd = phases.time("end to end", () -> EndToEndMeasurement.measure(mode));

      Options options = mode.options(include).build();
      RunPlan plan = RunPlan.of(mode, options);
      progress = new Progress(System.out, System.err, Progress.stdoutIsTerminal(), plan.benchmarks(),
          plan.nominalMillis());
      System.out.println("JMH: " + plan.benchmarks() + " benchmarks, about " + Progress.clock(plan.totalMillis()));
      Duration projected = Duration.ofNanos(System.nanoTime() - started).plusMillis(plan.totalMillis())
          .plus(beforeReport == null ? Duration.ZERO : beforeReport);
      if (mode.budget() != null && projected.compareTo(mode.budget()) > 0) {
        System.out.println("This run will take about " + Progress.clock(projected.toMillis()) + ", over "
            + mode.name().toLowerCase(java.util.Locale.ROOT) + " mode's budget of "
            + Progress.clock(mode.budget().toMillis()) + ": the machine is busy (see the report's load).");
      }
      raw = phases.time("JMH", () -> new Runner(options, progress).run());
      sampler.close();
      samples = sampler.samples();
    }
    List<Row> timings = JmhRows.from(raw);
    String loadAtEnd = Machine.loadAverage();

    List<Row> all = new ArrayList<>(timings);
    all.addAll(footprints);
    List<TargetCheck> checks = new ArrayList<>(Targets.check(all, reclaims, heals, large));
    checks.addAll(EndToEndSection.checks(endToEnd));
    RunConditions conditions = new RunConditions(LoadSummary.of(samples, cores),
        RowLoads.of(progress.runs(), samples, cores), phases.times(), progress.runs(),
        Duration.ofNanos(System.nanoTime() - started), beforeReport);
    RunInfo run = new RunInfo(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), mode, Machine.describe(),
        jmhVersion(),
        loadAtStart, loadAtEnd, conditions);

    Files.createDirectories(directory);
    Path markdown = directory.resolve("RESULTS.md");
    Path json = directory.resolve("results.json");
    Files.writeString(markdown, Report.markdown(run, timings, footprints, reclaims, heals, checks)
        + EndToEndSection.markdown(endToEnd));
    Files.writeString(json, ResultsJson.write(run, timings, footprints, reclaims, heals, checks, raw, endToEnd));
    return new Summary(markdown, json, all.size(), checks, conditions);
  }

  private static String jmhVersion() {
    Package jmh = Runner.class.getPackage();
    return jmh.getImplementationVersion() == null ? "1.37" : jmh.getImplementationVersion();
  }
}
