package io.crdtkit.benchmarks;

import io.crdtkit.net.HealScenario;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The Markdown report, {@code RESULTS.md}: the run's settings, the performance targets (PERFORMANCE.md) with
 * verdicts, then every row with its ratios against Pekko and against the limits, with error bars.
 */
final class Report {

  static final String COMMAND = "./mvnw -q -B -pl benchmarks -am package -DskipTests -Dbench=";

  private final StringBuilder out = new StringBuilder();

  private Report() {}

  static String markdown(RunInfo run, List<Row> timings, List<Row> footprints, List<GcReclaim> reclaims,
      List<HealScenario.Result> heals, List<TargetCheck> checks) {
    Report report = new Report();
    report.header(run);
    report.targets(checks);
    report.line("## Time per operation");
    report.line("");
    for (String section : sections(timings)) {
      report.line("### " + section);
      report.line("");
      report.table(timings.stream().filter(row -> row.section().equals(section)).toList(), true,
          run.conditions());
    }
    report.line("## Encoded size and heap");
    report.line("");
    report.line("Exact counts (no error bars). The limit of an encoding is the elements (keys and values) alone, "
        + "written by the same mapper as a plain array. Heap is JOL's retained size without the elements, keys, "
        + "values and replica ids, which every implementation shares.");
    report.line("");
    // One table per kind of measurement and type, so that each shows only its own limits.
    for (String group : footprints.stream().map(Report::footprintGroup).distinct().toList()) {
      report.table(footprints.stream().filter(row -> footprintGroup(row).equals(group)).toList(), false);
    }
    report.gc(reclaims);
    report.cluster(heals);
    return report.out.toString();
  }

  private void header(RunInfo run) {
    line("# crdtkit benchmarks: results");
    line("");
    line("Written by `" + COMMAND + run.mode().name().toLowerCase(Locale.ROOT) + "` (see the README). "
        + "Every number below was measured in the same run, side by side with "
        + "[Apache Pekko Distributed Data](https://pekko.apache.org/) 1.2.1 and the plain collections a Java user "
        + "would otherwise pick. `results.json` beside this file holds the same numbers and every raw JMH score.");
    line("");
    RunConditions conditions = run.conditions();
    LoadSummary load = conditions.load();
    if (conditions.disturbed()) {
      long busyRows = conditions.loadByRow().values().stream().filter(LoadSummary::busy).count();
      line("**The machine was busy during this run:** " + loadWords(load) + ". Other work competed for the cores, "
          + "so timings are inflated and noisy: " + busyRows + " of " + conditions.loadByRow().size()
          + " timing rows were measured while it was (marked ⚠). Ratios measured in one run still compare like with "
          + "like, but treat them as rough, and verdicts on them as provisional; rerun on a quiet machine. Allocation "
          + "per operation and the footprints (bytes, heap, GC) do not depend on load.");
      line("");
    }
    line("| | |");
    line("|---|---|");
    line("| generated | " + run.generated() + " |");
    line("| mode | " + run.mode().name().toLowerCase(Locale.ROOT) + ": " + run.mode().describe() + " |");
    Map<String, Object> machine = run.machine();
    line("| machine | " + machine.get("cpu") + ", " + machine.get("cores") + " cores, " + machine.get("memory")
        + ", " + machine.get("os") + " |");
    line("| JDK | " + machine.get("jdk") + "; forks run with `" + String.join(" ", RunMode.FORK_JVM_ARGS) + "` |");
    line("| JMH | " + run.jmhVersion() + " |");
    line("| source | `" + machine.get("source") + "` |");
    line("| load during the run | " + loadWords(load) + " (sampled every " + LoadSampler.PERIOD.toSeconds()
        + " s; load average (1, 5, 15 min) at start " + run.loadAtStart() + ", at end " + run.loadAtEnd() + ") |");
    line("| time | " + timeWords(run.mode(), conditions) + " |");
    line("");
    line("**How to read.** Every score is lower-is-better (time per operation, or bytes). *vs Pekko* is Pekko's "
        + "score divided by crdtkit's: above 1, crdtkit is faster or smaller. *÷ limit* is crdtkit's score divided "
        + "by the plain collection's: what the CRDT metadata costs, as a multiple. *CPU* columns are the benchmark "
        + "thread's CPU time per operation, which does not count waiting for a core on a busy machine (targets "
        + "against Pekko are judged by it); for the mutable limits it also counts their untimed tear-down, so use "
        + "their wall time. `±` is JMH's 99.9% confidence "
        + "half-width; ratios carry the two errors combined. " + Verdict.RULE + " *Load* is the highest 1-minute "
        + "load average while the row's crdtkit and Pekko forks ran; ⚠ marks a row measured while the machine was "
        + "busy (load above the " + load.cores() + " cores, or other work using more than half a core). On a 2-core "
        + "machine shared with other work, treat differences within the error bars as noise, and rerun in full mode "
        + "before concluding.");
    line("");
  }

