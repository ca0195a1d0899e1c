package io.crdtkit.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How a report run went: the machine's load throughout it and beside each row, what each part took, and the time
 * from the command's start (Maven's, where Maven ran it) to the report, against the mode's budget.
 *
 * @param load         the load over the whole run
 * @param loadByRow    the load while each timing row's forks ran, by row id
 * @param phases       each part's time, in order (see {@link Phases})
 * @param benchmarks   the JMH benchmarks that ran, with their times
 * @param took         the report command's own time, from its start to the report written
 * @param beforeReport how long the command ran before this JVM started (Maven resolving and compiling), if known
 */
record RunConditions(LoadSummary load, Map<String, LoadSummary> loadByRow, Map<String, Duration> phases,
    List<BenchmarkRun> benchmarks, Duration took, @Nullable Duration beforeReport) {

  /**
   * Whether other work disturbed the run: a timing row was measured while the machine was busy, or other work used
   * more than half a core in the median. Not the whole run's load average: that counts this run's own threads (the
   * footprints measure three at once, the end-to-end clusters run many), which share no timing row with others.
   */
  boolean disturbed() {
    return loadByRow.values().stream().anyMatch(LoadSummary::busy) || load.otherCpuMedian() > 0.5;
  }

  /** From the command's start (Maven's, if known) to the report written. */
  Duration endToEnd() {
    return beforeReport == null ? took : took.plus(beforeReport);
  }

  /** The load while a row was measured, if it was timed by JMH in this run. */
  Optional<LoadSummary> loadOf(String rowId) {
    return Optional.ofNullable(loadByRow.get(rowId));
  }

  /**
   * When the command that started this JVM started: the parent process, if it is Maven (the report runs in a JVM
   * Maven's exec plugin starts; {@code mvnw} execs Maven, so Maven's start is the command's). Empty otherwise.
   */
  static Optional<Instant> commandStart() {
    return ProcessHandle.current().parent()
        .filter(parent -> parent.info().commandLine().map(line -> line.toLowerCase(Locale.ROOT))
            .filter(line -> line.contains("maven") || line.contains("classworlds")).isPresent())
        .flatMap(parent -> parent.info().startInstant());
  }
}
