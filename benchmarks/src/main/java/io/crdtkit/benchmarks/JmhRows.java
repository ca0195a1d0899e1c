package io.crdtkit.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/** Turns JMH's results into report rows: one per crdtkit variant and parameter set, as {@link Operation} says. */
final class JmhRows {

  static final String ALLOCATION = "gc.alloc.rate.norm";

  private JmhRows() {}

  static List<Row> from(Collection<RunResult> results) {
    // class -> params -> method -> result
    Map<String, Map<Map<String, String>, Map<String, RunResult>>> grouped = new LinkedHashMap<>();
    for (RunResult result : results) {
      BenchmarkParams params = result.getParams();
      String benchmark = params.getBenchmark();
      String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
      String type = benchmark.substring(0, benchmark.lastIndexOf('.'));
      type = type.substring(type.lastIndexOf('.') + 1);
      grouped.computeIfAbsent(type, k -> new LinkedHashMap<>())
          .computeIfAbsent(paramsOf(params), k -> new LinkedHashMap<>())
          .put(method, result);
    }
    List<Row> rows = new ArrayList<>();
    for (Operation operation : Operation.ALL) {
      var byParams = grouped.getOrDefault(operation.benchmark().getSimpleName(), Map.of());
      for (var entry : byParams.entrySet()) {
        Map<String, RunResult> byMethod = entry.getValue();
        RunResult pekko = byMethod.get(Operation.PEER);
        Map<String, Score> limits = new LinkedHashMap<>();
        operation.limits().forEach((method, name) -> {
          if (byMethod.containsKey(method)) {
            limits.put(name, score(byMethod.get(method).getPrimaryResult()));
          }
        });
        operation.variants().forEach((variant, what) -> {
          RunResult crdtkit = byMethod.get(variant);
          if (crdtkit != null) {
            rows.add(new Row(operation.rowId(variant, entry.getKey()), operation.section(), what,
                operation.paramsText(entry.getKey()), score(crdtkit.getPrimaryResult()),
                pekko == null ? null : score(pekko.getPrimaryResult()), limits, secondary(crdtkit, ALLOCATION),
                secondary(pekko, ALLOCATION), cpu(crdtkit), cpu(pekko)));
          }
        });
      }
    }
    return rows;
  }

  static Map<String, String> paramsOf(BenchmarkParams params) {
    Map<String, String> values = new TreeMap<>();
    for (Object key : params.getParamsKeys()) {
      values.put((String) key, params.getParam((String) key));
    }
    return values;
  }

  static Score score(Result<?> result) {
    return new Score(result.getScore(), result.getScoreError(), result.getScoreUnit());
  }

  /** The CPU time per operation in the unit of the benchmark's own score (the profiler reports nanoseconds). */
  static @Nullable Score cpu(@Nullable RunResult result) {
    Score nanos = secondary(result, ThreadCpuTimeProfiler.NAME);
    if (nanos == null) {
      return null;
    }
    String unit = result.getPrimaryResult().getScoreUnit();
    double scale = switch (unit) {
      case "us/op" -> 1e-3;
      case "ms/op" -> 1e-6;
      default -> 1;
    };
    return scale == 1 ? nanos : new Score(nanos.value() * scale, nanos.error() * scale, unit);
  }

  private static @Nullable Score secondary(@Nullable RunResult result, String name) {
    if (result == null) {
      return null;
    }
    Result<?> secondary = result.getSecondaryResults().get(name);
    return secondary == null ? null : score(secondary);
  }
}