  /** {@code load average 1.2 to 4.1 (median 2.5) on 2 cores; other work used 0.8 cores (median), up to 1.9}. */
  static String loadWords(LoadSummary load) {
    StringBuilder words = new StringBuilder("1-minute load average " + number(load.loadMin()) + " to "
        + number(load.loadMax()) + " (median " + number(load.loadMedian()) + ") on " + load.cores() + " cores");
    if (Double.isFinite(load.machineCpuMedian())) {
      words.append("; cores in use: the machine ").append(number(load.machineCpuMedian())).append(" (median), this "
          + "run ").append(number(load.ownCpuMedian())).append(", other work ").append(number(load.otherCpuMedian()))
          .append(" (up to ").append(number(load.otherCpuMax())).append(')');
    }
    return words.toString();
  }

  /** {@code 3:41 from the command's start (Maven 0:22, encoded sizes 0:03, ...): within quick mode's 5:00}. */
  static String timeWords(RunMode mode, RunConditions conditions) {
    List<String> parts = new ArrayList<>();
    if (conditions.beforeReport() != null) {
      parts.add("Maven before the report " + Progress.clock(conditions.beforeReport().toMillis()));
    }
    // "footprints: heap" and the like ran within "footprints", at once: shown in its parentheses
    Map<String, List<String>> within = new java.util.LinkedHashMap<>();
    conditions.phases().forEach((name, took) -> {
      int colon = name.indexOf(": ");
      if (colon > 0) {
        within.computeIfAbsent(name.substring(0, colon), k -> new ArrayList<>())
            .add(name.substring(colon + 2) + " " + Progress.clock(took.toMillis()));
      }
    });
    conditions.phases().forEach((name, took) -> {
      if (!name.contains(": ")) {
        parts.add(name + " " + Progress.clock(took.toMillis()) + (within.containsKey(name)
            ? " (" + String.join(" ∥ ", within.get(name)) + ", at once)" : ""));
      }
    });
    Duration total = conditions.endToEnd();
    String verdict = mode.budget() == null ? ""
        : total.compareTo(mode.budget()) <= 0
            ? "; within " + mode.name().toLowerCase(Locale.ROOT) + " mode's budget of " + Progress.clock(
                mode.budget().toMillis())
            : "; **over** " + mode.name().toLowerCase(Locale.ROOT) + " mode's budget of " + Progress.clock(
                mode.budget().toMillis());
    return Progress.clock(total.toMillis()) + (conditions.beforeReport() == null ? " (the report alone)"
        : " from the command's start") + ": " + String.join(", ", parts) + verdict;
  }

  /** The last line the command prints: the time it took, against the mode's budget. */
  static String timeLine(RunMode mode, RunConditions conditions) {
    return "Took " + timeWords(mode, conditions).replace("**", "") + ".";
  }

