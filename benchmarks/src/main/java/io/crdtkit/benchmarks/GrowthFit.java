package io.crdtkit.benchmarks;

import java.util.List;

/**
 * A power law {@code cost ~ n^exponent} fitted to a curve's points by least squares on log-log axes: {@code ln y =
 * ln a + k ln n}.
 *
 * <p>Where every point has a known error bar (JMH's 99.9% half-width), the fit is weighted by it: a point's error
 * in log space is its relative error, and its weight the inverse square of that. The exponent's error is then the
 * larger of two figures: the error bars carried through the fit (what the exponent's uncertainty would be if a
 * power law described the points exactly), and the standard error from the fit's residuals (large when the points
 * do not lie on a line, that is when no single power describes them). Points without error bars (a cluster heal is
 * measured once) are fitted unweighted, and only the residuals give an error; with two points there are no
 * residuals and the error is unknown ({@code NaN}).
 *
 * @param exponent  {@code k}: 0 is constant, 1 linear
 * @param error     the exponent's error as above; {@code NaN} if unknown
 * @param prefactor {@code a}, in the points' unit, so that {@code a * n^k} draws the fitted line
 * @param points    how many points the fit used
 */
record GrowthFit(double exponent, double error, double prefactor, int points) {

  /** One measured point: the size {@code n}, the cost, and the cost's error ({@code 0} or {@code NaN} if unknown). */
  record Point(double n, double value, double error) {}

  /** The fitted cost at {@code n}. */
  double at(double n) {
    return prefactor * Math.pow(n, exponent);
  }

  /**
   * Fits {@code points}; those with a size or cost that is not positive cannot go on log axes and are left out.
   *
   * @throws IllegalArgumentException if fewer than two points with distinct sizes are left
   */
  static GrowthFit of(List<Point> points) {
    List<Point> usable = points.stream()
        .filter(p -> p.n() > 0 && p.value() > 0 && Double.isFinite(p.n()) && Double.isFinite(p.value()))
        .toList();
    if (usable.stream().mapToDouble(Point::n).distinct().count() < 2) {
      throw new IllegalArgumentException("a growth fit needs at least two points of different sizes, got " + points);
    }
    int count = usable.size();
    boolean weighted = usable.stream().allMatch(p -> Double.isFinite(p.error()) && p.error() > 0);
    double[] x = new double[count];
    double[] y = new double[count];
    double[] w = new double[count];
    for (int i = 0; i < count; i++) {
      Point p = usable.get(i);
      x[i] = Math.log(p.n());
      y[i] = Math.log(p.value());
      // d(ln y) = dy / y: a point's error bar in log space is its relative error
      double logError = p.error() / p.value();
      w[i] = weighted ? 1 / (logError * logError) : 1;
    }
    double sw = 0;
    double swx = 0;
    double swy = 0;
    for (int i = 0; i < count; i++) {
      sw += w[i];
      swx += w[i] * x[i];
      swy += w[i] * y[i];
    }
    double meanX = swx / sw;
    double meanY = swy / sw;
    double sxx = 0;
    double sxy = 0;
    for (int i = 0; i < count; i++) {
      sxx += w[i] * (x[i] - meanX) * (x[i] - meanX);
      sxy += w[i] * (x[i] - meanX) * (y[i] - meanY);
    }
    double slope = sxy / sxx;
    double intercept = meanY - slope * meanX;

    // The error bars carried through: the slope's variance in a weighted fit is 1 / sxx.
    double propagated = weighted ? Math.sqrt(1 / sxx) : Double.NaN;
    // The residuals' standard error, from the unweighted spread of the points around the line.
    double fromResiduals = Double.NaN;
    if (count > 2) {
      double plainMeanX = 0;
      for (double xi : x) {
        plainMeanX += xi / count;
      }
      double squares = 0;
      double plainSxx = 0;
      for (int i = 0; i < count; i++) {
        double residual = y[i] - (intercept + slope * x[i]);
        squares += residual * residual;
        plainSxx += (x[i] - plainMeanX) * (x[i] - plainMeanX);
      }
      fromResiduals = Math.sqrt(squares / (count - 2) / plainSxx);
    }
    double error = Double.isNaN(propagated) ? fromResiduals
        : Double.isNaN(fromResiduals) ? propagated : Math.max(propagated, fromResiduals);
    return new GrowthFit(slope, error, Math.exp(intercept), count);
  }
}
