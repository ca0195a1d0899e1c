package io.crdtkit.benchmarks;

import java.util.Arrays;
import java.util.List;

/**
 * The load over part of a report run (the whole run, or one benchmark's fork), summarised from {@link LoadSample}s:
 * the least, median and greatest 1-minute load average, and the median and greatest CPU use of the machine, of this
 * run, and of the other work. {@code NaN} where no sample knew the figure.
 *
 * @param samples       how many samples fell in the window
 * @param cores         the machine's cores, to which a load is compared
 */
record LoadSummary(int samples, int cores, double loadMin, double loadMedian, double loadMax,
    double machineCpuMedian, double machineCpuMax, double ownCpuMedian, double otherCpuMedian,
    double otherCpuMax) {

  /** The summary of {@code samples}. */
  static LoadSummary of(List<LoadSample> samples, int cores) {
    double[] load = values(samples.stream().mapToDouble(LoadSample::loadAverage).toArray());
    double[] machine = values(samples.stream().mapToDouble(LoadSample::machineCpu).toArray());
    double[] own = values(samples.stream().mapToDouble(LoadSample::ownCpu).toArray());
    double[] other = values(samples.stream().mapToDouble(LoadSample::otherCpu).toArray());
    return new LoadSummary(samples.size(), cores, min(load), median(load), max(load), median(machine), max(machine),
        median(own), median(other), max(other));
  }

  /**
   * Whether the machine was busy: the load average above the core count (tasks waited for a core), or other work
   * using more than half a core in the median (on 2 cores, a fork's benchmark thread, its JIT and its GC then share
   * what is left).
   */
  boolean busy() {
    return loadMax > cores || otherCpuMedian > 0.5;
  }

  private static double[] values(double[] all) {
    double[] known = Arrays.stream(all).filter(Double::isFinite).toArray();
    Arrays.sort(known);
    return known;
  }

  private static double min(double[] sorted) {
    return sorted.length == 0 ? Double.NaN : sorted[0];
  }

  private static double max(double[] sorted) {
    return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
  }

  private static double median(double[] sorted) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }
}
