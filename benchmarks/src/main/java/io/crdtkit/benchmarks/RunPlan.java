package io.crdtkit.benchmarks;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Collection;
import java.util.Map;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * What a JMH run will do before it starts: how many benchmarks (each method once per parameter set, as JMH counts
 * them) and what they should take by the mode's settings. The progress line and the time budget are built on it.
 *
 * @param benchmarks    how many benchmarks match
 * @param nominalMillis what one benchmark should take: forks times (warm-up and measured iterations, plus
 *                      {@link Progress#FORK_OVERHEAD_MILLIS} for the fork's start and fixtures)
 */
record RunPlan(int benchmarks, long nominalMillis) {

  /** The plan of {@code options} for {@code mode}, from JMH's own list of this module's benchmarks. */
  static RunPlan of(RunMode mode, Options options) {
    PrintStream silent = new PrintStream(OutputStream.nullOutputStream());
    Collection<BenchmarkListEntry> entries = BenchmarkList.defaultList()
        .find(OutputFormatFactory.createFormatInstance(silent, VerboseMode.SILENT), options.getIncludes(),
            options.getExcludes());
    int count = 0;
    for (BenchmarkListEntry entry : entries) {
      int combinations = 1;
      if (entry.getParams().hasValue()) {
        for (Map.Entry<String, String[]> param : entry.getParams().get().entrySet()) {
          var given = options.getParameter(param.getKey());
          combinations *= given.hasValue() ? given.get().size() : param.getValue().length;
        }
      }
      count += combinations;
    }
    return new RunPlan(count, nominalMillis(mode));
  }

  /** One benchmark's nominal time in {@code mode}. */
  static long nominalMillis(RunMode mode) {
    return (long) mode.forks * (mode.warmupIterations * (long) mode.warmupMillis
        + mode.measurementIterations * (long) mode.measurementMillis + Progress.FORK_OVERHEAD_MILLIS);
  }

  /** The whole JMH run's nominal time. */
  long totalMillis() {
    return benchmarks * nominalMillis;
  }
}
