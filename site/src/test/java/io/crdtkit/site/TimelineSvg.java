package io.crdtkit.site;

import io.crdtkit.clock.ReplicaId;
import io.crdtkit.site.Timeline.Event;
import io.crdtkit.site.Timeline.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws a {@link Timeline} as a self-contained SVG: one lane per replica, time left to right, one column per event.
 * A local update is a filled dot, a merge a ring at the end of an arrow from where the sender's lane was when it
 * sent; right of each dot, above the lane what happened and under it the value the replica holds after it (clear
 * of the arrows, which arrive from the left), and at the end of each lane its final value. No script, no font but
 * the reader's own, and a title and description for screen readers.
 */
final class TimelineSvg {

  private static final String[] COLOURS = {"#1f6fb4", "#c4570a", "#2e7d32", "#7b3fa0"};
  private static final String SANS = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
  private static final String MONO = "ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace";
  /** Generous estimates of a character's width, so that no label runs into the next column. */
  private static final double SANS_CHAR = 7.0;
  private static final double MONO_CHAR = 7.3;
  private static final double NAME_CHAR = 8.6;
  private static final double OUTCOME_CHAR = 7.9;

  private static final int TOP = 96;
  private static final int LANE_GAP = 100;
  private static final int MIN_COLUMN = 64;
  private static final int COLUMN_PADDING = 10;
  /** Where a column's dot is, from the column's start; its texts start right of it, clear of arrows. */
  private static final int DOT_OFFSET = 12;
  private static final int TEXT_OFFSET = 12;
  private static final int DOT = 7;

  private TimelineSvg() {}