  private void targets(List<TargetCheck> checks) {
    line("## Targets");
    line("");
    line("Each target, and why it is set, is stated in `benchmarks/PERFORMANCE.md`.");
    line("");
    line("| target | case | measured | verdict |");
    line("|---|---|---|---|");
    for (TargetCheck check : checks) {
      line("| " + check.target() + " | " + check.case_() + " | " + check.measured() + " | " + check.verdict().text
          + " |");
    }
    line("");
  }

  private void table(List<Row> rows, boolean allocations) {
    table(rows, allocations, null);
  }

  private void table(List<Row> rows, boolean allocations, @Nullable RunConditions conditions) {
    Set<String> limits = new LinkedHashSet<>();
    rows.forEach(row -> limits.addAll(row.limits().keySet()));
    StringBuilder head = new StringBuilder(allocations
        ? "| operation | case | crdtkit | Pekko | vs Pekko | crdtkit CPU | Pekko CPU | vs Pekko, CPU |"
        : "| operation | case | crdtkit | Pekko | vs Pekko |");
    StringBuilder rule = new StringBuilder(allocations ? "|---|---|--:|--:|--:|--:|--:|--:|" : "|---|---|--:|--:|--:|");
    for (String limit : limits) {
      head.append(' ').append(limit).append(" | crdtkit ÷ ").append(limit).append(" |");
      rule.append("--:|--:|");
    }
    if (allocations) {
      head.append(" allocated per op, crdtkit / Pekko |");
      rule.append("--:|");
    }
    if (conditions != null) {
      head.append(" load |");
      rule.append("--:|");
    }
    line(head.toString());
    line(rule.toString());
    for (Row row : rows) {
      List<String> cells = new ArrayList<>(List.of(row.what(), row.params(), score(row.crdtkit()),
          row.pekko() == null ? "—" : score(row.pekko()), row.vsPekko() == null ? "—" : ratio(row.vsPekko())));
      if (allocations) {
        cells.add(row.crdtkitCpu() == null ? "—" : score(row.crdtkitCpu()));
        cells.add(row.pekkoCpu() == null ? "—" : score(row.pekkoCpu()));
        cells.add(row.vsPekkoCpu() == null ? "—" : ratio(row.vsPekkoCpu()));
      }
      for (String limit : limits) {
        Score score = row.limits().get(limit);
        cells.add(score == null ? "—" : score(score));
        cells.add(score == null ? "—" : ratio(row.vsLimit(limit)));
      }
      if (allocations) {
        cells.add(bytes(row.crdtkitAllocated()) + " / " + bytes(row.pekkoAllocated()));
      }
      if (conditions != null) {
        cells.add(conditions.loadOf(row.id())
            .map(load -> number(load.loadMax()) + (load.busy() ? " ⚠" : "")).orElse("—"));
      }
      line("| " + String.join(" | ", cells) + " |");
    }
    line("");
  }

  private void gc(List<GcReclaim> reclaims) {
    line("## Garbage collection");
    line("");
    line("A churned structure: elements (keys) written by three replicas in turn, every other one removed, all "
        + "merged, then collected by crdt-gc at causal stability (reports exchanged by hand). Heap is retained "
        + "bytes per live entry; *live only* is the same type built from the live entries alone.");
    line("");
    line("| type | written, removed | tombstones before → after GC | heap before GC | after GC | live only "
        + "| after ÷ live only | Pekko: churned ÷ live only |");
    line("|---|---|--:|--:|--:|--:|--:|--:|");
    for (GcReclaim reclaim : reclaims) {
      int live = reclaim.written() - reclaim.removed();
      line("| " + reclaim.type() + " | " + count(reclaim.written(), "") + ", " + count(reclaim.removed(), "")
          + " | " + (reclaim.tombstonesAfter() < 0 ? "— (no collection yet)"
              : reclaim.tombstonesBefore() + " → " + reclaim.tombstonesAfter())
          + " | " + number((double) reclaim.heapBefore() / live) + " B"
          + " | " + number((double) reclaim.heapAfter() / live) + " B"
          + " | " + number((double) reclaim.heapLiveOnly() / live) + " B"
          + " | " + multiple(reclaim.afterOverLiveOnly()) + "×"
          + " | " + (reclaim.pekkoChurned() < 0 ? "—" : multiple(reclaim.pekkoChurnedOverLiveOnly()) + "×") + " |");
    }
    line("");
  }

