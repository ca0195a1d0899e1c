package io.crdtkit.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmarks page (benchmarks.adoc) from the committed run, {@code benchmarks/results/results.json}: its two
 * charts of ratios to Pekko (time, and bytes), the run's machine, JDK and settings as attributes, and the table of
 * targets. Nothing on the page is copied from the run by hand, so a new run changes the page with the next build.
 */
class BenchmarkChartTest {

  private static final Path RESULTS =
      Path.of(System.getProperty("repo.dir", "..")).resolve("benchmarks/results/results.json");

  private static JsonNode run;

  @BeforeAll
  static void readTheRun() throws IOException {
    run = JsonMapper.builder().build().readTree(Files.readString(RESULTS));
  }

  @Test
  void theTimeChartHasOneBarPerOperationMeasuredBesidePekko() {
    String svg = draw("time", "crdtkit's speed relative to Pekko Distributed Data's",
        "Pekko's time per operation ÷ crdtkit's (benchmark thread's CPU time), log scale",
        "crdtkit faster", "crdtkit slower", "Error bars: both sides' 99.9% JMH confidence intervals, combined. "
            + "Pekko measured in the same run, on the same machine.");

    assertThat(countBars(svg)).isEqualTo(rowsBesidePekko("time")).isGreaterThan(10);
    assertThat(countErrorBars(svg)).as("every timed ratio has its error bar").isEqualTo(countBars(svg));
    assertThat(svg).contains(run.path("machine").path("cpu").asString(), run.path("machine").path("jdk").asString());
  }

  @Test
  void theSizeChartHasOneBarPerFootprintMeasuredBesidePekko() {
    String svg = draw("footprint", "crdtkit's size relative to Pekko Distributed Data's",
        "Pekko's bytes ÷ crdtkit's (encoded, or retained on the heap), log scale", "crdtkit smaller",
        "crdtkit larger", "Exact byte counts (no error bars): encoded by crdt-jackson (Smile) and Pekko's protobuf "
            + "serializer; heap by JOL.");

    assertThat(countBars(svg)).isEqualTo(rowsBesidePekko("footprint")).isGreaterThan(5);
    assertThat(countErrorBars(svg)).as("byte counts are exact: no error bars").isZero();
  }

  /** Draws the chart of one kind of row (time, footprint) into bench-{kind}.svg and returns it. */
  private static String draw(String kind, String title, String axis, String above, String below, String note) {
    String svg = new RatioChart(kind, title, axis, above, below, caption(note), bars(kind)).svg();
    SnippetOutput.write("bench-" + ("time".equals(kind) ? "time" : "size") + ".svg", svg);
    return svg;
  }

  @Test
  void theRunIsDescribedFromTheFile() {
    JsonNode machine = run.path("machine");
    JsonNode settings = run.path("settings");
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("bench-generated", run.path("generated").asString());
    attributes.put("bench-mode", run.path("mode").asString());
    attributes.put("bench-command", run.path("command").asString());
    attributes.put("bench-machine", machine.path("cpu").asString() + ", " + machine.path("cores").asInt()
        + " cores, " + machine.path("memory").asString() + ", " + machine.path("os").asString());
    attributes.put("bench-jdk", machine.path("jdk").asString());
    attributes.put("bench-heap", String.join(" ", strings(settings.path("forkJvmArgs"))));
    attributes.put("bench-jmh", settings.path("jmh").asString());
    attributes.put("bench-source", machine.path("source").asString());
    attributes.put("bench-settings", settings());
    attributes.put("bench-load", "at start " + run.path("loadAverage").path("start").asString() + ", at end "
        + run.path("loadAverage").path("end").asString());
    // the figures the page's prose names
    attributes.put("vs-orset-merge-1pct", vsPekko("orset.merge[divergence=0.01,size=100000]"));
    attributes.put("vs-orset-merge-50pct", vsPekko("orset.merge[divergence=0.5,size=100000]"));
    attributes.put("vs-orset-delta-100k", vsPekko("orset.merge-delta[size=100000]"));
    attributes.put("vs-orset-add-delta-100k", vsPekko("orset.add.delta[size=100000]"));
    attributes.put("vs-orset-add-1k", vsPekko("orset.add[size=1000]"));
    attributes.put("vs-orset-add-100k", vsPekko("orset.add[size=100000]"));
    attributes.put("vs-lwwmap-put-1k", vsPekko("lwwmap.put[size=1000]"));
    attributes.put("vs-pncounter-increment", vsPekko("pncounter.increment[replicas=64]"));
    attributes.put("vs-heap-orset", vsPekko("heap.orset[size=100000]"));
    attributes.put("vs-heap-orset-stable", vsPekko("heap.orset.stable[size=100000]"));
    attributes.put("vs-delta-smile-100k", vsPekko("delta.orset.add.smile[size=100000]"));
    StringBuilder adoc = new StringBuilder("// written by BenchmarkChartTest from benchmarks/results/results.json\n");
    attributes.forEach((name, value) -> adoc.append(':').append(name).append(": ").append(value).append('\n'));
    SnippetOutput.write("bench-run.adoc", adoc.toString());

    assertThat(attributes.values()).noneMatch(String::isBlank);
  }

