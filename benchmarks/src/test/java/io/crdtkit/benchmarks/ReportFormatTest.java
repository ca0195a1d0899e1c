package io.crdtkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The report's arithmetic and wording: ratios, their errors, verdicts and number formats. */
class ReportFormatTest {

  @Test
  void aRatioCarriesBothRelativeErrorsInQuadrature() {
    Ratio ratio = Ratio.of(new Score(300, 30, "ns/op"), new Score(100, 10, "ns/op"));

    assertThat(ratio.value()).isEqualTo(3.0);
    assertThat(ratio.error()).isCloseTo(3 * Math.hypot(0.1, 0.1), within(1e-12));
  }

  @Test
  void aRatioOfExactCountsHasNoError() {
    assertThat(Ratio.of(Score.exact(97, "bytes"), Score.exact(81, "bytes")).error()).isZero();
  }

  @Test
  void numbersHaveThreeSignificantDigitsAndThousandsSeparators() {
    assertThat(Report.number(115_667.165)).isEqualTo("115,667");
    assertThat(Report.number(9.954)).isEqualTo("9.95");
    assertThat(Report.number(0.02451)).isEqualTo("0.0245");
    assertThat(Report.number(40)).isEqualTo("40");
    assertThat(Report.multiple(1.0)).isEqualTo("1.00");
    assertThat(Report.count(100_000, "elements")).isEqualTo("100,000 elements");
  }

  @Test
  void aDivergenceSplitsItsUpdatesBetweenTheSidesOnDisjointElements() {
    String[] elements = Elements.items(0, 100_000);
    Divergence divergence = Divergence.of(elements, 0.01);

    assertThat(divergence.differing()).isEqualTo(1_000);
    assertThat(divergence.leftChanges()).doesNotContainAnyElementsOf(java.util.List.of(divergence.rightChanges()));
    assertThat(divergence.leftAdds()).doesNotContainAnyElementsOf(java.util.List.of(divergence.rightAdds()));
  }
}
