package io.crdtkit.benchmarks;

import java.util.List;

/**
 * One system's trials of one end-to-end measure: each trial's figure (updates per second, or milliseconds).
 *
 * @param system  which cluster: {@code crdtkit-jvm}, {@code crdtkit-tcp} or {@code pekko}
 * @param setup   the cluster in words: system, transport, settings
 * @param measure e.g. {@code throughput.one-writer}, {@code visibility.p99}
 * @param tuning  {@code default}, or {@code equal-intervals} for the rows with both systems' batching intervals set
 *                alike
 * @param unit    {@code updates/s} or {@code ms}
 * @param trials  one figure per trial, in the order measured
 */
record EndToEndSeries(String system, String setup, String measure, String tuning, String unit, List<Double> trials) {

  EndToEndSeries {
    trials = List.copyOf(trials);
  }

  /** The mean over the trials, with the half-width of its 95% confidence interval (Student's t). */
  Score score() {
    int n = trials.size();
    double mean = trials.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    if (n < 2) {
      return new Score(mean, Double.NaN, unit);
    }
    double squares = trials.stream().mapToDouble(t -> (t - mean) * (t - mean)).sum();
    double deviation = Math.sqrt(squares / (n - 1));
    return new Score(mean, studentT95(n - 1) * deviation / Math.sqrt(n), unit);
  }

  /** The two-sided 95% quantile of Student's t for {@code degrees} degrees of freedom. */
  static double studentT95(int degrees) {
    double[] table = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
        2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086};
    return degrees <= table.length ? table[degrees - 1] : 1.96 + 2.4 / degrees;
  }
}
