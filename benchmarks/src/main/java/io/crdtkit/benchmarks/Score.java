package io.crdtkit.benchmarks;

/**
 * One measured value with its error: a JMH score and its 99.9% confidence half-width, or an exact count (bytes)
 * whose error is 0. {@code NaN} error means JMH had too few samples to give one (a single iteration).
 *
 * @param value lower is better: nanoseconds, microseconds or bytes
 * @param error the half-width of the interval around {@code value}, in the same unit
 * @param unit  {@code ns/op}, {@code us/op}, {@code bytes} or {@code bytes/element}
 */
record Score(double value, double error, String unit) {

  static Score exact(double value, String unit) {
    return new Score(value, 0, unit);
  }

  /** The error relative to the value (0.05 is 5%); {@code NaN} if unknown. */
  double relativeError() {
    return value == 0 ? 0 : Math.abs(error / value);
  }
}
