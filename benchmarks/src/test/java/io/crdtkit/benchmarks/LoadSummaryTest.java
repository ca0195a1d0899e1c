package io.crdtkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The load figures of a run and of each row: ranges, medians, the busy mark, and which samples a row gets. */
class LoadSummaryTest {

  @Test
  void aSummaryHasTheRangeAndMediansOfItsSamplesAndSkipsUnknownFigures() {
    LoadSummary load = LoadSummary.of(List.of(
        new LoadSample(0, 1.0, Double.NaN, Double.NaN),
        new LoadSample(2_000, 3.0, 2.0, 1.0),
        new LoadSample(4_000, 2.0, 1.5, 1.0)), 2);

    assertThat(load.loadMin()).isEqualTo(1.0);
    assertThat(load.loadMedian()).isEqualTo(2.0);
    assertThat(load.loadMax()).isEqualTo(3.0);
    assertThat(load.machineCpuMedian()).isEqualTo(1.75);
    assertThat(load.otherCpuMedian()).isEqualTo(0.75);
    assertThat(load.otherCpuMax()).isEqualTo(1.0);
  }

  @Test
  void aRunIsBusyWhenTheLoadExceedsTheCoresOrOtherWorkTakesHalfACore() {
    assertThat(LoadSummary.of(List.of(new LoadSample(0, 1.5, 1.2, 1.0)), 2).busy()).isFalse();
    assertThat(LoadSummary.of(List.of(new LoadSample(0, 2.5, 1.2, 1.0)), 2).busy()).isTrue();
    assertThat(LoadSummary.of(List.of(new LoadSample(0, 1.5, 1.9, 1.0)), 2).busy()).isTrue();
    assertThat(LoadSummary.of(List.of(), 2).busy()).isFalse();
  }

  @Test
  void otherWorkIsTheMachinesUseLessThisRunsNeverBelowZero() {
    assertThat(new LoadSample(0, 1, 1.8, 1.1).otherCpu()).isCloseTo(0.7, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(new LoadSample(0, 1, 0.9, 1.1).otherCpu()).isZero();
    assertThat(new LoadSample(0, 1, Double.NaN, 1.1).otherCpu()).isNaN();
  }

  @Test
  void aRowPoolsTheSamplesOfItsCrdtkitAndPekkoForksAndTheOneAfterEach() {
    List<LoadSample> samples = List.of(
        new LoadSample(1_000, 1.0, 1, 1), new LoadSample(3_000, 5.0, 1, 1), new LoadSample(5_000, 1.0, 1, 1),
        new LoadSample(7_000, 1.0, 1, 1), new LoadSample(9_000, 1.2, 1, 1), new LoadSample(11_000, 1.0, 1, 1));
    List<BenchmarkRun> runs = List.of(
        new BenchmarkRun("io.crdtkit.benchmarks.LWWMapPutBenchmark.crdtkit", Map.of("size", "1000"), 2_000, 2_500),
        new BenchmarkRun("io.crdtkit.benchmarks.LWWMapPutBenchmark.pekko", Map.of("size", "1000"), 8_000, 8_500),
        new BenchmarkRun("io.crdtkit.benchmarks.LWWMapPutBenchmark.javaHashMap", Map.of("size", "1000"), 10_000,
            10_500));

    Map<String, LoadSummary> loads = RowLoads.of(runs, samples, 2);

    assertThat(loads).containsOnlyKeys("lwwmap.put[size=1000]");
    LoadSummary row = loads.get("lwwmap.put[size=1000]");
    assertThat(row.samples()).isEqualTo(2);
    assertThat(row.loadMax()).isEqualTo(5.0);
    assertThat(row.busy()).isTrue();
  }

  @Test
  void theRunsOwnThreadsDoNotMakeItDisturbedOnlyOtherWorkOrABusyRowDoes() {
    // The committed full run's case: the load average reached 5.8 while the footprints ran on three threads, other
    // work used 0.01 cores, and no timing row was busy.
    LoadSummary whole = LoadSummary.of(List.of(new LoadSample(0, 5.8, 2.0, 1.99), new LoadSample(2_000, 1.1, 1.0,
        0.99)), 2);
    LoadSummary quietRow = LoadSummary.of(List.of(new LoadSample(0, 1.1, 1.0, 0.99)), 2);
    LoadSummary busyRow = LoadSummary.of(List.of(new LoadSample(0, 3.5, 1.9, 1.0)), 2);

    assertThat(whole.busy()).isTrue();
    assertThat(conditions(whole, quietRow).disturbed()).isFalse();
    assertThat(conditions(whole, busyRow).disturbed()).isTrue();
    LoadSummary otherWork = LoadSummary.of(List.of(new LoadSample(0, 1.9, 1.9, 0.9)), 2);
    assertThat(conditions(otherWork, quietRow).disturbed()).isTrue();
  }

  private static RunConditions conditions(LoadSummary whole, LoadSummary row) {
    return new RunConditions(whole, Map.of("orset.add[size=1000]", row), Map.of(), List.of(),
        java.time.Duration.ofMinutes(1), null);
  }
}
