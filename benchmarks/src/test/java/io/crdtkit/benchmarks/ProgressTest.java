package io.crdtkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.WorkloadParams;
import org.openjdk.jmh.runner.options.TimeValue;

/** The progress line that replaces JMH's output: n of m, time left, one line per benchmark, failures in full. */
class ProgressTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void aPipeGetsOnePlainLinePerBenchmarkWithNOfMAndTheTimeLeft() {
    Progress progress = progress(false, 40, 5_000);

    progress.startBenchmark(params("ORSetAddBenchmark.crdtkit", "100000"));
    progress.iteration(null, iteration(IterationType.WARMUP), 1);
    progress.println("# Warmup Iteration   1: 123 ns/op");
    progress.endBenchmark(null);
    progress.startBenchmark(params("ORSetAddBenchmark.pekko", "100000"));

    assertThat(text(out).lines().toList()).hasSize(2);
    assertThat(text(out).lines().findFirst().orElseThrow())
        .isEqualTo("[1/40] ORSetAddBenchmark.crdtkit size=100000 (3:20 left)");
    assertThat(text(out)).contains("[2/40] ORSetAddBenchmark.pekko size=100000").doesNotContain("Warmup");
    assertThat(text(err)).isEmpty();
    assertThat(progress.runs()).singleElement()
        .satisfies(run -> assertThat(run.params()).containsEntry("size", "100000"));
  }

  @Test
  void aTerminalGetsOneLineRewrittenWithCarriageReturns() {
    Progress progress = progress(true, 3, 5_000);

    progress.startBenchmark(params("PNCounterMergeBenchmark.crdtkit", "1000"));
    progress.iteration(null, iteration(IterationType.MEASUREMENT), 2);
    progress.endBenchmark(null);
    progress.endRun(List.of());

    assertThat(text(out)).doesNotContain("\n").contains("\r[1/3] PNCounterMergeBenchmark.crdtkit size=1000 · 0:15 left")
        .contains("measuring 2/6").endsWith("\r");
  }

  @Test
  void aFailurePrintsTheBenchmarksWholeTranscriptToStderr() {
    Progress progress = progress(false, 2, 5_000);

    progress.startBenchmark(params("ORSetAddBenchmark.crdtkit", "1000"));
    progress.println("# Fork: 1 of 1");
    progress.println("<failure>");
    progress.println("java.lang.IllegalStateException: broken fixture");

    assertThat(text(err)).contains("ORSetAddBenchmark.crdtkit size=1000", "# Fork: 1 of 1", "<failure>",
        "IllegalStateException: broken fixture");
  }

  @Test
  void theTimeLeftStartsFromTheModeAndFollowsThePace() {
    Progress progress = progress(false, 10, 4_000);

    assertThat(progress.millisLeft(System.currentTimeMillis())).isEqualTo(40_000);
    assertThat(RunPlan.nominalMillis(RunMode.QUICK)).isEqualTo(RunMode.QUICK.forks
        * (RunMode.QUICK.warmupIterations * (long) RunMode.QUICK.warmupMillis
        + RunMode.QUICK.measurementIterations * (long) RunMode.QUICK.measurementMillis
        + Progress.FORK_OVERHEAD_MILLIS));
  }

  @Test
  void aClockReadsInMinutesAndSeconds() {
    assertThat(Progress.clock(151_000)).isEqualTo("2:31");
    assertThat(Progress.clock(59_600)).isEqualTo("1:00");
    assertThat(Progress.clock(3_723_000)).isEqualTo("1:02:03");
    assertThat(Progress.clock(-5)).isEqualTo("0:00");
  }

  private Progress progress(boolean terminal, int total, long nominalMillis) {
    return new Progress(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), terminal, total, nominalMillis);
  }

  private static String text(ByteArrayOutputStream stream) {
    return stream.toString(StandardCharsets.UTF_8);
  }

  private static IterationParams iteration(IterationType type) {
    return new IterationParams(type, 6, TimeValue.milliseconds(200), 1);
  }

  private static BenchmarkParams params(String benchmark, String size) {
    WorkloadParams workload = new WorkloadParams();
    workload.put("size", size, 0);
    return new BenchmarkParams("io.crdtkit.benchmarks." + benchmark, "generated", true, 1, new int[] {1}, List.of(),
        1, 0, iteration(IterationType.WARMUP), iteration(IterationType.MEASUREMENT), Mode.AverageTime, workload,
        TimeUnit.NANOSECONDS, 1, "java", List.of(), "17", "vm", "17", "1.37", TimeValue.minutes(10));
  }
}
