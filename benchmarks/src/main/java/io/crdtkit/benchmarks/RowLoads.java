package io.crdtkit.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The load while each report row was measured: a row compares crdtkit's benchmark with Pekko's, run in separate
 * forks at different times, so its load is that of both forks together (their samples pooled).
 */
final class RowLoads {

  private RowLoads() {}

  /** Row id ({@link Operation#rowId}) to the load during its crdtkit and Pekko forks. */
  static Map<String, LoadSummary> of(List<BenchmarkRun> runs, List<LoadSample> samples, int cores) {
    Map<String, List<BenchmarkRun>> byRow = new LinkedHashMap<>();
    for (BenchmarkRun run : runs) {
      Operation operation;
      try {
        operation = Operation.of(run.className());
      } catch (IllegalArgumentException e) {
        continue; // a benchmark no row reads
      }
      for (String variant : operation.variants().keySet()) {
        if (run.method().equals(variant) || run.method().equals(Operation.PEER)) {
          byRow.computeIfAbsent(operation.rowId(variant, run.params()), id -> new ArrayList<>()).add(run);
        }
      }
    }
    Map<String, LoadSummary> loads = new LinkedHashMap<>();
    byRow.forEach((id, rowRuns) -> {
      List<LoadSample> pooled = new ArrayList<>();
      for (BenchmarkRun run : rowRuns) {
        pooled.addAll(window(samples, run.startMillis(), run.endMillis()));
      }
      loads.put(id, LoadSummary.of(pooled, cores));
    });
    return loads;
  }

  /**
   * The samples taken from {@code fromMillis} to {@code toMillis}, and the first one after: a sample's CPU figures
   * cover the time since the one before, so a fork shorter than the sampling period still gets one.
   */
  static List<LoadSample> window(List<LoadSample> samples, long fromMillis, long toMillis) {
    List<LoadSample> inside = new ArrayList<>();
    for (LoadSample sample : samples) {
      if (sample.atMillis() >= fromMillis) {
        inside.add(sample);
        if (sample.atMillis() > toMillis) {
          break;
        }
      }
    }
    return inside;
  }
}