  private void cluster(List<HealScenario.Result> heals) {
    line("## Cluster heal");
    line("");
    line("crdt-net's heal scenario (its NET.md), in-JVM JGroups members on one host: one counter per key, a 3 : 2 "
        + "partition, 1% of the keys written (half on each side), then the heal. *Full state* is one member's "
        + "whole store as anti-entropy would send it, key by key; *one frame* is that store as a single compressed "
        + "message, the least a full transfer could cost.");
    line("");
    line("| case | MergeView after the heal | converged after the MergeView | bytes sent (messages) | full state "
        + "| sent ÷ full state | sent ÷ one frame |");
    line("|---|--:|--:|--:|--:|--:|--:|");
    for (HealScenario.Result heal : heals) {
      line("| " + heal.members() + " members, " + count(heal.keys(), "keys") + ", " + count(heal.divergentKeys(),
          "divergent") + " | " + heal.mergeViewMillis() + " ms | " + heal.convergedAfterMergeMillis() + " ms | "
          + count(heal.healBytes(), "B") + " (" + heal.healMessages() + ") | " + count(heal.fullStateBytes(), "B")
          + " | " + number(heal.bytesPercentOfFullState()) + "% | "
          + number(100.0 * heal.healBytes() / heal.fullStateFrameBytes()) + "% |");
    }
    line("");
  }

  private static String footprintGroup(Row row) {
    return row.id().substring(0, row.id().indexOf('.')) + " " + row.section();
  }

  private static List<String> sections(List<Row> rows) {
    return rows.stream().map(Row::section).distinct().toList();
  }

  private void line(String text) {
    out.append(text).append('\n');
  }

  static String score(Score score) {
    String unit = switch (score.unit()) {
      case "ns/op" -> " ns";
      case "us/op" -> " µs";
      case "ms/op" -> " ms";
      case "bytes/element" -> " B";
      case "bytes" -> " B";
      default -> " " + score.unit();
    };
    if (score.error() == 0) {
      return number(score.value()) + unit;
    }
    return number(score.value()) + " ± " + (Double.isNaN(score.error()) ? "?" : number(score.error())) + unit;
  }

  static String ratio(Ratio ratio) {
    return multiple(ratio.value()) + "×" + (ratio.error() == 0 ? ""
        : " ± " + (Double.isNaN(ratio.error()) ? "?" : number(ratio.error())));
  }

  private static String bytes(@Nullable Score allocated) {
    return allocated == null ? "—" : number(allocated.value()) + " B";
  }

  /** Three significant digits, thousands separated: {@code 115,667}, {@code 9.95}, {@code 0.0245}. */
  static String number(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return String.valueOf(value);
    }
    if (Math.abs(value) >= 1000) {
      return String.format(Locale.ROOT, "%,d", Math.round(value));
    }
    BigDecimal rounded = new BigDecimal(value).round(new MathContext(3));
    return rounded.stripTrailingZeros().toPlainString();
  }

  /** A ratio to three significant digits, trailing zeros kept so that it reads as one: {@code 1.00}, {@code 0.659}. */
  static String multiple(double value) {
    if (!Double.isFinite(value) || Math.abs(value) >= 1000) {
      return number(value);
    }
    if (value == 0) {
      return "0.00";
    }
    int decimals = Math.max(0, 2 - (int) Math.floor(Math.log10(Math.abs(value))));
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  /** {@code 100,000 elements}. */
  static String count(long n, String noun) {
    return String.format(Locale.ROOT, "%,d", n) + (noun.isEmpty() ? "" : " " + noun);
  }
}
