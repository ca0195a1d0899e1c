package io.crdtkit.site;

import java.math.BigDecimal;
import java.math.MathContext;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A horizontal bar chart of ratios against a baseline, drawn as SVG: one bar per row, from the 1x line (as fast or
 * as small as the baseline) to the ratio, on a log scale so that 0.1x and 10x are as far from parity, with the
 * row's error bar. Hand-written SVG: a few rectangles, lines and labels need no charting library, and the page
 * inlines the result, so it renders offline and from file:// like the rest of the site.
 */
final class RatioChart {

  /** One bar: what was measured, in which case, the ratio and its error (half-width; 0 for exact counts). */
  record Bar(String label, String detail, double ratio, double error) {
    double low() {
      return Math.max(ratio - error, ratio / 1_000);   // a log axis has no zero: an error past it is clipped
    }

    double high() {
      return ratio + error;
    }
  }

  private static final int WIDTH = 960;
  private static final int PLOT_LEFT = 400;
  private static final int PLOT_RIGHT = 805;
  private static final int TOP = 96;
  /** What fits left of the plot, in characters: at 13 px for the label, 11 px for its detail. */
  private static final int LABEL_CHARS = 52;
  private static final int DETAIL_CHARS = 62;
  private static final String FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', sans-serif";
  private static final String ABOVE = "#1f6fb2";
  private static final String BELOW = "#d9730d";

  private final String id;
  private final String title;
  private final String axis;
  private final String above;
  private final String below;
  private final List<String> caption;
  private final List<Bar> bars;
  private final int lowDecade;
  private final int highDecade;

  /**
   * @param id a prefix for the SVG's element ids, unique on its page
   * @param axis what the ratio is (the axis title)
   * @param above what a bar to the right of 1x means; {@code below} to the left
   * @param caption lines under the chart: the run that measured it
   */
  RatioChart(String id, String title, String axis, String above, String below, List<String> caption, List<Bar> bars) {
    if (bars.isEmpty()) {
      throw new IllegalArgumentException("a chart of no bars: " + title);
    }
    this.id = id;
    this.title = title;
    this.axis = axis;
    this.above = above;
    this.below = below;
    this.caption = List.copyOf(caption);
    this.bars = List.copyOf(bars);
    double lowest = bars.stream().mapToDouble(Bar::low).min().orElseThrow();
    double highest = bars.stream().mapToDouble(Bar::high).max().orElseThrow();
    this.lowDecade = (int) Math.floor(Math.log10(Math.min(lowest, 1) * 0.999));
    this.highDecade = Math.max(lowDecade + 1, (int) Math.ceil(Math.log10(Math.max(highest, 1) * 1.001)));
  }

  private double x(double ratio) {
    double position = (Math.log10(ratio) - lowDecade) / (highDecade - lowDecade);
    return PLOT_LEFT + position * (PLOT_RIGHT - PLOT_LEFT);
  }

  /** A row's height: its label's and detail's lines, and room around them. */
  private static int rowHeight(Bar bar) {
    return Math.max(38, 12 + 15 * wrap(bar.label(), LABEL_CHARS).size() + 13 * wrap(bar.detail(), DETAIL_CHARS).size());
  }

  private int plotBottom() {
    return TOP + bars.stream().mapToInt(RatioChart::rowHeight).sum();
  }

  private int height() {
    return plotBottom() + 34 + caption.size() * 17 + 10;
  }

