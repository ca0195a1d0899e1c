package io.crdtkit.benchmarks;

/**
 * The ratio of two scores measured in the same run, with its error propagated from theirs (relative errors add
 * in quadrature, which holds for independent measurements with small errors). For exact counts the error is 0.
 *
 * @param value the ratio
 * @param error its half-width; {@code NaN} if either score's error is unknown
 */
record Ratio(double value, double error) {

  /** {@code numerator / denominator}. */
  static Ratio of(Score numerator, Score denominator) {
    double value = numerator.value() / denominator.value();
    double relative = Math.hypot(numerator.relativeError(), denominator.relativeError());
    return new Ratio(value, value * relative);
  }

  double low() {
    return value - (Double.isNaN(error) ? 0 : error);
  }

  double high() {
    return value + (Double.isNaN(error) ? 0 : error);
  }
}
