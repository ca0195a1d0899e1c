package io.crdtkit.benchmarks;

import io.crdtkit.net.HealScenario;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * How cost grows with scale (issue 20): the ORSet add, remove, delta merge and 1% merge, crdtkit and Pekko, at
 * 1,000 to 1,000,000 elements, and the cluster heal at 10,000 to 1,000,000 keys and 3 to 9 members.
 *
 * <p>The main JMH run already measures add, remove and delta merge at 1,000 and 100,000 elements and the merge at
 * 100,000; {@link #measure} runs only the sizes it lacks, with the same settings, and {@link #from} reads the
 * curves' points from both runs. The points are CPU times per operation ({@link ThreadCpuTimeProfiler}), as the
 * report's comparisons with Pekko are: a busy machine's waits for a core do not bend them.
 */
final class GrowthCurves {

  /** The four ORSet benchmarks drawn as curves, by id, and the two implementations each compares. */
  private static final Map<String, Class<?>> ORSET = new LinkedHashMap<>();

  static {
    ORSET.put("orset-add", ORSetAddBenchmark.class);
    ORSET.put("orset-remove", ORSetRemoveBenchmark.class);
    ORSET.put("orset-merge-delta", ORSetDeltaMergeBenchmark.class);
    ORSET.put("orset-merge-1pct", ORSetMergeBenchmark.class);
  }

  private static final List<String> METHODS = List.of("crdtkit", "pekko");
  /** The merge curve's divergence: 1% of the elements. */
  static final String DIVERGENCE = "0.01";

  private GrowthCurves() {}

  /**
   * The sizes the main run lacks: full mode 10,000 and 1,000,000 elements (a 1,000,000 fixture with its
   * 1,024 fresh elements or deltas is under 400 MB of each fork's 3 GB), quick mode 10,000 (eight forks, about
   * 30 s more), the smoke pass 10,000 beside its 1,000.
   */
  static List<String> extraSizes(RunMode mode) {
    return mode == RunMode.FULL ? List.of("10000", "1000000") : List.of("10000");
  }

  /**
   * The JMH runs of the curve points that the main run ({@link RunMode#options}) does not measure: the four benchmarks
   * at {@link #extraSizes}, and in full mode the 1% merge at 1,000 elements (the main run has it at 100,000 only; the
   * smoke pass has 1,000; quick mode keeps its two points, 10,000 and 100,000, to stay within its time). Only the
   * benchmarks that {@code include} selects run, so that a targeted run stays targeted. The report runs them after
   * the main run, under the same progress line and load sampler, so that the line counts them and their time is
   * in the budget.
   */
  static List<Options> runs(RunMode mode, String include) {
    List<Options> runs = new ArrayList<>();
    String all = selected(include, ORSET.values());
    if (all != null) {
      runs.add(options(mode, all, extraSizes(mode)));
    }
    String merge = selected(include, List.of(ORSetMergeBenchmark.class));
    if (merge != null && mode == RunMode.FULL) {
      runs.add(options(mode, merge, List.of("1000")));
    }
    return runs;
  }

  private static Options options(RunMode mode, String include, List<String> sizes) {
    // A child of the mode's options, whose own size and divergence replace the parent's (JMH adds values given
    // twice to one builder, it does not replace them). Includes add up with the parent's: given only there.
    return new OptionsBuilder()
        .parent(mode.options(include).build())
        .param("size", sizes.toArray(String[]::new))
        .param("divergence", DIVERGENCE)
        .build();
  }

  /** A regular expression for the crdtkit and Pekko methods of {@code benchmarks} that {@code include} selects. */
  private static @Nullable String selected(String include, Collection<Class<?>> benchmarks) {
    Pattern pattern = Pattern.compile(include);
    List<String> names = new ArrayList<>();
    for (Class<?> benchmark : benchmarks) {
      for (String method : METHODS) {
        String name = benchmark.getName() + "." + method;
        if (pattern.matcher(name).find()) {
          names.add(Pattern.quote(name));
        }
      }
    }
    return names.isEmpty() ? null : "^(" + String.join("|", names) + ")$";
  }

  /**
   * The curves the results hold: an ORSet curve wherever one of its implementations was measured at two sizes or
   * more, and the heal curves over keys (5 members) and over members (at {@link ClusterHeals#MEMBER_CURVE_KEYS}).
   */
  static List<GrowthCurve> from(Collection<RunResult> results, List<HealScenario.Result> heals, String run) {
    List<GrowthCurve> curves = new ArrayList<>();
    ORSET.forEach((id, benchmark) -> {
      List<GrowthCurve.Series> series = new ArrayList<>();
      String unit = "ns";
      for (String method : METHODS) {
        Map<Double, GrowthFit.Point> bySize = new LinkedHashMap<>();
        for (RunResult result : results) {
          String name = result.getParams().getBenchmark();
          Map<String, String> params = JmhRows.paramsOf(result.getParams());
          boolean merge = benchmark == ORSetMergeBenchmark.class;
          if (!name.equals(benchmark.getName() + "." + method)
              || merge && Double.parseDouble(params.getOrDefault("divergence", "-1")) != 0.01) {
            continue;
          }
          Score score = JmhRows.cpu(result);
          if (score == null) {
            score = JmhRows.score(result.getPrimaryResult());
          }
          unit = shortUnit(score.unit());
          double size = Double.parseDouble(params.get("size"));
          bySize.putIfAbsent(size, new GrowthFit.Point(size, score.value(), score.error()));
        }
        if (bySize.size() >= 2) {
          series.add(GrowthCurve.Series.of("pekko".equals(method) ? "Pekko" : "crdtkit",
              List.copyOf(bySize.values())));
        }
      }
      if (!series.isEmpty()) {
        curves.add(orSetCurve(id, unit, series, run));
      }
    });
    List<HealScenario.Result> byKeys = heals.stream().filter(h -> h.members() == ClusterHeals.MEMBERS).toList();
    List<HealScenario.Result> byMembers =
        heals.stream().filter(h -> h.keys() == ClusterHeals.MEMBER_CURVE_KEYS).toList();
    String healCaption = "crdt-net's heal scenario in one JVM: a 3 : 2 partition, 1% of the keys written, healed; "
        + "one measurement per point (no error bars).";
    if (distinct(byKeys, HealScenario.Result::keys) >= 2) {
      curves.add(heal("heal-keys-time", "Cluster heal of " + ClusterHeals.MEMBERS
              + " members: time to converge after the MergeView", "heal", "keys per member",
          "converged after the MergeView (ms)", "ms", byKeys, HealScenario.Result::keys,
          h -> h.convergedAfterMergeMillis(), healCaption, run));
      curves.add(heal("heal-keys-bytes", "Cluster heal of " + ClusterHeals.MEMBERS + " members: bytes sent",
          "heal", "keys per member", "bytes sent by all members to heal", "B", byKeys,
          HealScenario.Result::keys, h -> h.healBytes(), healCaption, run));
    }
    if (distinct(byMembers, HealScenario.Result::members) >= 2) {
      String keys = Report.count(ClusterHeals.MEMBER_CURVE_KEYS, "keys");
      curves.add(heal("heal-members-time", "Cluster heal of " + keys + ": time to converge after the MergeView",
          "heal", "members", "converged after the MergeView (ms)", "ms", byMembers,
          HealScenario.Result::members, h -> h.convergedAfterMergeMillis(), healCaption, run));
      curves.add(heal("heal-members-bytes", "Cluster heal of " + keys + ": bytes sent", "heal", "members",
          "bytes sent by all members to heal", "B", byMembers, HealScenario.Result::members, h -> h.healBytes(),
          healCaption, run));
    }
    return curves;
  }

  /** The run, for the charts' captions: when, in which mode, on what. */
  static String caption(RunInfo run) {
    Map<String, Object> machine = run.machine();
    return "Run of " + run.generated() + ", " + run.mode().name().toLowerCase(java.util.Locale.ROOT) + " mode; "
        + machine.get("cpu") + ", " + machine.get("cores") + " cores; load average " + run.loadAtStart() + " at start.";
  }

  private static GrowthCurve orSetCurve(String id, String unit, List<GrowthCurve.Series> series, String run) {
    String what = switch (id) {
      case "orset-add" -> "ORSet add";
      case "orset-remove" -> "ORSet remove";
      case "orset-merge-delta" -> "ORSet merge of one remote add's delta";
      default -> "ORSet full-state merge, replicas 1% apart";
    };
    return new GrowthCurve(id, what + ": CPU time per operation", what, "elements in the set",
        "CPU time per operation (" + unit + ")", unit, series,
        List.of("Benchmark thread's CPU time; error bars are JMH's 99.9% intervals; dashed: the fitted power law.",
            run));
  }

  private static GrowthCurve heal(String id, String title, String what, String xLabel, String yLabel, String unit,
      List<HealScenario.Result> heals, java.util.function.ToIntFunction<HealScenario.Result> size,
      java.util.function.ToLongFunction<HealScenario.Result> cost, String caption, String run) {
    List<GrowthFit.Point> points = heals.stream()
        .map(h -> new GrowthFit.Point(size.applyAsInt(h), cost.applyAsLong(h), 0))
        .collect(Collectors.toList());
    return new GrowthCurve(id, title, what, xLabel, yLabel, unit, List.of(GrowthCurve.Series.of("crdtkit", points)),
        List.of(caption, run));
  }

  private static long distinct(List<HealScenario.Result> heals,
      java.util.function.ToIntFunction<HealScenario.Result> size) {
    return heals.stream().mapToInt(size).distinct().count();
  }

  private static String shortUnit(String unit) {
    return switch (unit) {
      case "us/op" -> "µs";
      case "ms/op" -> "ms";
      default -> "ns";
    };
  }
}
