package io.crdtkit.benchmarks;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How one cost grows with one size: the points of each implementation measured at several sizes, and the power law
 * fitted to them. Drawn by {@link SvgChart} into {@code growth-<id>.svg}; tabulated by {@link GrowthReport}.
 *
 * @param id      a stable name, also the chart's file name: {@code orset-add}, {@code heal-keys-time}
 * @param title   what the chart shows, e.g. {@code ORSet add: CPU time per operation}
 * @param what    the cost in words for the report's sentences, e.g. {@code add}
 * @param xLabel  the size's axis label, e.g. {@code elements in the set}
 * @param yLabel  the cost's axis label with its unit, e.g. {@code CPU time per operation (ns)}
 * @param unit    the cost's unit as the report prints it ({@code ns}, {@code µs}, {@code ms}, {@code B})
 * @param series  crdtkit first, then Pekko where it was measured
 * @param caption a line or two under the chart: what was measured and how
 */
record GrowthCurve(String id, String title, String what, String xLabel, String yLabel, String unit,
    List<Series> series, List<String> caption) {

  /**
   * One implementation's points, by increasing size, and their fit ({@code null} with fewer than two usable
   * points).
   */
  record Series(String name, List<GrowthFit.Point> points, @Nullable GrowthFit fit) {

    static Series of(String name, List<GrowthFit.Point> points) {
      List<GrowthFit.Point> sorted = points.stream()
          .sorted(java.util.Comparator.comparingDouble(GrowthFit.Point::n)).toList();
      boolean fittable = SvgChart.drawable(sorted).stream().mapToDouble(GrowthFit.Point::n).distinct().count() >= 2;
      return new Series(name, sorted, fittable ? GrowthFit.of(sorted) : null);
    }
  }

  /** The chart's file name beside RESULTS.md. */
  String fileName() {
    return "growth-" + id + ".svg";
  }

  /** {@code 0.12 ± 0.05}, or {@code 0.12 (two points: error unknown)}: an exponent as the report states it. */
  static String exponent(GrowthFit fit) {
    String k = String.format(Locale.ROOT, "%.2f", fit.exponent());
    return Double.isNaN(fit.error()) ? k + " (two points: error unknown)"
        : k + " ± " + String.format(Locale.ROOT, "%.2f", fit.error());
  }
}
