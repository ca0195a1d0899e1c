package io.crdtkit.benchmarks;

import io.crdtkit.net.HealScenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;

/**
 * The report command: measures the footprints (encoded sizes, heap, GC reclaim), cluster heals and the end-to-end
 * comparison of three-member clusters with Pekko's ({@link EndToEndMeasurement}), runs every JMH benchmark of this
 * module in forked JVMs, holds the numbers against the targets (PERFORMANCE.md), fits how cost grows with size
 * ({@link GrowthCurves}, a second JMH run for the sizes the first lacks), and writes {@code results.json},
 * {@code RESULTS.md} and the growth charts ({@code growth-*.svg}). The load is sampled and each part timed
 * throughout ({@link LoadSampler}, {@link Phases}).
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
    ClusterHeals.Measured healed;
    List<RunResult> raw = new ArrayList<>();
    List<RunResult> curveRuns = new ArrayList<>();
    Progress progress;
    EndToEndResults endToEnd;
    List<LoadSample> samples;
    try (LoadSampler sampler = LoadSampler.start(LoadSampler.PERIOD)) {
      Footprints measured = Footprints.measure(large, phases);
      footprints.addAll(measured.rows());
      reclaims = measured.reclaims();
      healed = phases.time("cluster heal", () -> ClusterHeals.measure(mode));
      endToEnd = phases.time("end to end", () -> EndToEndMeasurement.measure(mode));

      // the main run, the update path's own run (quick mode and the smoke pass: a few cases), then the growth
      // curves' sizes the main run lacks: one plan and one progress line for all of them
      Options options = mode.options(include).exclude(UpdatePathRuns.BENCHMARK).build();
      Optional<Options> updatePath = UpdatePathRuns.separate(mode, include);
      List<Options> curves = GrowthCurves.runs(mode, include);
      RunPlan plan = RunPlan.of(mode, options);
      int benchmarks = plan.benchmarks();
      for (Options run : updatePath.map(List::of).orElse(List.of())) {
        benchmarks += RunPlan.of(mode, run).benchmarks();
      }
      for (Options run : curves) {
        benchmarks += RunPlan.of(mode, run).benchmarks();
      }
      long nominal = plan.nominalMillis();
      progress = new Progress(System.out, System.err, Progress.stdoutIsTerminal(), benchmarks, nominal);
      System.out.println("JMH: " + benchmarks + " benchmarks, about " + Progress.clock(benchmarks * nominal));
      Duration projected = Duration.ofNanos(System.nanoTime() - started).plusMillis(benchmarks * nominal)
          .plus(beforeReport == null ? Duration.ZERO : beforeReport);
      if (mode.budget() != null && projected.compareTo(mode.budget()) > 0) {
        System.out.println("This run will take about " + Progress.clock(projected.toMillis()) + ", over "
            + mode.name().toLowerCase(java.util.Locale.ROOT) + " mode's budget of "
            + Progress.clock(mode.budget().toMillis()) + ": the machine is busy (see the report's load).");
      }
      Progress shown = progress;
      raw.addAll(phases.time("JMH", () -> new Runner(options, shown).run()));
      if (updatePath.isPresent()) {
        raw.addAll(phases.time("update path JMH", () -> new Runner(updatePath.get(), shown).run()));
      }
      for (Options run : curves) {
        curveRuns.addAll(phases.time("growth curves JMH", () -> new Runner(run, shown).run()));
      }
      sampler.close();
      samples = sampler.samples();
    }
    // the curve runs' scores go to the curves and the raw list, not to the time tables or the targets
    List<Row> timings = JmhRows.from(raw);
    List<RunResult> everyRun = new ArrayList<>(raw);
    everyRun.addAll(curveRuns);
    List<HealScenario.Result> heals = healed.results();
    String loadAtEnd = Machine.loadAverage();

    List<Row> all = new ArrayList<>(timings);
    all.addAll(footprints);
    List<TargetCheck> checks = new ArrayList<>(Targets.check(all, reclaims, healed.targetCases(), large));
    List<UpdatePathSection.Measured> updates = UpdatePathSection.from(raw);
    checks.addAll(UpdatePathSection.checks(updates));
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
    List<GrowthCurve> curves = GrowthCurves.from(everyRun, heals, GrowthCurves.caption(run));
    GrowthReport.writeCharts(curves, directory);
    Files.writeString(markdown, Report.markdown(run, timings, footprints, reclaims, heals, checks)
        + UpdatePathSection.markdown(updates) + EndToEndSection.markdown(endToEnd)
        + GrowthReport.markdown(curves, healed.skipped()));
    Files.writeString(json, GrowthReport.addToJson(
        ResultsJson.write(run, timings, footprints, reclaims, heals, checks, everyRun, updates, endToEnd), curves,
        healed.skipped()));
    return new Summary(markdown, json, all.size(), checks, conditions);
  }

  private static String jmhVersion() {
    Package jmh = Runner.class.getPackage();
    return jmh.getImplementationVersion() == null ? "1.37" : jmh.getImplementationVersion();
  }
}
