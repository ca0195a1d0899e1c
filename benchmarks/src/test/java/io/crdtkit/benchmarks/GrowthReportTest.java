package io.crdtkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class GrowthReportTest {

  private static final GrowthCurve MERGE = new GrowthCurve("orset-merge-1pct",
      "ORSet full-state merge, replicas 1% apart: CPU time per operation", "ORSet merge at 1%",
      "elements in the set", "CPU time per operation (µs)", "µs",
      List.of(GrowthCurve.Series.of("crdtkit", List.of(new GrowthFit.Point(1e3, 7, 0.5),
              new GrowthFit.Point(1e5, 700, 50))),
          GrowthCurve.Series.of("Pekko", List.of(new GrowthFit.Point(1e3, 480, 30),
              new GrowthFit.Point(1e5, 48_000, 3_000)))),
      List.of("caption"));

  @Test
  void theSectionStatesEachExponentAndLinksEachChart() {
    String markdown = GrowthReport.markdown(List.of(MERGE), List.of("The heal of 5 members of 1,000,000 keys did "
        + "not run."));

    assertThat(markdown).startsWith("## How cost grows")
        .contains("*The heal of 5 members of 1,000,000 keys did not run.*")
        .contains("[ORSet full-state merge, replicas 1% apart: CPU time per operation](growth-orset-merge-1pct.svg)")
        .contains("![ORSet full-state merge, replicas 1% apart: CPU time per operation](growth-orset-merge-1pct.svg)")
        .contains("- crdtkit, ORSet merge at 1%: time ~ n^1.00 ± ", ", 1,000 to 100,000 elements")
        .contains("| 1,000 | 7 ± 0.5 µs | 480 ± 30 µs | 68.6× ± ");
  }

  @Test
  void theJsonKeepsTheReportAndGainsTheCurves() {
    String json = GrowthReport.addToJson("{\"generated\":\"now\",\"rows\":[1,2]}", List.of(MERGE), List.of());

    JsonNode root = JsonMapper.builder().build().readTree(json);
    assertThat(root.get("generated").asString()).isEqualTo("now");
    assertThat(root.get("rows").size()).isEqualTo(2);
    JsonNode curve = root.get("growth").get("curves").get(0);
    assertThat(curve.get("chart").asString()).isEqualTo("growth-orset-merge-1pct.svg");
    assertThat(curve.get("series").get(1).get("fit").get("exponent").asDouble()).isBetween(0.99, 1.01);
  }

  @Test
  void chartsOfCurvesNoLongerDrawnAreRemoved(@TempDir Path results) throws Exception {
    Files.writeString(results.resolve("growth-old.svg"), "<svg/>");
    Files.writeString(results.resolve("RESULTS.md"), "kept");

    GrowthReport.writeCharts(List.of(MERGE), results);

    try (var files = Files.list(results)) {
      assertThat(files.map(file -> file.getFileName().toString()))
          .containsExactlyInAnyOrder("RESULTS.md", "growth-orset-merge-1pct.svg");
    }
  }
}
