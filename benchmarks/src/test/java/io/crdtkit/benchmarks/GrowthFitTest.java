package io.crdtkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class GrowthFitTest {

  @Test
  void exactPowerLawsGiveTheirExponentAndPrefactor() {
    for (double k : new double[] {0, 0.12, 0.5, 1, 2}) {
      List<GrowthFit.Point> points = List.of(1e3, 1e4, 1e5, 1e6).stream()
          .map(n -> new GrowthFit.Point(n, 7 * Math.pow(n, k), 0.05 * 7 * Math.pow(n, k))).toList();
      GrowthFit fit = GrowthFit.of(points);
      assertThat(fit.exponent()).isCloseTo(k, within(1e-9));
      assertThat(fit.prefactor()).isCloseTo(7, within(1e-6));
      assertThat(fit.at(1e5)).isCloseTo(7 * Math.pow(1e5, k), within(1e-6 * Math.pow(1e5, k)));
      assertThat(fit.points()).isEqualTo(4);
    }
  }

  @Test
  void theErrorBarsCarriedThroughGiveTheErrorOfAPerfectFit() {
    // four points 5% off in log space, one decade apart: the weighted slope's error is
    // 0.05 / sqrt(sum (x - mean)^2), x in natural logs
    List<GrowthFit.Point> points = List.of(1e3, 1e4, 1e5, 1e6).stream()
        .map(n -> new GrowthFit.Point(n, 100, 5)).toList();
    double ln10 = Math.log(10);
    double sxx = ln10 * ln10 * (2.25 + 0.25 + 0.25 + 2.25);
    assertThat(GrowthFit.of(points).error()).isCloseTo(0.05 / Math.sqrt(sxx), within(1e-12));
  }

  @Test
  void scatterAroundTheLineWidensTheErrorBeyondTheErrorBars() {
    // tiny error bars, but the points zigzag: the residuals, not the bars, set the error
    List<GrowthFit.Point> points = List.of(
        new GrowthFit.Point(1e3, 100, 0.1), new GrowthFit.Point(1e4, 300, 0.1),
        new GrowthFit.Point(1e5, 100, 0.1), new GrowthFit.Point(1e6, 300, 0.1));
    GrowthFit fit = GrowthFit.of(points);
    assertThat(fit.error()).isGreaterThan(0.1);
  }

  @Test
  void pointsWithoutErrorBarsAreFittedUnweightedAndTwoOfThemHaveNoError() {
    GrowthFit three = GrowthFit.of(List.of(new GrowthFit.Point(3, 30, 0), new GrowthFit.Point(5, 52, 0),
        new GrowthFit.Point(9, 88, 0)));
    assertThat(three.exponent()).isCloseTo(1, within(0.05));
    assertThat(three.error()).isFinite().isPositive();

    GrowthFit two = GrowthFit.of(List.of(new GrowthFit.Point(10, 1, 0), new GrowthFit.Point(1000, 100, 0)));
    assertThat(two.exponent()).isCloseTo(1, within(1e-12));
    assertThat(two.error()).isNaN();
    assertThat(GrowthCurve.exponent(two)).isEqualTo("1.00 (two points: error unknown)");
  }

  @Test
  void aPointALogAxisCannotHoldIsLeftOut() {
    GrowthFit fit = GrowthFit.of(List.of(new GrowthFit.Point(1e3, 0, 0), new GrowthFit.Point(1e4, 10, 0),
        new GrowthFit.Point(1e5, 100, 0)));
    assertThat(fit.points()).isEqualTo(2);
    assertThat(fit.exponent()).isCloseTo(1, within(1e-12));
  }

  @Test
  void oneSizeIsNoCurve() {
    assertThatThrownBy(() -> GrowthFit.of(List.of(new GrowthFit.Point(1e3, 1, 0), new GrowthFit.Point(1e3, 2, 0))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least two points of different sizes");
  }
}
