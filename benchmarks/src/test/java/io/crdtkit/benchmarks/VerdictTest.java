package io.crdtkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The verdict rule: met or missed only when the interval lies on one side and is narrow enough to judge by. */
class VerdictTest {

  @Test
  void aTargetIsMetOrMissedWhenTheWholeIntervalLiesOnOneSide() {
    assertThat(Verdict.atLeast(new Ratio(2.5, 0.2), 2)).isEqualTo(Verdict.MET);
    assertThat(Verdict.atLeast(new Ratio(1.5, 0.2), 2)).isEqualTo(Verdict.MISSED);
    assertThat(Verdict.atMost(new Ratio(3.5, 0.2), 4)).isEqualTo(Verdict.MET);
    assertThat(Verdict.atMost(new Ratio(4.5, 0.2), 4)).isEqualTo(Verdict.MISSED);
  }

  @Test
  void anIntervalThatSpansTheTargetIsInconclusive() {
    assertThat(Verdict.atLeast(new Ratio(2.1, 0.2), 2)).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(Verdict.atLeast(new Ratio(1.93, 0.111), 2)).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(Verdict.atMost(new Ratio(0.09, 0.02), 0.1)).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(Verdict.atMost(new Ratio(4.1, 0.2), 4)).isEqualTo(Verdict.INCONCLUSIVE);
  }

  @Test
  void aMeasurementTooNoisyToJudgeIsInconclusiveEvenWhenItsIntervalMissesTheTarget() {
    // The case: quick mode on a busy machine, LWWMap put, where full mode measures 1.9x to 2.6x.
    Ratio noisy = new Ratio(0.41, 0.38);

    assertThat(noisy.high()).isLessThan(2);
    assertThat(Verdict.atLeast(noisy, 2)).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(Verdict.atMost(new Ratio(8, 4), 4)).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(Verdict.atLeast(new Ratio(69, 18), 3)).isEqualTo(Verdict.INCONCLUSIVE);
  }

  @Test
  void theNoiseThresholdIsAQuarterOfTheRatio() {
    assertThat(Verdict.atLeast(new Ratio(4, 1.0), 2)).isEqualTo(Verdict.MET);
    assertThat(Verdict.atLeast(new Ratio(4, 1.01), 2)).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(Verdict.atLeast(new Ratio(1, 0.25), 2)).isEqualTo(Verdict.MISSED);
    assertThat(Verdict.atLeast(new Ratio(1, 0.26), 2)).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(Verdict.atLeast(new Ratio(-1, 0.2), 2)).isEqualTo(Verdict.MISSED);
  }

  @Test
  void exactCountsAreJudgedByTheirValue() {
    assertThat(Verdict.atMost(new Ratio(1.0, 0), 1.2)).isEqualTo(Verdict.MET);
    assertThat(Verdict.atMost(new Ratio(1.3, 0), 1.2)).isEqualTo(Verdict.MISSED);
  }

  @Test
  void anUnknownErrorCountsAsNoneForTheVerdictButShowsAsUnknown() {
    Ratio ratio = new Ratio(0.66, Double.NaN);

    assertThat(Verdict.atLeast(ratio, 2)).isEqualTo(Verdict.MISSED);
    assertThat(Report.ratio(ratio)).isEqualTo("0.660× ± ?");
  }

  @Test
  void theRuleInWordsStatesTheThreshold() {
    assertThat(Verdict.RULE).contains("inconclusive", "25%");
  }
}
