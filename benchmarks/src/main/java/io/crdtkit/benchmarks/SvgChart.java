package io.crdtkit.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A log-log line chart of one {@link GrowthCurve}, as a standalone SVG document: one line per implementation with
 * its points, their error bars and its fitted power law (dashed), a legend that states each fitted exponent,
 * labelled axes with decade grid lines, and a caption. Drawn on a white background so that it reads the same in a
 * light or a dark page. Every coordinate is printed with a fixed number of decimals in the root locale, so that the
 * same numbers always give the same bytes (the files are committed beside RESULTS.md).
 *
 * <p>Hand-written rather than drawn by a charting library: a few lines, circles and labels are all it needs, as the
 * docs site's own ratio charts are drawn, and the benchmarks module would otherwise carry JFreeChart (and
 * JFreeSVG) and its AWT font metrics for a dozen elements per chart.
 */
final class SvgChart {

  static final int WIDTH = 640;
  static final int HEIGHT = 420;
  static final int PLOT_LEFT = 84;
  static final int PLOT_RIGHT = 620;
  static final int PLOT_TOP = 72;
  static final int PLOT_BOTTOM = 330;
  private static final String FONT =
      "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', sans-serif";
  /** crdtkit first, Pekko second: the docs site's colours for the two. */
  private static final String[] COLOURS = {"#1f6fb2", "#d9730d", "#4d8f3a", "#7a4fa3"};
  private static final String[] MARKERS = {"circle", "square", "circle", "square"};

  private final GrowthCurve curve;
  private final double xLow;
  private final double xHigh;
  private final double yLow;
  private final double yHigh;

  SvgChart(GrowthCurve curve) {
    this.curve = curve;
    List<GrowthFit.Point> all = new ArrayList<>();
    curve.series().forEach(series -> all.addAll(drawable(series.points())));
    if (all.isEmpty()) {
      throw new IllegalArgumentException("a chart of no drawable points: " + curve.id());
    }
    double minN = all.stream().mapToDouble(GrowthFit.Point::n).min().orElseThrow();
    double maxN = all.stream().mapToDouble(GrowthFit.Point::n).max().orElseThrow();
    double minY = all.stream().mapToDouble(SvgChart::lower).min().orElseThrow();
    double maxY = all.stream().mapToDouble(SvgChart::upper).max().orElseThrow();
    this.xLow = decadeBelow(minN);
    this.xHigh = Math.max(decadeAbove(maxN), xLow * 10);
    this.yLow = decadeBelow(minY);
    this.yHigh = Math.max(decadeAbove(maxY), yLow * 10);
  }

  /** The horizontal pixel of size {@code n}. */
  double x(double n) {
    return PLOT_LEFT + (PLOT_RIGHT - PLOT_LEFT) * (Math.log10(n) - Math.log10(xLow))
        / (Math.log10(xHigh) - Math.log10(xLow));
  }

  /** The vertical pixel of cost {@code value}. */
  double y(double value) {
    return PLOT_BOTTOM - (PLOT_BOTTOM - PLOT_TOP) * (Math.log10(value) - Math.log10(yLow))
        / (Math.log10(yHigh) - Math.log10(yLow));
  }