  /** Breaks a text into lines of at most {@code width} characters, at spaces (a longer word stays whole). */
  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(line.length() > 0 ? " " : "").append(word);
    }
    lines.add(line.toString());
    return lines;
  }

  String svg() {
    int plotBottom = plotBottom();
    StringBuilder svg = new StringBuilder();
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ratio-chart\" viewBox=\"0 0 ").append(WIDTH)
        .append(' ').append(height()).append("\" width=\"100%\" role=\"img\" aria-labelledby=\"").append(id)
        .append("-title ").append(id).append("-desc\" font-family=\"").append(FONT).append("\">\n");
    svg.append("<title id=\"").append(id).append("-title\">").append(escape(title)).append("</title>\n");
    svg.append("<desc id=\"").append(id).append("-desc\">").append(escape(description())).append("</desc>\n");
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    text(svg, 12, 24, 16, "start", "#1a1a1a", "bold", title);
    text(svg, 12, 46, 13, "start", "#444444", "normal", axis);
    legend(svg, 12, 68);

    // stripes, so that a label and its bar read as one row
    int top = TOP;
    for (int i = 0; i < bars.size(); i++) {
      if (i % 2 == 0) {
        svg.append("<rect x=\"0\" y=\"").append(top).append("\" width=\"").append(WIDTH)
            .append("\" height=\"").append(rowHeight(bars.get(i))).append("\" fill=\"#f4f6f8\"/>\n");
      }
      top += rowHeight(bars.get(i));
    }
    // one grid line per decade, the 1x line (parity) darker
    for (int decade = lowDecade; decade <= highDecade; decade++) {
      double ratio = Math.pow(10, decade);
      String x = number(x(ratio));
      boolean parity = decade == 0;
      svg.append("<line x1=\"").append(x).append("\" y1=\"").append(TOP - 6).append("\" x2=\"").append(x)
          .append("\" y2=\"").append(plotBottom).append("\" stroke=\"").append(parity ? "#333333" : "#c8ccd0")
          .append("\" stroke-width=\"").append(parity ? "1.5" : "1").append("\"/>\n");
      text(svg, x(ratio), plotBottom + 18, 12, "middle", "#333333", parity ? "bold" : "normal", ratio(ratio) + "×");
    }
    top = TOP;
    for (Bar bar : bars) {
      bar(svg, bar, top);
      top += rowHeight(bar);
    }
    int line = plotBottom + 42;
    for (String text : caption) {
      text(svg, 12, line, 12, "start", "#555555", "normal", text);
      line += 17;
    }
    return svg.append("</svg>\n").toString();
  }

  private void bar(StringBuilder svg, Bar bar, int top) {
    double parity = x(1);
    double end = x(bar.ratio());
    double middle = top + rowHeight(bar) / 2.0;
    int baseline = top + 16;
    for (String line : wrap(bar.label(), LABEL_CHARS)) {
      text(svg, PLOT_LEFT - 12, baseline, 13, "end", "#1a1a1a", "normal", line);
      baseline += 15;
    }
    for (String line : wrap(bar.detail(), DETAIL_CHARS)) {
      text(svg, PLOT_LEFT - 12, baseline, 11, "end", "#5a5a5a", "normal", line);
      baseline += 13;
    }
    svg.append("<rect class=\"bar\" x=\"").append(number(Math.min(parity, end))).append("\" y=\"")
        .append(number(middle - 8)).append("\" width=\"").append(number(Math.max(1.5, Math.abs(end - parity))))
        .append("\" height=\"16\" fill=\"").append(bar.ratio() >= 1 ? ABOVE : BELOW).append("\"><title>")
        .append(escape(bar.label() + ", " + bar.detail() + ": " + value(bar))).append("</title></rect>\n");
    if (bar.error() > 0) {
      double low = x(bar.low());
      double high = x(bar.high());
      svg.append("<g class=\"error-bar\" stroke=\"#1a1a1a\" stroke-width=\"1.4\">")
          .append(line(low, middle, high, middle))
          .append(line(low, middle - 5, low, middle + 5))
          .append(line(high, middle - 5, high, middle + 5))
          .append("</g>\n");
    }
    text(svg, WIDTH - 10, middle + 5, 13, "end", "#1a1a1a", "normal", value(bar));
  }

  private void legend(StringBuilder svg, int x, int y) {
    svg.append("<rect x=\"").append(x).append("\" y=\"").append(y - 10).append("\" width=\"12\" height=\"12\" fill=\"")
        .append(ABOVE).append("\"/>\n");
    text(svg, x + 18, y, 12, "start", "#333333", "normal", above);
    int second = x + 30 + above.length() * 7;
    svg.append("<rect x=\"").append(second).append("\" y=\"").append(y - 10)
        .append("\" width=\"12\" height=\"12\" fill=\"").append(BELOW).append("\"/>\n");
    text(svg, second + 18, y, 12, "start", "#333333", "normal", below);
    if (bars.stream().noneMatch(bar -> bar.error() > 0)) {
      return;
    }
    int third = second + 30 + below.length() * 7;
    svg.append("<g stroke=\"#1a1a1a\" stroke-width=\"1.4\">").append(line(third, y - 4, third + 24, y - 4))
        .append(line(third, y - 9, third, y + 1)).append(line(third + 24, y - 9, third + 24, y + 1)).append("</g>\n");
    text(svg, third + 30, y, 12, "start", "#333333", "normal", "99.9% confidence interval");
  }

  private String description() {
    StringBuilder description = new StringBuilder(axis).append(". ");
    for (Bar bar : bars) {
      description.append(bar.label()).append(", ").append(bar.detail()).append(": ").append(value(bar)).append(". ");
    }
    return description.append(String.join(" ", caption)).toString();
  }

  static String value(Bar bar) {
    return bar.error() > 0 ? ratio(bar.ratio()) + "× ± " + ratio(bar.error()) : ratio(bar.ratio()) + "×";
  }

  /** Three significant digits, thousands grouped: 0.157, 1.69, 69.4, 7,125. */
  static String ratio(double value) {
    BigDecimal rounded = new BigDecimal(value).round(new MathContext(3));
    if (rounded.abs().compareTo(BigDecimal.valueOf(1000)) >= 0) {
      return new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(Math.round(value));
    }
    return rounded.stripTrailingZeros().toPlainString();
  }

  private static String line(double x1, double y1, double x2, double y2) {
    return "<line x1=\"" + number(x1) + "\" y1=\"" + number(y1) + "\" x2=\"" + number(x2) + "\" y2=\"" + number(y2)
        + "\"/>";
  }

  private static void text(StringBuilder svg, double x, double y, int size, String anchor, String colour, String weight,
      String text) {
    svg.append("<text x=\"").append(number(x)).append("\" y=\"").append(number(y)).append("\" font-size=\"")
        .append(size).append("\" text-anchor=\"").append(anchor).append("\" fill=\"").append(colour).append('"');
    if (!"normal".equals(weight)) {
      svg.append(" font-weight=\"").append(weight).append('"');
    }
    svg.append('>').append(escape(text)).append("</text>\n");
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
