package io.crdtkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * CI's smoke pass (part of {@code ./mvnw -B verify}): every benchmark runs in one forked JVM for one short
 * iteration on small fixtures (and the growth curves' at a second size), the footprint measurements and a 1,000-key
 * cluster heal run, and the report and its charts are written, so that none of it can rot. It checks that everything ran and was reported, never how fast: its numbers
 * mean nothing.
 */
class BenchmarkSmokeTest {

  @Test
  void everyBenchmarkRunsAndTheReportIsWritten(@TempDir Path results) throws Exception {
    BenchmarkReport.Summary summary = BenchmarkReport.run(RunMode.SMOKE, results, BenchmarkReport.ALL);

    JsonNode json = JsonMapper.builder().build().readTree(Files.readString(summary.json()));
    for (Operation operation : Operation.ALL) {
      assertThat(json.get("rows").valueStream().map(row -> row.get("id").asString()))
          .as("a row of %s", operation.benchmark().getSimpleName())
          .anyMatch(id -> id.startsWith(operation.id() + "["));
    }
    assertThat(json.get("jmh").valueStream())
        .as("every run has a score")
        .allMatch(run -> run.get("score").get("value").isNumber());
    assertThat(json.get("cluster").valueStream())
        .as("the cluster heal ran and converged")
        .singleElement().satisfies(heal -> {
          assertThat(heal.get("keys").asInt()).isEqualTo(1_000);
          assertThat(heal.get("bytesSent").asLong()).isPositive();
          assertThat(heal.get("fullStateBytes").asLong()).isPositive();
        });
    assertThat(json.get("targets").valueStream().map(target -> target.get("target").asString()))
        .anyMatch(target -> target.startsWith("Cluster: 5 members"))
        .contains(EndToEndSection.THROUGHPUT_TARGET, EndToEndSection.VISIBILITY_TARGET, UpdatePathSection.TARGET);
    assertThat(json.get("targets").valueStream()
        .filter(target -> target.get("target").asString().equals(UpdatePathSection.TARGET)))
        .as("a target per update case the smoke pass runs").hasSize(UpdatePathRuns.QUICK_CASES.size());
    assertThat(json.get("updatePath").valueStream().map(update -> update.get("update").asString()))
        .as("the update path's cases, in results.json")
        .containsExactlyInAnyOrderElementsOf(UpdatePathRuns.QUICK_CASES);
    assertThat(json.get("endToEnd").get("series").valueStream()).as("the end-to-end benchmark ran").isNotEmpty();
    assertThat(json.get("load").get("samples").asInt()).as("the load was sampled").isPositive();
    assertThat(json.get("time").get("partsSeconds").propertyNames()).as("every part was timed")
        .contains("footprints", "footprints: encoded sizes", "footprints: heap", "footprints: GC reclaim",
            "cluster heal", "end to end", "JMH", "update path JMH", "growth curves JMH");
    assertThat(json.get("time").get("benchmarks").size()).as("every benchmark's time")
        .isEqualTo(json.get("jmh").size());
    assertThat(Files.readString(summary.markdown()))
        .contains("| load during the run |", "| time |", "*inconclusive*")
        .contains("## Targets", "### ORSet", "### PNCounter", "### LWWMap", "## Garbage collection",
            "## Cluster heal", "## The replicated update path", "## End to end",
            "## How cost grows")
        .doesNotContain("NaN");
    assertThat(json.get("growth").get("curves").valueStream().map(curve -> curve.get("id").asString()))
        .as("the ORSet growth curves, from 1,000 and 10,000 elements")
        .containsExactly("orset-add", "orset-remove", "orset-merge-delta", "orset-merge-1pct");
    for (JsonNode curve : json.get("growth").get("curves")) {
      assertThat(curve.get("series").valueStream().map(series -> series.get("name").asString()))
          .containsExactly("crdtkit", "Pekko");
      assertThat(curve.get("series").valueStream())
          .allSatisfy(series -> assertThat(series.get("fit").get("exponent").isNumber()).isTrue());
      assertThat(Files.readString(results.resolve(curve.get("chart").asString()))).startsWith("<svg");
    }
  }
}