  String svg() {
    StringBuilder out = new StringBuilder();
    out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"growth-chart\" width=\"").append(WIDTH)
        .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
        .append("\" role=\"img\" aria-labelledby=\"").append(curve.id()).append("-title\" font-family=\"")
        .append(escape(FONT)).append("\">\n");
    out.append("  <title id=\"").append(curve.id()).append("-title\">").append(escape(curve.title()))
        .append("</title>\n");
    out.append("  <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    out.append("  <defs><clipPath id=\"").append(curve.id()).append("-plot\"><rect x=\"").append(PLOT_LEFT)
        .append("\" y=\"").append(PLOT_TOP).append("\" width=\"").append(PLOT_RIGHT - PLOT_LEFT).append("\" height=\"")
        .append(PLOT_BOTTOM - PLOT_TOP).append("\"/></clipPath></defs>\n");
    text(out, WIDTH / 2.0, 24, "middle", 16, "#111111", "bold", curve.title());
    grid(out);
    legend(out);
    for (int s = 0; s < curve.series().size(); s++) {
      series(out, curve.series().get(s), s);
    }
    text(out, (PLOT_LEFT + PLOT_RIGHT) / 2.0, PLOT_BOTTOM + 40, "middle", 13, "#111111", "normal",
        curve.xLabel() + " (log scale)");
    out.append("  <text transform=\"translate(18,").append(fixed((PLOT_TOP + PLOT_BOTTOM) / 2.0))
        .append(") rotate(-90)\" text-anchor=\"middle\" font-size=\"13\" fill=\"#111111\">")
        .append(escape(curve.yLabel() + " (log scale)")).append("</text>\n");
    double line = PLOT_BOTTOM + 62;
    for (String caption : curve.caption()) {
      text(out, PLOT_LEFT - 60, line, "start", 11, "#444444", "normal", caption);
      line += 15;
    }
    out.append("</svg>\n");
    return out.toString();
  }

  private void grid(StringBuilder out) {
    out.append("  <g class=\"grid\" stroke=\"#d0d0d0\" stroke-width=\"1\">\n");
    for (double n : ticks(xLow, xHigh)) {
      out.append("    <line x1=\"").append(fixed(x(n))).append("\" y1=\"").append(PLOT_TOP).append("\" x2=\"")
          .append(fixed(x(n))).append("\" y2=\"").append(PLOT_BOTTOM).append("\"/>\n");
    }
    for (double v : ticks(yLow, yHigh)) {
      out.append("    <line x1=\"").append(PLOT_LEFT).append("\" y1=\"").append(fixed(y(v))).append("\" x2=\"")
          .append(PLOT_RIGHT).append("\" y2=\"").append(fixed(y(v))).append("\"/>\n");
    }
    out.append("  </g>\n");
    out.append("  <rect class=\"frame\" x=\"").append(PLOT_LEFT).append("\" y=\"").append(PLOT_TOP)
        .append("\" width=\"").append(PLOT_RIGHT - PLOT_LEFT).append("\" height=\"").append(PLOT_BOTTOM - PLOT_TOP)
        .append("\" fill=\"none\" stroke=\"#555555\" stroke-width=\"1\"/>\n");
    out.append("  <g class=\"x-ticks\">\n");
    for (double n : ticks(xLow, xHigh)) {
      text(out, x(n), PLOT_BOTTOM + 18, "middle", 12, "#222222", "normal", size(n));
    }
    out.append("  </g>\n  <g class=\"y-ticks\">\n");
    for (double v : ticks(yLow, yHigh)) {
      text(out, PLOT_LEFT - 8, y(v) + 4, "end", 12, "#222222", "normal", size(v));
    }
    out.append("  </g>\n");
  }

  private void legend(StringBuilder out) {
    double left = PLOT_LEFT;
    out.append("  <g class=\"legend\">\n");
    for (int s = 0; s < curve.series().size(); s++) {
      GrowthCurve.Series series = curve.series().get(s);
      String colour = COLOURS[s % COLOURS.length];
      double top = 42 + 16 * s;
      out.append("    <line x1=\"").append(fixed(left)).append("\" y1=\"").append(fixed(top)).append("\" x2=\"")
          .append(fixed(left + 24)).append("\" y2=\"").append(fixed(top)).append("\" stroke=\"").append(colour)
          .append("\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\n");
      marker(out, MARKERS[s % MARKERS.length], left + 12, top, colour, "legend-marker", null);
      String fit = series.fit() == null ? "too few points to fit" : "~ n^" + GrowthCurve.exponent(series.fit());
      text(out, left + 32, top + 4, "start", 12, "#111111", "normal", series.name() + ": " + fit);
    }
    out.append("  </g>\n");
  }

  private void series(StringBuilder out, GrowthCurve.Series series, int index) {
    String colour = COLOURS[index % COLOURS.length];
    List<GrowthFit.Point> points = drawable(series.points());
    out.append("  <g class=\"series\" data-series=\"").append(escape(series.name())).append("\">\n");
    GrowthFit fit = series.fit();
    if (fit != null && points.size() >= 2) {
      double from = points.get(0).n();
      double to = points.get(points.size() - 1).n();
      out.append("    <line class=\"fit\" clip-path=\"url(#").append(curve.id()).append("-plot)\" x1=\"")
          .append(fixed(x(from))).append("\" y1=\"").append(fixed(y(fit.at(from)))).append("\" x2=\"")
          .append(fixed(x(to))).append("\" y2=\"").append(fixed(y(fit.at(to)))).append("\" stroke=\"").append(colour)
          .append("\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n");
    }
    if (points.size() >= 2) {
      StringBuilder path = new StringBuilder();
      for (GrowthFit.Point p : points) {
        path.append(path.length() == 0 ? "" : " ").append(fixed(x(p.n()))).append(',').append(fixed(y(p.value())));
      }
      out.append("    <polyline class=\"measured\" points=\"").append(path).append("\" fill=\"none\" stroke=\"")
          .append(colour).append("\" stroke-width=\"2\"/>\n");
    }
    for (GrowthFit.Point p : points) {
      if (Double.isFinite(p.error()) && p.error() > 0) {
        double px = x(p.n());
        double top = y(upper(p));
        double bottom = y(lower(p));
        out.append("    <g class=\"error-bar\" stroke=\"").append(colour).append("\" stroke-width=\"1.5\">")
            .append("<line x1=\"").append(fixed(px)).append("\" y1=\"").append(fixed(top)).append("\" x2=\"")
            .append(fixed(px)).append("\" y2=\"").append(fixed(bottom)).append("\"/>")
            .append("<line x1=\"").append(fixed(px - 4)).append("\" y1=\"").append(fixed(top)).append("\" x2=\"")
            .append(fixed(px + 4)).append("\" y2=\"").append(fixed(top)).append("\"/>")
            .append("<line x1=\"").append(fixed(px - 4)).append("\" y1=\"").append(fixed(bottom)).append("\" x2=\"")
            .append(fixed(px + 4)).append("\" y2=\"").append(fixed(bottom)).append("\"/></g>\n");
      }
      marker(out, MARKERS[index % MARKERS.length], x(p.n()), y(p.value()), colour, "point", p);
    }
    out.append("  </g>\n");
  }

  private static void marker(StringBuilder out, String shape, double cx, double cy, String colour, String kind,
      GrowthFit.@Nullable Point point) {
    String data = point == null ? "" : " data-n=\"" + plain(point.n()) + "\" data-value=\"" + plain(point.value())
        + "\"";
    if ("circle".equals(shape)) {
      out.append("    <circle class=\"").append(kind).append("\" cx=\"").append(fixed(cx)).append("\" cy=\"")
          .append(fixed(cy)).append("\" r=\"4\" fill=\"").append(colour).append("\" stroke=\"#ffffff\"").append(data)
          .append("/>\n");
    } else {
      out.append("    <rect class=\"").append(kind).append("\" x=\"").append(fixed(cx - 4)).append("\" y=\"")
          .append(fixed(cy - 4)).append("\" width=\"8\" height=\"8\" fill=\"").append(colour)
          .append("\" stroke=\"#ffffff\"").append(data).append("/>\n");
    }
  }

  private static void text(StringBuilder out, double x, double y, String anchor, int size, String colour,
      String weight, String text) {
    out.append("    <text x=\"").append(fixed(x)).append("\" y=\"").append(fixed(y)).append("\" text-anchor=\"")
        .append(anchor).append("\" font-size=\"").append(size).append("\" fill=\"").append(colour).append('"')
        .append("normal".equals(weight) ? "" : " font-weight=\"" + weight + "\"").append('>').append(escape(text))
        .append("</text>\n");
  }

  /** Points a log axis can show: a positive size and cost. */
  static List<GrowthFit.Point> drawable(List<GrowthFit.Point> points) {
    return points.stream().filter(p -> p.n() > 0 && p.value() > 0).toList();
  }

  private static double lower(GrowthFit.Point p) {
    boolean known = Double.isFinite(p.error()) && p.error() > 0;
    // a log axis has no zero: an error bar that reaches it is cut at a tenth of the value
    return known ? Math.max(p.value() - p.error(), p.value() / 10) : p.value();
  }

  private static double upper(GrowthFit.Point p) {
    return Double.isFinite(p.error()) && p.error() > 0 ? p.value() + p.error() : p.value();
  }

  private static double decadeBelow(double value) {
    return Math.pow(10, Math.floor(Math.log10(value) + 1e-9));
  }

  private static double decadeAbove(double value) {
    return Math.pow(10, Math.ceil(Math.log10(value) - 1e-9));
  }

  /** Decades, and 2 and 5 times each when the axis spans two decades or less (e.g. 3 to 9 members). */
  static List<Double> ticks(double low, double high) {
    List<Double> ticks = new ArrayList<>();
    boolean fine = Math.log10(high / low) <= 2.01;
    for (double decade = low; decade <= high * 1.0001; decade *= 10) {
      ticks.add(decade);
      if (fine) {
        for (double step : new double[] {2, 5}) {
          if (decade * step <= high * 1.0001) {
            ticks.add(decade * step);
          }
        }
      }
    }
    return ticks;
  }

  /** An axis label: {@code 1k}, {@code 100k}, {@code 1M}, {@code 0.1}, {@code 50}. */
  static String size(double value) {
    if (value >= 1e9) {
      return plain(value / 1e9) + "G";
    }
    if (value >= 1e6) {
      return plain(value / 1e6) + "M";
    }
    if (value >= 1e3) {
      return plain(value / 1e3) + "k";
    }
    return plain(value);
  }

  private static String plain(double value) {
    return new java.math.BigDecimal(value).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
  }

  private static String fixed(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
