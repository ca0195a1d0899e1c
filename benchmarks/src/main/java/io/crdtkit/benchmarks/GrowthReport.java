package io.crdtkit.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The report's "How cost grows" section: each {@link GrowthCurve} as a chart ({@code growth-<id>.svg} beside
 * RESULTS.md), a table of its points, and its fitted exponents in words; and the same curves in
 * {@code results.json} under {@code growth}.
 */
final class GrowthReport {

  private GrowthReport() {}

  /** Writes every curve's chart into {@code directory}, first removing charts of curves this run did not draw. */
  static List<Path> writeCharts(List<GrowthCurve> curves, Path directory) throws IOException {
    Files.createDirectories(directory);
    try (var old = Files.list(directory)) {
      for (Path file : old.filter(f -> f.getFileName().toString().matches("growth-.*\\.svg")).toList()) {
        Files.delete(file);
      }
    }
    List<Path> written = new ArrayList<>();
    for (GrowthCurve curve : curves) {
      Path file = directory.resolve(curve.fileName());
      Files.writeString(file, new SvgChart(curve).svg());
      written.add(file);
    }
    return written;
  }

  /**
   * The Markdown section. {@code notes} are said before the curves: what was not measured and why (a heal that
   * does not fit the report's heap).
   */
  static String markdown(List<GrowthCurve> curves, List<String> notes) {
    StringBuilder out = new StringBuilder();
    out.append("## How cost grows\n\n");
    out.append("Each curve is one operation measured at several sizes; the exponent is the slope of a least-squares "
        + "fit of log(cost) on log(size), `cost ~ n^k`: 0 is a cost that does not grow with the size, 1 a cost "
        + "proportional to it. ORSet points are the benchmark thread's CPU time, weighted by their 99.9% error bars; "
        + "the ± of an exponent is the larger of those error bars carried through the fit and the fit's standard "
        + "error from its residuals (large when no single power describes the points). Heal points are single "
        + "measurements, so only the residuals give an error, and none with two points. "
        + "`benchmarks/PERFORMANCE.md` explains what each exponent should be and why.\n\n");
    notes.forEach(note -> out.append("*").append(note).append("*\n\n"));
    if (curves.isEmpty()) {
      out.append("This run measured no operation at two sizes or more: no curves.\n\n");
      return out.toString();
    }
    out.append("| curve | implementation | growth | points |\n|---|---|---|--:|\n");
    for (GrowthCurve curve : curves) {
      for (GrowthCurve.Series series : curve.series()) {
        out.append("| [").append(curve.title()).append("](").append(curve.fileName()).append(") | ")
            .append(series.name()).append(" | ").append(growth(curve, series)).append(" | ")
            .append(series.points().size()).append(" |\n");
      }
    }
    out.append('\n');
    for (GrowthCurve curve : curves) {
      out.append("### ").append(curve.title()).append("\n\n");
      out.append("![").append(curve.title()).append("](").append(curve.fileName()).append(")\n\n");
      TreeSet<Double> sizes = new TreeSet<>();
      curve.series().forEach(series -> series.points().forEach(point -> sizes.add(point.n())));
      StringBuilder head = new StringBuilder("| ").append(curve.xLabel()).append(" |");
      StringBuilder rule = new StringBuilder("|--:|");
      for (GrowthCurve.Series series : curve.series()) {
        head.append(' ').append(series.name()).append(" |");
        rule.append("--:|");
      }
      if (curve.series().size() == 2) {
        head.append(" ").append(curve.series().get(1).name()).append(" ÷ ").append(curve.series().get(0).name())
            .append(" |");
        rule.append("--:|");
      }
      out.append(head).append('\n').append(rule).append('\n');
      for (double size : sizes) {
        List<String> cells = new ArrayList<>(List.of(Report.count(Math.round(size), "")));
        List<GrowthFit.@Nullable Point> row = new ArrayList<>();
        for (GrowthCurve.Series series : curve.series()) {
          GrowthFit.Point point = pointAt(series, size);
          row.add(point);
          cells.add(point == null ? "—" : Report.score(score(point, curve)));
        }
        if (row.size() == 2) {
          GrowthFit.Point first = row.get(0);
          GrowthFit.Point second = row.get(1);
          cells.add(first == null || second == null || first.value() == 0 ? "—"
              : Report.ratio(Ratio.of(score(second, curve), score(first, curve))));
        }
        out.append("| ").append(String.join(" | ", cells)).append(" |\n");
      }
      out.append('\n');
      for (GrowthCurve.Series series : curve.series()) {
        out.append("- ").append(series.name()).append(", ").append(sentence(curve, series)).append('\n');
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** {@code ORSet add: time ~ n^0.12 ± 0.05, 1,000 to 1,000,000 elements}. */
  static String sentence(GrowthCurve curve, GrowthCurve.Series series) {
    return curve.what() + ": " + growth(curve, series);
  }

  /** {@code time ~ n^0.12 ± 0.05, 1,000 to 1,000,000 elements}. */
  static String growth(GrowthCurve curve, GrowthCurve.Series series) {
    GrowthFit fit = series.fit();
    if (fit == null) {
      return "not fitted (fewer than two usable points)";
    }
    double from = series.points().get(0).n();
    double to = series.points().get(series.points().size() - 1).n();
    String cost = curve.unit().equals("B") ? "bytes" : "time";
    String noun = curve.xLabel().startsWith("members") ? "members"
        : curve.xLabel().startsWith("keys") ? "keys" : "elements";
    return cost + " ~ n^" + GrowthCurve.exponent(fit) + ", " + Report.count(Math.round(from), "") + " to "
        + Report.count(Math.round(to), noun);
  }

  /** Adds the curves under {@code growth} to the JSON the report wrote, keeping everything else as it was. */
  static String addToJson(String json, List<GrowthCurve> curves, List<String> notes) {
    JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    ObjectNode root = (ObjectNode) mapper.readTree(json);
    Map<String, Object> growth = new LinkedHashMap<>();
    growth.put("notes", notes);
    growth.put("curves", curves.stream().map(GrowthReport::json).toList());
    root.set("growth", mapper.valueToTree(growth));
    return mapper.writeValueAsString(root);
  }

  private static Map<String, Object> json(GrowthCurve curve) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", curve.id());
    json.put("title", curve.title());
    json.put("chart", curve.fileName());
    json.put("x", curve.xLabel());
    json.put("y", curve.yLabel());
    json.put("unit", curve.unit());
    List<Object> series = new ArrayList<>();
    for (GrowthCurve.Series s : curve.series()) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("name", s.name());
      one.put("points", s.points().stream().map(p -> {
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("n", p.n());
        point.put("value", ResultsJson.finite(p.value()));
        point.put("error", ResultsJson.finite(p.error()));
        return point;
      }).toList());
      GrowthFit fit = s.fit();
      if (fit == null) {
        one.put("fit", null);
      } else {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("exponent", ResultsJson.finite(fit.exponent()));
        f.put("error", ResultsJson.finite(fit.error()));
        f.put("prefactor", ResultsJson.finite(fit.prefactor()));
        f.put("points", fit.points());
        f.put("text", sentence(curve, s));
        one.put("fit", f);
      }
      series.add(one);
    }
    json.put("series", series);
    return json;
  }

  private static GrowthFit.@Nullable Point pointAt(GrowthCurve.Series series, double size) {
    return series.points().stream().filter(p -> p.n() == size).findFirst().orElse(null);
  }

  private static Score score(GrowthFit.Point point, GrowthCurve curve) {
    return new Score(point.value(), point.error(), curve.unit());
  }
}
