package io.crdtkit.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rendered benchmarks page shows one growth chart per curve of the committed run (results.json's
 * {@code growth}), inline, each under its title.
 */
class GrowthChartsCheck {

  private static final Path SITE = Path.of(System.getProperty("site.dir", "target/site"));
  private static final Path RESULTS = Path.of(System.getProperty("repo.dir", ".."))
      .resolve("benchmarks/results/results.json");

  @Test
  void theBenchmarksPageShowsEveryGrowthChart() throws IOException {
    JsonNode curves = JsonMapper.builder().build().readTree(Files.readString(RESULTS)).path("growth").path("curves");
    Document page = Jsoup.parse(SITE.resolve("benchmarks.html").toFile(), "UTF-8");

    assertThat(page.select("svg.growth-chart")).hasSize(curves.size());
    for (JsonNode curve : curves) {
      assertThat(page.select("#growth-" + curve.path("id").asString() + " svg.growth-chart"))
          .as("the chart of %s", curve.path("id").asString()).hasSize(1);
    }
  }
}