  static String render(Timeline<?> timeline) {
    List<ReplicaId> replicas = timeline.replicas();
    List<Event> events = timeline.events();

    double nameWidth = replicas.stream().mapToDouble(r -> r.name().length() * NAME_CHAR).max().orElse(0);
    double left = 24 + nameWidth + 24;
    double[] widths = new double[timeline.columns()];
    for (Event event : events) {
      double width = Math.max(event.label().length() * SANS_CHAR, event.valueAfter().length() * MONO_CHAR);
      widths[event.column()] = Math.max(widths[event.column()],
          Math.max(MIN_COLUMN, DOT_OFFSET + TEXT_OFFSET + width + COLUMN_PADDING));
    }
    double[] edges = new double[widths.length + 1];   // edges[c]: where column c starts
    edges[0] = left;
    for (int c = 0; c < widths.length; c++) {
      edges[c + 1] = edges[c] + widths[c];
    }
    double lanesEnd = edges[widths.length] + 12;
    String finalHeading = "final value";
    double finalWidth = Math.max(finalHeading.length() * SANS_CHAR,
        replicas.stream().mapToDouble(r -> timeline.shown(r).length() * MONO_CHAR + 18).max().orElse(0));
    double width = Math.max(lanesEnd + 24 + finalWidth + 24, timeline.type().length() * 9.5 + 200);
    List<String> outcomeLines = wrap(timeline.outcome(), (int) ((width - 48) / OUTCOME_CHAR));
    double lastLane = TOP + (replicas.size() - 1) * LANE_GAP;
    double height = lastLane + 56 + outcomeLines.size() * 19 + 12;

    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\""
            + " role=\"img\" aria-labelledby=\"title desc\" font-family=\"%s\">%n",
        width, height, width, height, SANS));
    svg.append("  <title id=\"title\">").append(escape(title(timeline))).append("</title>\n");
    svg.append("  <desc id=\"desc\">").append(escape(description(timeline))).append("</desc>\n");
    svg.append("  <defs>\n");
    for (int i = 0; i < replicas.size(); i++) {
      svg.append(String.format(Locale.ROOT,
          "    <marker id=\"arrow-%d\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\""
              + " orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"%s\"/></marker>%n",
          i, colour(i)));
    }
    svg.append("  </defs>\n");
    svg.append("  <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    svg.append(text(24, 28, "start", "font-size=\"16\" font-weight=\"bold\" fill=\"#222\"", title(timeline)));
    svg.append(text(left, 56, "start", "font-size=\"12\" fill=\"#777\"", "time \u2192"));
    svg.append(text(lanesEnd + 24, 56, "start", "font-size=\"12\" fill=\"#777\"", finalHeading));

    for (int lane = 0; lane < replicas.size(); lane++) {
      double y = laneY(lane);
      svg.append(String.format(Locale.ROOT,
          "  <line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#c8c8c8\" stroke-width=\"2\"/>%n",
          left - 8, y, lanesEnd, y));
      svg.append(text(24, y + 5, "start", "font-size=\"15\" font-weight=\"bold\" fill=\"" + colour(lane) + "\"",
          replicas.get(lane).name()));
      String finalValue = timeline.shown(replicas.get(lane));
      double boxWidth = finalValue.length() * MONO_CHAR + 18;
      svg.append(String.format(Locale.ROOT,
          "  <rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"26\" rx=\"5\" fill=\"#f4f4f4\" stroke=\"%s\"/>%n",
          lanesEnd + 24, y - 13, boxWidth, colour(lane)));
      svg.append(text(lanesEnd + 24 + 9, y + 5, "start",
          "font-family=\"" + MONO + "\" font-size=\"12\" font-weight=\"bold\" fill=\"#222\"", finalValue));
    }

    // the arrows first, so that the dots and the texts' halos are drawn over any arrow that crosses them
    for (Event event : events) {
      if (event.kind() == Kind.MERGE) {
        svg.append(arrow(event, events, edges, replicas));
      }
    }
    String halo = " stroke=\"#ffffff\" stroke-width=\"4\" paint-order=\"stroke\" stroke-linejoin=\"round\"";
    for (Event event : events) {
      double x = edges[event.column()] + DOT_OFFSET;
      int lane = replicas.indexOf(event.replica());
      double y = laneY(lane);
      svg.append(event.kind() == Kind.MERGE
          ? String.format(Locale.ROOT,
              "  <circle cx=\"%.1f\" cy=\"%.1f\" r=\"%d\" fill=\"#ffffff\" stroke=\"%s\" stroke-width=\"3\"/>%n",
              x, y, DOT, colour(lane))
          : String.format(Locale.ROOT, "  <circle cx=\"%.1f\" cy=\"%.1f\" r=\"%d\" fill=\"%s\"/>%n",
              x, y, DOT, colour(lane)));
      svg.append(text(x + TEXT_OFFSET, y - 11, "start", "font-size=\"13\" fill=\"#222\"" + halo, event.label()));
      svg.append(text(x + TEXT_OFFSET, y + 21, "start",
          "font-family=\"" + MONO + "\" font-size=\"12\" fill=\"#555\"" + halo, event.valueAfter()));
    }

    double y = lastLane + 58;
    for (String line : outcomeLines) {
      svg.append(text(24, y, "start", "font-size=\"14\" fill=\"#222\"", line));
      y += 19;
    }
    return svg.append("</svg>\n").toString();
  }

  /**
   * Writes the picture where the site copies images from (target/snippets/images, see site/pom.xml), and the
   * block a type page includes: the picture with its description as alternative text, and the same run as a
   * table, event by event.
   */
  static void write(String name, Timeline<?> timeline) {
    if (timeline.outcome().isBlank() || (timeline.outcome() + title(timeline)).matches(".*[{}\\[\\]].*")) {
      throw new IllegalArgumentException("a timeline needs an outcome in words, without braces or brackets (it"
          + " becomes the picture's alternative text): " + timeline.outcome());
    }
    String image = "images/timeline-" + name + ".svg";
    SnippetOutput.write(image, render(timeline));
    StringBuilder adoc = new StringBuilder()
        .append("[.timeline]\n")
        .append("image::").append(image).append("[\"").append(title(timeline)).append(". ")
        .append(timeline.outcome().replace("\"", "'")).append("\"]\n\n")
        .append(".The same run, event by event\n[%collapsible]\n====\n")
        .append("[cols=\"1,2,5,4\",options=\"header\"]\n|===\n| step | replica | event | value after\n");
    for (Event event : timeline.events()) {
      adoc.append("| ").append(event.step() + 1).append(" | ").append(event.replica().name())
          .append(" | ").append(literal(event.label())).append(" | `").append(literal(event.valueAfter())).append("`\n");
    }
    SnippetOutput.write("timeline-" + name + ".adoc", adoc.append("|===\n====").toString());
  }

  /** Text that AsciiDoc shows as it is: no attribute references, no formatting, no cell separators. */
  private static String literal(String text) {
    return "+" + text.replace("|", "\\|") + "+";
  }

  /** A merge's arrow: from the sender's lane where it sent, to the ring of the merge. */
  private static String arrow(Event merge, List<Event> events, double[] edges, List<ReplicaId> replicas) {
    double x = edges[merge.column()] + DOT_OFFSET;
    double y = laneY(replicas.indexOf(merge.replica()));
    int fromLane = replicas.indexOf(merge.from());
    // sent just now: straight across from the sender's lane; sent earlier: from where its lane was then
    double fromX = merge.sentAfter() == merge.step() ? x
        : edges[merge.sentAfter() == 0 ? 0 : events.get(merge.sentAfter() - 1).column() + 1] + 4;
    double fromY = laneY(fromLane);
    double length = Math.hypot(x - fromX, y - fromY);
    double endX = x - (x - fromX) / length * (DOT + 3);
    double endY = y - (y - fromY) / length * (DOT + 3);
    return String.format(Locale.ROOT,
        "  <circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"#ffffff\" stroke=\"%s\" stroke-width=\"2\"/>%n"
            + "  <line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1.8\""
            + " marker-end=\"url(#arrow-%d)\"/>%n",
        fromX, fromY, colour(fromLane), fromX, fromY, endX, endY, colour(fromLane), fromLane);
  }

  static String title(Timeline<?> timeline) {
    List<String> names = timeline.replicas().stream().map(ReplicaId::name).toList();
    return timeline.type() + " on " + String.join(", ", names.subList(0, names.size() - 1)) + " and "
        + names.get(names.size() - 1);
  }

  /** The run in words: what the picture shows, for a reader who does not see it. */
  static String description(Timeline<?> timeline) {
    StringBuilder text = new StringBuilder();
    for (Event event : timeline.events()) {
      boolean meanwhile = event.step() > 0 && timeline.events().get(event.step() - 1).column() == event.column();
      text.append(event.step() + 1).append(". ").append(event.replica().name()).append(meanwhile ? ", meanwhile" : "")
          .append(": ").append(event.label())
          .append(", then holds ").append(event.valueAfter()).append(". ");
    }
    for (ReplicaId replica : timeline.replicas()) {
      text.append(replica.name()).append(" ends with ").append(timeline.shown(replica)).append(". ");
    }
    return text.append(timeline.outcome()).toString().strip();
  }

  private static double laneY(int lane) {
    return TOP + lane * LANE_GAP;
  }

  private static String colour(int lane) {
    return COLOURS[lane % COLOURS.length];
  }

  private static String text(double x, double y, String anchor, String attributes, String content) {
    return String.format(Locale.ROOT, "  <text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" %s>%s</text>%n",
        x, y, anchor, attributes, escape(content));
  }

  static List<String> wrap(String text, int columns) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split("\\s+")) {
      if (word.isEmpty()) {
        continue;
      }
      if (line.length() > 0 && line.length() + 1 + word.length() > columns) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(line.length() > 0 ? " " : "").append(word);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
