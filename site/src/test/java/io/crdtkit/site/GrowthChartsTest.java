package io.crdtkit.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmarks page's growth curves (issue 20): the charts the report command drew beside RESULTS.md
 * ({@code benchmarks/results/growth-*.svg}, listed under {@code growth} in results.json), copied into the page's
 * outputs when the site is built, each with its fitted exponents. The site draws none itself: the page shows the
 * very files the report links to.
 */
class GrowthChartsTest {

  private static final Path RESULTS = Path.of(System.getProperty("repo.dir", "..")).resolve("benchmarks/results");

  @Test
  void everyCurveOfTheRunIsShownWithItsChartAndExponents() throws IOException {
    JsonNode run = JsonMapper.builder().build().readTree(Files.readString(RESULTS.resolve("results.json")));
    JsonNode curves = run.path("growth").path("curves");
    StringBuilder adoc = new StringBuilder("// written by GrowthChartsTest from benchmarks/results\n");
    List<String> shown = new ArrayList<>();
    if (curves.isMissingNode() || curves.isEmpty()) {
      adoc.append("NOTE: The committed run (").append(run.path("generated").asString())
          .append(") has no growth curves: it predates them, or measured no operation at more than one size. The "
              + "next run of the report draws them here.\n");
    }
    for (JsonNode curve : curves) {
      String file = curve.path("chart").asString();
      Path chart = RESULTS.resolve(file);
      assertThat(chart).as("results.json names the chart %s", file).isRegularFile();
      String svg = Files.readString(chart);
      Document drawn = Jsoup.parse(svg, "", Parser.xmlParser());
      assertThat(drawn.select("svg.growth-chart")).as(file).hasSize(1);
      int points = 0;
      for (JsonNode series : curve.path("series")) {
        for (JsonNode point : series.path("points")) {
          points += point.path("n").asDouble() > 0 && point.path("value").asDouble() > 0 ? 1 : 0;
        }
      }
      assertThat(drawn.select(".point")).as("every measured point of %s is drawn", file).hasSize(points);
      SnippetOutput.write(file, svg);
      shown.add(file);

      // an open block around the passthrough: a passthrough alone renders neither an id nor a role
      adoc.append("[#growth-").append(curve.path("id").asString()).append(".chart]\n--\n")
          .append("++++\ninclude::{outputs}/").append(file).append("[]\n++++\n\n");
      for (JsonNode series : curve.path("series")) {
        adoc.append("* ").append(series.path("name").asString()).append(": ")
            .append(growth(series, curve.path("x").asString())).append('\n');
      }
      adoc.append("--\n\n");
    }
    SnippetOutput.write("bench-growth.adoc", adoc.toString());

    try (Stream<Path> files = Files.list(RESULTS)) {
      assertThat(files.map(file -> file.getFileName().toString()).filter(name -> name.matches("growth-.*\\.svg")))
          .as("every chart beside RESULTS.md is one of the run's curves (none left from an older run)")
          .containsExactlyInAnyOrderElementsOf(shown);
    }
  }

  /**
   * {@code cost ~ n^0.12^ ± 0.05, measured from 1,000 to 1,000,000 elements in the set} in AsciiDoc (the exponent
   * as a superscript).
   */
  private static String growth(JsonNode series, String sizes) {
    JsonNode fit = series.path("fit");
    JsonNode points = series.path("points");
    if (fit.isNull() || fit.isMissingNode()) {
      return "too few points to fit";
    }
    JsonNode error = fit.path("error");
    String exponent = String.format(Locale.ROOT, "%.2f", fit.path("exponent").asDouble());
    return "cost ~ n^" + exponent + "^" + (error.isNumber()
        ? String.format(Locale.ROOT, " ± %.2f", error.asDouble()) : " (two points: error unknown)")
        + String.format(Locale.ROOT, ", measured from %,d to %,d %s", Math.round(points.get(0).path("n").asDouble()),
            Math.round(points.get(points.size() - 1).path("n").asDouble()), sizes);
  }
}
