package io.crdtkit.site;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * What a test recorded over time, and its picture: samples of a few series taken every few milliseconds by a
 * sampler thread, events the test marks as it goes, and a period shaded (a partition). {@link #svg} draws it as a
 * plain SVG (no script, no web font), one panel per group of series, so the GC page shows what a run did rather than
 * a hand-drawn idea of it.
 */
final class Timeline {

  /** One line of a panel: its name, its colour, and where its value comes from when sampled. */
  record Series(String name, String colour, String panel, Supplier<Long> value) {}

  record Sample(long millis, List<Long> values) {}

  record Event(long millis, String label) {}

  private final long start = System.nanoTime();
  private final List<Series> series;
  private final List<Sample> samples = new CopyOnWriteArrayList<>();
  private final List<Event> events = new CopyOnWriteArrayList<>();
  private long shadeFrom = -1;
  private long shadeTo = -1;
  private String shadeLabel = "";

  Timeline(List<Series> series) {
    this.series = List.copyOf(series);
  }

  long now() {
    return (System.nanoTime() - start) / 1_000_000;
  }

  void sample() {
    List<Long> values = new ArrayList<>();
    for (Series one : series) {
      values.add(one.value().get());
    }
    samples.add(new Sample(now(), values));
  }

  void mark(String label) {
    events.add(new Event(now(), label));
  }

  void shadeFrom(String label) {
    shadeFrom = now();
    shadeLabel = label;
  }

  void shadeTo() {
    shadeTo = now();
  }

  List<Sample> samples() {
    return List.copyOf(samples);
  }

  List<Event> events() {
    return List.copyOf(events);
  }

  /** The values of the series called {@code name}, sample by sample. */
  List<Long> values(String name) {
    int index = indexOf(name);
    return samples.stream().map(sample -> sample.values().get(index)).toList();
  }

  private int indexOf(String name) {
    for (int i = 0; i < series.size(); i++) {
      if (series.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no series " + name);
  }

  // ---- the picture

  private static final int WIDTH = 860;
  private static final int LEFT = 64;
  private static final int RIGHT = 150;
  private static final int PANEL_HEIGHT = 150;
  private static final int PANEL_GAP = 56;
  private static final int TOP = 58;

  /** The chart, {@code title} on top, one panel per distinct {@link Series#panel()}, in order of appearance. */
  String svg(String title) {
    List<String> panels = series.stream().map(Series::panel).distinct().toList();
    long end = samples.isEmpty() ? 1 : samples.get(samples.size() - 1).millis();
    int height = TOP + panels.size() * (PANEL_HEIGHT + PANEL_GAP) + 10;
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
        + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\">%n",
        WIDTH, height, WIDTH, height));
    svg.append("<title>").append(escape(title)).append("</title>\n");
    svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>%n", WIDTH, height));
    svg.append(text(LEFT, 20, title, "start", "font-size=\"14\" font-weight=\"bold\""));

    double plotWidth = WIDTH - LEFT - RIGHT;
    double xScale = plotWidth / Math.max(1, end);
    int bottomOfAll = TOP + panels.size() * (PANEL_HEIGHT + PANEL_GAP) - PANEL_GAP;
    if (shadeFrom >= 0) {
      double x0 = LEFT + shadeFrom * xScale;
      double x1 = LEFT + (shadeTo >= 0 ? shadeTo : end) * xScale;
      svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#fde8d8\"/>%n",
          x0, TOP - 8, x1 - x0, bottomOfAll - TOP + 8));
      svg.append(text((x0 + x1) / 2, TOP - 12, shadeLabel, "middle", "fill=\"#a0522d\""));
    }
    for (int p = 0; p < panels.size(); p++) {
      String panel = panels.get(p);
      int top = TOP + p * (PANEL_HEIGHT + PANEL_GAP);
      int bottom = top + PANEL_HEIGHT;
      List<Integer> members = new ArrayList<>();
      for (int i = 0; i < series.size(); i++) {
        if (series.get(i).panel().equals(panel)) {
          members.add(i);
        }
      }
      long max = 1;
      for (Sample sample : samples) {
        for (int i : members) {
          max = Math.max(max, sample.values().get(i));
        }
      }
      long yMax = niceCeiling(max);
      double yScale = (PANEL_HEIGHT - 6) / (double) yMax;
      svg.append(text(LEFT, top - 6, panel, "start", "font-weight=\"bold\""));
      for (long tick : ticks(yMax)) {
        double y = bottom - tick * yScale;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e4e4e4\"/>%n",
            LEFT, y, LEFT + plotWidth, y));
        svg.append(text(LEFT - 6, y + 4, Long.toString(tick), "end", "fill=\"#555555\""));
      }
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#333333\"/>%n",
          LEFT, bottom, LEFT + plotWidth, bottom));
      int legendY = top + 12;
      for (int k = 0; k < members.size(); k++) {
        int i = members.get(k);
        Series one = series.get(i);
        // a step line: a value holds until the next sample; later lines are dashed so that equal values stay visible
        StringBuilder points = new StringBuilder();
        double previousY = Double.NaN;
        for (Sample sample : samples) {
          double x = LEFT + sample.millis() * xScale;
          double y = bottom - sample.values().get(i) * yScale - k * 1.5;
          if (!Double.isNaN(previousY)) {
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, previousY));
          }
          points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
          previousY = y;
        }
        String dash = k == 0 ? "" : " stroke-dasharray=\"" + (k == 1 ? "6 3" : "2 3") + "\"";
        svg.append(String.format(Locale.ROOT,
            "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s points=\"%s\"/>%n",
            one.colour(), dash, points.toString().strip()));
        double legendX = LEFT + plotWidth + 14;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\""
            + " stroke-width=\"2\"%s/>%n", legendX, legendY - 4, legendX + 22, legendY - 4, one.colour(), dash));
        svg.append(text(legendX + 28, legendY, one.name(), "start", ""));
        legendY += 18;
      }
    }
    // the events: a dotted line through every panel, numbered; the numbers are explained under the chart
    for (int e = 0; e < events.size(); e++) {
      double x = LEFT + events.get(e).millis() * xScale;
      svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#777777\""
          + " stroke-dasharray=\"1 3\"/>%n", x, TOP - 4, x, bottomOfAll));
      svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%d\" r=\"8\" fill=\"#333333\"/>%n",
          x, bottomOfAll + 14));
      svg.append(text(x, bottomOfAll + 18, Integer.toString(e + 1), "middle", "fill=\"#ffffff\" font-size=\"11\""));
    }
    for (long second = 0; second <= end / 1000; second++) {
      double x = LEFT + second * 1000 * xScale;
      svg.append(text(x, bottomOfAll + 40, second + " s", "middle", "fill=\"#555555\""));
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  /** The events as a numbered AsciiDoc list, with their times: the legend of the circled numbers. */
  String eventList() {
    StringBuilder list = new StringBuilder();
    for (Event event : events) {
      list.append(String.format(Locale.ROOT, ". %.1f s: %s%n", event.millis() / 1000.0, event.label()));
    }
    return list.toString();
  }

  private static long niceCeiling(long max) {
    for (long step : new long[] {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000}) {
      if (max <= step * 4) {
        return ((max + step - 1) / step) * step;
      }
    }
    return max;
  }

  private static List<Long> ticks(long yMax) {
    long step = yMax <= 4 ? 1 : yMax <= 8 ? 2 : yMax <= 20 ? 5 : yMax <= 40 ? 10 : yMax <= 100 ? 25 : yMax / 4;
    List<Long> ticks = new ArrayList<>();
    for (long tick = 0; tick <= yMax; tick += step) {
      ticks.add(tick);
    }
    return ticks;
  }

  private static String text(double x, double y, String content, String anchor, String attributes) {
    return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" %s>%s</text>%n",
        x, y, anchor, attributes, escape(content));
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
