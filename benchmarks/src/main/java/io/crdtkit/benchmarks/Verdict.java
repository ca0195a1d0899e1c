package io.crdtkit.benchmarks;

/** Whether a performance target is met by a measurement, taking its error bars into account. */
enum Verdict {
  MET("met"),
  MISSED("**missed**"),
  /** The error interval straddles the target: rerun in full mode, or on a quieter machine. */
  UNCERTAIN("within error");

  final String text;

  Verdict(String text) {
    this.text = text;
  }

  /** The verdict for "at least {@code target}". */
  static Verdict atLeast(Ratio ratio, double target) {
    return ratio.low() >= target ? MET : ratio.high() < target ? MISSED : UNCERTAIN;
  }

  /** The verdict for "at most {@code target}". */
  static Verdict atMost(Ratio ratio, double target) {
    return ratio.high() <= target ? MET : ratio.low() > target ? MISSED : UNCERTAIN;
  }
}
