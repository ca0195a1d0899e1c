package io.crdtkit.benchmarks;

import io.crdtkit.net.HealScenario;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code results.json}: the report's numbers for the docs site's charts (rows keyed by stable ids, ratios with
 * errors, verdicts), and every raw JMH score with its per-iteration samples. Unknown errors are {@code null}.
 */
final class ResultsJson {

  private ResultsJson() {}

  static String write(RunInfo run, List<Row> timings, List<Row> footprints, List<GcReclaim> reclaims,
      List<HealScenario.Result> heals, List<TargetCheck> checks, Collection<RunResult> raw,
      List<UpdatePathSection.Measured> updatePath, EndToEndResults endToEnd) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("generated", run.generated());
    root.put("command", Report.COMMAND + run.mode().name().toLowerCase(Locale.ROOT));
    root.put("mode", run.mode().name().toLowerCase(Locale.ROOT));
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("jmh", run.jmhVersion());
    settings.put("forks", run.mode().forks);
    settings.put("warmupIterations", run.mode().warmupIterations);
    settings.put("warmupMillis", run.mode().warmupMillis);
    settings.put("measurementIterations", run.mode().measurementIterations);
    settings.put("measurementMillis", run.mode().measurementMillis);
    settings.put("threads", 1);
    settings.put("benchmarkMode", "AverageTime");
    settings.put("profilers", List.of("gc", "thread CPU time (ThreadCpuTimeProfiler)"));
    settings.put("forkJvmArgs", List.of(RunMode.FORK_JVM_ARGS));
    settings.put("confidence", "99.9% (JMH score error)");
    root.put("settings", settings);
    root.put("machine", run.machine());
    root.put("loadAverage", Map.of("start", run.loadAtStart(), "end", run.loadAtEnd()));
    root.put("load", load(run.conditions().load(), run.conditions().disturbed()));
    root.put("time", time(run));
    root.put("targets", checks.stream().map(ResultsJson::target).toList());
    List<Object> rows = new ArrayList<>();
    timings.forEach(row -> {
      Map<String, Object> json = row(row, "time");
      run.conditions().loadOf(row.id()).ifPresent(load -> json.put("load", load(load, load.busy())));
      rows.add(json);
    });
    footprints.forEach(row -> rows.add(row(row, "footprint")));
    root.put("rows", rows);
    root.put("gc", reclaims.stream().map(ResultsJson::reclaim).toList());
    root.put("cluster", heals.stream().map(ResultsJson::heal).toList());
    root.put("updatePath", updatePath.stream().map(UpdatePathSection::json).toList());
    root.put("endToEnd", EndToEndSection.json(endToEnd));
    root.put("jmh", raw.stream().map(ResultsJson::raw).toList());
    return JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(root);
  }

  /**
   * The load over the run or one row's forks: load averages, and cores in use (machine, this run, other work);
   * {@code busy} as the report marks it (a row by its own load, the run by {@link RunConditions#disturbed()}).
   */
  private static Map<String, Object> load(LoadSummary load, boolean busy) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("cores", load.cores());
    json.put("samples", load.samples());
    json.put("loadAverageMin", finite(load.loadMin()));
    json.put("loadAverageMedian", finite(load.loadMedian()));
    json.put("loadAverageMax", finite(load.loadMax()));
    json.put("machineCoresMedian", finite(load.machineCpuMedian()));
    json.put("machineCoresMax", finite(load.machineCpuMax()));
    json.put("ownCoresMedian", finite(load.ownCpuMedian()));
    json.put("otherCoresMedian", finite(load.otherCpuMedian()));
    json.put("otherCoresMax", finite(load.otherCpuMax()));
    json.put("busy", busy);
    return json;
  }

  /** What the run took, end to end and by part, against the mode's budget. */
  private static Map<String, Object> time(RunInfo run) {
    RunConditions conditions = run.conditions();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("endToEndSeconds", conditions.endToEnd().toMillis() / 1000.0);
    json.put("beforeReportSeconds", conditions.beforeReport() == null ? null
        : conditions.beforeReport().toMillis() / 1000.0);
    Map<String, Object> phases = new LinkedHashMap<>();
    conditions.phases().forEach((name, took) -> phases.put(name, took.toMillis() / 1000.0));
    json.put("partsSeconds", phases);
    json.put("benchmarks", conditions.benchmarks().stream().map(benchmark -> {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("benchmark", benchmark.benchmark());
      one.put("params", benchmark.params());
      one.put("seconds", benchmark.millis() / 1000.0);
      return one;
    }).toList());
    json.put("budgetSeconds", run.mode().budget() == null ? null : run.mode().budget().toSeconds());
    json.put("withinBudget", run.mode().budget() == null ? null
        : conditions.endToEnd().compareTo(run.mode().budget()) <= 0);
    return json;
  }

  private static Map<String, Object> heal(HealScenario.Result heal) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("members", heal.members());
    json.put("keys", heal.keys());
    json.put("divergentKeys", heal.divergentKeys());
    json.put("mergeViewMillisAfterHeal", heal.mergeViewMillis());
    json.put("convergedMillisAfterMergeView", heal.convergedAfterMergeMillis());
    json.put("bytesSent", heal.healBytes());
    json.put("messagesSent", heal.healMessages());
    json.put("bytesDelivered", heal.healBytesDelivered());
    json.put("fullStateBytes", heal.fullStateBytes());
    json.put("fullStateFrameBytes", heal.fullStateFrameBytes());
    return json;
  }

  private static Map<String, Object> target(TargetCheck check) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("target", check.target());
    json.put("case", check.case_());
    json.put("measured", check.measured());
    json.put("verdict", check.verdict().name().toLowerCase(Locale.ROOT));
    return json;
  }

  private static Map<String, Object> row(Row row, String kind) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", row.id());
    json.put("kind", kind);
    json.put("section", row.section());
    json.put("what", row.what());
    json.put("params", row.params());
    json.put("unit", row.crdtkit().unit());
    json.put("crdtkit", score(row.crdtkit()));
    json.put("pekko", row.pekko() == null ? null : score(row.pekko()));
    json.put("vsPekko", row.vsPekko() == null ? null : ratio(row.vsPekko()));
    Map<String, Object> limits = new LinkedHashMap<>();
    row.limits().forEach((name, score) -> {
      Map<String, Object> limit = new LinkedHashMap<>();
      limit.put("score", score(score));
      limit.put("crdtkitOverLimit", ratio(row.vsLimit(name)));
      limits.put(name, limit);
    });
    json.put("limits", limits);
    if (row.crdtkitCpu() != null) {
      Map<String, Object> cpu = new LinkedHashMap<>();
      cpu.put("unit", row.crdtkitCpu().unit());
      cpu.put("crdtkit", score(row.crdtkitCpu()));
      cpu.put("pekko", row.pekkoCpu() == null ? null : score(row.pekkoCpu()));
      cpu.put("vsPekko", row.vsPekkoCpu() == null ? null : ratio(row.vsPekkoCpu()));
      json.put("cpuTimePerOp", cpu);
    }
    if (row.crdtkitAllocated() != null || row.pekkoAllocated() != null) {
      Map<String, Object> allocated = new LinkedHashMap<>();
      allocated.put("crdtkit", row.crdtkitAllocated() == null ? null : finite(row.crdtkitAllocated().value()));
      allocated.put("pekko", row.pekkoAllocated() == null ? null : finite(row.pekkoAllocated().value()));
      json.put("allocatedBytesPerOp", allocated);
    }
    return json;
  }

  private static Map<String, Object> reclaim(GcReclaim reclaim) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("type", reclaim.type());
    json.put("written", reclaim.written());
    json.put("removed", reclaim.removed());
    json.put("tombstonesBefore", reclaim.tombstonesBefore());
    json.put("tombstonesAfter", reclaim.tombstonesAfter() < 0 ? null : reclaim.tombstonesAfter());
    json.put("heapBytesBefore", reclaim.heapBefore());
    json.put("heapBytesAfter", reclaim.heapAfter());
    json.put("heapBytesLiveOnly", reclaim.heapLiveOnly());
    json.put("afterOverLiveOnly", finite(reclaim.afterOverLiveOnly()));
    json.put("pekkoChurnedOverLiveOnly", finite(reclaim.pekkoChurnedOverLiveOnly()));
    return json;
  }

  private static Map<String, Object> raw(RunResult result) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("benchmark", result.getParams().getBenchmark());
    json.put("params", JmhRows.paramsOf(result.getParams()));
    json.put("score", score(JmhRows.score(result.getPrimaryResult())));
    json.put("unit", result.getPrimaryResult().getScoreUnit());
    json.put("samples", result.getPrimaryResult().getSampleCount());
    Result<?> allocation = result.getSecondaryResults().get(JmhRows.ALLOCATION);
    json.put("allocatedBytesPerOp", allocation == null ? null : finite(allocation.getScore()));
    Result<?> cpu = result.getSecondaryResults().get(ThreadCpuTimeProfiler.NAME);
    json.put("cpuNanosPerOp", cpu == null ? null : score(JmhRows.score(cpu)));
    List<List<Double>> forks = new ArrayList<>();
    for (BenchmarkResult fork : result.getBenchmarkResults()) {
      List<Double> iterations = new ArrayList<>();
      for (IterationResult iteration : fork.getIterationResults()) {
        iterations.add(iteration.getPrimaryResult().getScore());
      }
      forks.add(iterations);
    }
    json.put("iterationsPerFork", forks);
    return json;
  }

  static Map<String, Object> score(Score score) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("value", finite(score.value()));
    json.put("error", finite(score.error()));
    return json;
  }

  static Map<String, Object> ratio(Ratio ratio) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("value", finite(ratio.value()));
    json.put("error", finite(ratio.error()));
    return json;
  }

  /** {@code value}, or {@code null} (JSON's null) for NaN and infinities, which JSON has no number for. */
  static @Nullable Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
