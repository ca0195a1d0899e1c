package io.crdtkit.benchmarks;

/**
 * The machine's load at one moment of a report run, as {@link LoadSampler} reads it.
 *
 * @param atMillis   when ({@link System#currentTimeMillis()})
 * @param loadAverage the 1-minute load average: runnable and running tasks, smoothed over about a minute; above the
 *                   core count, tasks wait for a core
 * @param machineCpu the cores busy since the previous sample, all processes together; {@code NaN} where unknown
 * @param ownCpu     the cores this run's processes used since the previous sample (this JVM and its JMH forks);
 *                   {@code NaN} where unknown
 */
record LoadSample(long atMillis, double loadAverage, double machineCpu, double ownCpu) {

  /** The cores other work used since the previous sample: the machine's use less this run's, never below 0. */
  double otherCpu() {
    return Double.isNaN(machineCpu) || Double.isNaN(ownCpu) ? Double.NaN : Math.max(0, machineCpu - ownCpu);
  }
}
