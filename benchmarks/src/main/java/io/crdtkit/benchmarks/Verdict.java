package io.crdtkit.benchmarks;

import java.util.Locale;

/**
 * Whether a performance target is met by a measurement, taking its error bars into account. The rule (stated in
 * PERFORMANCE.md and in the report's "How to read"): a target is <em>met</em> or <em>missed</em> only when the whole
 * error interval lies on one side of it and the measurement is steady enough to judge; otherwise the verdict is
 * <em>inconclusive</em>. Steady enough means the ratio's error is at most {@link #MAX_RELATIVE_ERROR} of its value:
 * on a busy machine the load changes between the forks of the two sides, which neither side's confidence interval
 * sees, so a wide interval says the interval itself cannot be trusted (quick mode once read LWWMap put at
 * 0.41x ± 0.38 of Pekko, "missed", where full mode measures 1.9x to 2.6x).
 */
enum Verdict {
  MET("met"),
  MISSED("**missed**"),
  /**
   * The error interval spans the target, or the measurement is too noisy to judge: rerun in full mode, or on a
   * quieter machine.
   */
  INCONCLUSIVE("inconclusive");

  /** The largest error, as a fraction of the ratio, that still allows a verdict: 25%. */
  static final double MAX_RELATIVE_ERROR = 0.25;

  /** The rule in words, for the report's "How to read". */
  static final String RULE = String.format(Locale.ROOT, "A target is *met* or *missed* only when the whole error "
      + "interval lies on one side of it; it is *inconclusive* when the interval spans the target, or when the error "
      + "is more than %d%% of the ratio (too noisy to judge: the load changes between the two sides' forks, which "
      + "neither side's interval sees).", Math.round(MAX_RELATIVE_ERROR * 100));

  final String text;

  Verdict(String text) {
    this.text = text;
  }

  /** The verdict for "at least {@code target}". */
  static Verdict atLeast(Ratio ratio, double target) {
    if (tooNoisy(ratio)) {
      return INCONCLUSIVE;
    }
    return ratio.low() >= target ? MET : ratio.high() < target ? MISSED : INCONCLUSIVE;
  }

  /** The verdict for "at most {@code target}". */
  static Verdict atMost(Ratio ratio, double target) {
    if (tooNoisy(ratio)) {
      return INCONCLUSIVE;
    }
    return ratio.high() <= target ? MET : ratio.low() > target ? MISSED : INCONCLUSIVE;
  }

  /**
   * Whether the error is too large a part of the ratio to judge by. An unknown error (one iteration: the smoke pass)
   * counts as none, as the interval does; the report shows it as {@code ± ?}.
   */
  static boolean tooNoisy(Ratio ratio) {
    return !Double.isNaN(ratio.error()) && Math.abs(ratio.error()) > MAX_RELATIVE_ERROR * Math.abs(ratio.value());
  }
}
