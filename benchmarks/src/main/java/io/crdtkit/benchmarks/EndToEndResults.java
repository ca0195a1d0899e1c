package io.crdtkit.benchmarks;

import java.util.List;
import java.util.Optional;

/**
 * What the end-to-end benchmark measured: its workload and every system's trials of every measure.
 *
 * @param workload the workload and its size
 * @param series   one per cluster, measure and tuning
 */
record EndToEndResults(EndToEndWorkload workload, List<EndToEndSeries> series) {

  EndToEndResults {
    series = List.copyOf(series);
  }

  /** The series of {@code system}'s {@code measure} at {@code tuning}, if measured. */
  Optional<EndToEndSeries> find(String system, String measure, String tuning) {
    return series.stream().filter(s -> s.system().equals(system) && s.measure().equals(measure)
        && s.tuning().equals(tuning)).findFirst();
  }
}
