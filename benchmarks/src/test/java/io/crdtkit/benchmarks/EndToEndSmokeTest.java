package io.crdtkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The end-to-end benchmark at a tiny size (one round, 50 ms of writing, 50 paced updates), so that CI sees its three
 * clusters start, carry every update to every member, and stop. It checks that everything ran and was reported,
 * never how fast: its numbers mean nothing.
 */
class EndToEndSmokeTest {

  private static final EndToEndWorkload TINY = new EndToEndWorkload(4, 0, 1, 50, 10_000, 1_000, 50);

  @Test
  void everySystemCarriesTheWorkloadAndTheSectionIsWritten() {
    EndToEndResults results = EndToEndMeasurement.measure(TINY, false);

    for (String system : List.of("crdtkit-jvm", "crdtkit-tcp", "pekko")) {
      for (String measure : List.of("throughput.one-writer", "throughput.writer-per-member", "visibility.p50",
          "visibility.p99", "all-seen-after-writers-stopped.one-writer")) {
        assertThat(results.find(system, measure, "default"))
            .as("%s %s", system, measure)
            .hasValueSatisfying(series -> assertThat(series.trials()).singleElement()
                .satisfies(figure -> assertThat(figure).isFinite().isNotNegative()));
      }
      assertThat(results.find(system, "throughput.one-writer", "default").orElseThrow().trials().get(0))
          .isPositive();
    }
    assertThat(EndToEndSection.checks(results)).extracting(TargetCheck::target)
        .contains(EndToEndSection.THROUGHPUT_TARGET, EndToEndSection.VISIBILITY_TARGET);
    assertThat(EndToEndSection.markdown(results)).contains("## End to end", "vs Pekko, crdtkit TCP");
    assertThat(EndToEndSection.json(results)).containsKeys("settings", "series");
  }
}
