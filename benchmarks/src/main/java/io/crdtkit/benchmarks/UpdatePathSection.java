package io.crdtkit.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.results.RunResult;

/**
 * The replicated update path in the report ({@link UpdatePathBenchmark}): its table in {@code RESULTS.md} and its
 * target checks. crdt-net applies every local update as the delta mutator and then a merge of the delta into the
 * state (issue 20); the target holds that path to within {@link #AT_MOST}x of the plain mutator, judged by the
 * benchmark thread's CPU time as the targets against Pekko are (wall time where no CPU time was measured).
 */
final class UpdatePathSection {

  static final String TARGET = "Replicated update: delta then merge within 1.2x of the plain mutator";
  static final double AT_MOST = 1.2;

  /**
   * One case at one size.
   *
   * @param update        the case's name ({@link UpdateCases#NAMES})
   * @param size          its fixture's size
   * @param plain         the plain mutator's wall time per operation
   * @param viaDelta      the delta then merge's wall time per operation
   * @param plainCpu      the plain mutator's CPU time per operation, if measured
   * @param viaDeltaCpu   the delta then merge's CPU time per operation, if measured
   */
  record Measured(String update, int size, Score plain, Score viaDelta, @Nullable Score plainCpu,
      @Nullable Score viaDeltaCpu) {

    /** via delta ÷ plain, by CPU time where both were measured. */
    Ratio ratio() {
      return plainCpu != null && viaDeltaCpu != null ? Ratio.of(viaDeltaCpu, plainCpu) : wallRatio();
    }

    Ratio wallRatio() {
      return Ratio.of(viaDelta, plain);
    }

    boolean byCpu() {
      return plainCpu != null && viaDeltaCpu != null;
    }
  }

  private UpdatePathSection() {}

  /** The cases the runs measured (both methods), in {@link UpdateCases#NAMES} order, then by size. */
  static List<Measured> from(Collection<RunResult> results) {
    Map<String, Map<String, RunResult>> byCase = new LinkedHashMap<>();
    for (RunResult result : results) {
      String benchmark = result.getParams().getBenchmark();
      if (!benchmark.startsWith(UpdatePathBenchmark.class.getName() + ".")) {
        continue;
      }
      String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
      Map<String, String> params = JmhRows.paramsOf(result.getParams());
      byCase.computeIfAbsent(params.get("update") + "\u0000" + params.get("size"), k -> new LinkedHashMap<>())
          .put(method, result);
    }
    List<Measured> measured = new ArrayList<>();
    byCase.forEach((key, methods) -> {
      RunResult plain = methods.get("plain");
      RunResult viaDelta = methods.get("viaDelta");
      if (plain != null && viaDelta != null) {
        String[] parts = key.split("\u0000");
        measured.add(new Measured(parts[0], Integer.parseInt(parts[1]), JmhRows.score(plain.getPrimaryResult()),
            JmhRows.score(viaDelta.getPrimaryResult()), JmhRows.cpu(plain), JmhRows.cpu(viaDelta)));
      }
    });
    List<String> order = Arrays.asList(UpdateCases.NAMES);
    measured.sort(Comparator.<Measured>comparingInt(m -> order.indexOf(m.update())).thenComparingInt(Measured::size));
    return measured;
  }

  /** One check per case and size: at most {@link #AT_MOST} the plain mutator's cost. */
  static List<TargetCheck> checks(List<Measured> measured) {
    List<TargetCheck> checks = new ArrayList<>();
    for (Measured m : measured) {
      String what = Report.ratio(m.ratio()) + " the plain mutator's "
          + (m.byCpu() ? "CPU time (" + Report.ratio(m.wallRatio()) + " by wall time)" : "time");
      checks.add(new TargetCheck(TARGET, m.update() + ", " + Report.count(m.size(), "elements"), what,
          Verdict.atMost(m.ratio(), AT_MOST)));
    }
    return checks;
  }

  /** One case's part of results.json's {@code updatePath}: its scores (wall and CPU time) and ratios. */
  static Map<String, Object> json(Measured m) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("update", m.update());
    json.put("size", m.size());
    json.put("unit", m.plain().unit());
    json.put("plain", ResultsJson.score(m.plain()));
    json.put("viaDelta", ResultsJson.score(m.viaDelta()));
    json.put("plainCpu", m.plainCpu() == null ? null : ResultsJson.score(m.plainCpu()));
    json.put("viaDeltaCpu", m.viaDeltaCpu() == null ? null : ResultsJson.score(m.viaDeltaCpu()));
    json.put("ratio", ResultsJson.ratio(m.ratio()));
    json.put("ratioBy", m.byCpu() ? "cpu" : "wall");
    json.put("wallRatio", ResultsJson.ratio(m.wallRatio()));
    return json;
  }

  /** The section of RESULTS.md; empty if the update path was not run. */
  static String markdown(List<Measured> measured) {
    if (measured.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    out.append("## The replicated update path\n\n")
        .append("crdt-net applies every local update as the delta mutator, then a merge of the delta into the state "
            + "(`Replicated.update`); the plain mutator makes the same state directly (`UpdatePathBenchmark`, on an "
            + "unchanged fixture of the given size). Lower is better; *via delta ÷ plain* is the path's cost as a "
            + "multiple of the plain mutator's, by the benchmark thread's CPU time where it was measured (wall time "
            + "beside it), held to at most " + Report.multiple(AT_MOST) + "× (the targets).\n\n")
        .append("| update | size | plain | via delta | via delta ÷ plain | by wall time |\n")
        .append("|---|--:|--:|--:|--:|--:|\n");
    for (Measured m : measured) {
      out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |\n", m.update(),
          Report.count(m.size(), ""), Report.score(m.byCpu() ? m.plainCpu() : m.plain()),
          Report.score(m.byCpu() ? m.viaDeltaCpu() : m.viaDelta()), Report.ratio(m.ratio()),
          Report.ratio(m.wallRatio())));
    }
    out.append('\n');
    return out.toString();
  }
}