  @Test
  void everyTargetHasAVerdict() {
    StringBuilder table = new StringBuilder("[cols=\"4,3,5,1\",options=\"header\"]\n|===\n| target | case | measured | verdict\n");
    int count = 0;
    for (JsonNode target : run.path("targets")) {
      String verdict = target.path("verdict").asString();
      assertThat(verdict).isIn("met", "missed", "inconclusive");
      String shown = switch (verdict) {
        case "met" -> "met";
        case "missed" -> "*missed*";
        default -> "inconclusive";
      };
      table.append("| ").append(cell(target.path("target").asString())).append(" | ")
          .append(cell(target.path("case").asString())).append(" | ").append(cell(target.path("measured").asString()))
          .append(" | ").append(shown).append('\n');
      count++;
    }
    SnippetOutput.write("bench-targets.adoc", table.append("|===").toString());
    assertThat(count).isGreaterThan(10);
  }

  /** The rows of one kind measured beside Pekko, as bars: CPU-time ratios where the run has them. */
  private static List<RatioChart.Bar> bars(String kind) {
    List<RatioChart.Bar> bars = new ArrayList<>();
    for (JsonNode row : run.path("rows")) {
      if (!kind.equals(row.path("kind").asString()) || ratioOf(row).isMissingNode()) {
        continue;
      }
      JsonNode ratio = ratioOf(row);
      bars.add(new RatioChart.Bar(row.path("section").asString() + ": " + row.path("what").asString(),
          row.path("params").asString(), ratio.path("value").asDouble(), ratio.path("error").asDouble()));
    }
    return bars;
  }

  private static JsonNode ratioOf(JsonNode row) {
    JsonNode cpu = row.path("cpuTimePerOp").path("vsPekko");
    JsonNode ratio = cpu.isMissingNode() || cpu.isNull() ? row.path("vsPekko") : cpu;
    return ratio.isNull() ? row.path("no such field") : ratio;
  }

  private static long rowsBesidePekko(String kind) {
    long count = 0;
    for (JsonNode row : run.path("rows")) {
      if (kind.equals(row.path("kind").asString()) && !row.path("pekko").isMissingNode() && !row.path("pekko").isNull()) {
        count++;
      }
    }
    return count;
  }

  private static String vsPekko(String id) {
    for (JsonNode row : run.path("rows")) {
      if (id.equals(row.path("id").asString())) {
        JsonNode ratio = ratioOf(row);
        return RatioChart.value(new RatioChart.Bar("", "", ratio.path("value").asDouble(), ratio.path("error").asDouble()));
      }
    }
    throw new AssertionError("results.json has no row " + id + ": the benchmarks page names it");
  }

  private static List<String> caption(String last) {
    JsonNode machine = run.path("machine");
    return List.of(
        "Run of " + run.path("generated").asString() + ", " + run.path("mode").asString() + " mode: " + settings()
            + "; JMH " + run.path("settings").path("jmh").asString() + ", source " + machine.path("source").asString(),
        machine.path("cpu").asString() + ", " + machine.path("cores").asInt() + " cores, " + machine.path("memory").asString()
            + ", " + machine.path("os").asString() + "; " + machine.path("jdk").asString() + ", "
            + String.join(" ", strings(run.path("settings").path("forkJvmArgs"))),
        last);
  }

  private static String settings() {
    JsonNode settings = run.path("settings");
    return settings.path("forks").asInt() + " forks, " + settings.path("warmupIterations").asInt() + " warm-up and "
        + settings.path("measurementIterations").asInt() + " measured iterations of "
        + settings.path("measurementMillis").asInt() + " ms, " + settings.path("threads").asInt() + " thread";
  }

  private static List<String> strings(JsonNode array) {
    List<String> strings = new ArrayList<>();
    array.forEach(element -> strings.add(element.asString()));
    return strings;
  }

  /**
   * A table cell's text as AsciiDoc: a bar escaped, and the comparisons as the signs they mean (Asciidoctor would
   * turn a "<=" into an arrow, so that "Smile <= protobuf" read as "Smile ⇐ protobuf").
   */
  private static String cell(String text) {
    return text.replace("|", "\\|").replace("<=", "≤").replace(">=", "≥");
  }

  private static int countBars(String svg) {
    return parse(svg).select("rect.bar").size();
  }

  private static int countErrorBars(String svg) {
    return parse(svg).select("g.error-bar").size();
  }

  private static Document parse(String svg) {
    return Jsoup.parse(svg, "", Parser.xmlParser());
  }
}
