package io.crdtkit.laws.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.laws.History;
import io.crdtkit.laws.LawChecker;
import io.crdtkit.laws.LawName;
import io.crdtkit.laws.LawReport;
import io.crdtkit.laws.Laws;
import io.crdtkit.laws.Scenarios;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 21, points 3 to 5, on the planted bugs: failures shrink to the replicas and steps they need, the report
 * says how deep the histories went, and a convergence failure shows what the network did.
 */
class ShrinkingAndReportingTest {

  private static final Pattern SIZE = Pattern.compile("history on (\\d+) replicas, (\\d+) steps");

  /** Shrinking removes steps, and with them replicas: a history names no idle replica and no self-merge. */
  @Test
  void generatedHistoriesNameNoIdleReplicaAndNoReplicaMergesItself() {
    List<History<PlantedCrdts.MaxRegister>> histories =
        Scenarios.histories(PlantedCrdts.MaxRegister.description()).sampleStream().limit(2000).toList();

    for (History<PlantedCrdts.MaxRegister> history : histories) {
      Set<Integer> used = new HashSet<>();
      for (History.Step<PlantedCrdts.MaxRegister> step : history.steps()) {
        if (step instanceof History.Update<PlantedCrdts.MaxRegister> update) {
          used.add(update.replica());
        } else if (step instanceof History.Merge<PlantedCrdts.MaxRegister> merge) {
          assertThat(merge.into()).as("%s", history).isNotEqualTo(merge.from());
          used.add(merge.into());
          used.add(merge.from());
        }
      }
      assertThat(history.replicas()).as("%s", history).isEqualTo(Math.max(2, used.size()));
      used.forEach(replica -> assertThat(replica).as("%s", history).isLessThan(used.size()));
    }
    assertThat(histories).anyMatch(history -> history.replicas() == 5)
        .anyMatch(history -> history.updates() > history.steps().size());
  }

  /**
   * The tie-break among three concurrent writes: "merge is associative" shrinks to at most 6 steps, mostly to the
   * three writes themselves and no history (the issue's report: 17 steps on 5 replicas); the convergence law, which needs a history, to a few steps on
   * three or four replicas (18 steps on 4 replicas in the report).
   */
  @Test
  void aNonAssociativeTieBreakShrinksToTheWritesItNeeds() {
    List<Integer> convergenceSteps = new ArrayList<>();
    for (long seed = 1; seed <= 8; seed++) {
      LawReport report = LawChecker.of(PlantedCrdts.RockPaperScissorsRegister.description()).seed(seed)
          .laws(Laws.select(LawName.MERGE_IS_ASSOCIATIVE, LawName.REPLICAS_CONVERGE)).check();

      assertThat(report.broke(LawName.MERGE_IS_ASSOCIATIVE)).as("seed %d", seed).isTrue();
      assertThat(size(report.failures().get(0))[1]).as("steps of the associativity failure, seed %d:%n%s", seed,
          report).isLessThanOrEqualTo(6);
      if (report.broke(LawName.REPLICAS_CONVERGE)) {
        int[] convergence = size(report.failures().get(1));
        assertThat(convergence[0]).as("replicas of the convergence failure, seed %d:%n%s", seed, report)
            .isBetween(3, 4);
        convergenceSteps.add(convergence[1]);
      }
    }
    // Greedy shrinking can stall where removing a step changes the network's later choices: the median is what
    // a user meets.
    assertThat(convergenceSteps).as("seeds 1 to 8 on which the convergence law broke").hasSizeGreaterThanOrEqualTo(4);
    Collections.sort(convergenceSteps);
    assertThat(convergenceSteps.get(convergenceSteps.size() / 2)).as("median steps of %s", convergenceSteps)
        .isLessThanOrEqualTo(10);
  }

  @Test
  void aConvergenceFailureShowsWhatTheNetworkDid() {
    LawReport report = LawChecker.of(PlantedCrdts.RockPaperScissorsRegister.description()).seed(1)
        .laws(Laws.select(LawName.REPLICAS_CONVERGE)).check();

    assertThat(report.failures().get(0).cause().getMessage())
        .contains("what the network did", "sends [#1 delta of a: write(", "delivered #")
        .containsPattern("(dropped|delivered) #\\d+ delta of [a-e]: write\\(\\w+\\) to [a-e]");
  }

  /** Update steps repeat, so histories reach deeper than their steps; the report says how deep. */
  @Test
  void theReportSaysHowDeepTheHistoriesWent() {
    LawReport report = LawChecker.of(PlantedCrdts.MaxRegister.description()).seed(7).check();

    assertThat(report.allHold()).isTrue();
    assertThat(report.depth().mostSteps()).isBetween(30, 40);
    assertThat(report.depth().mostUpdates()).isGreaterThan(report.depth().mostSteps());
    assertThat(report.depth().mostReplicas()).isEqualTo(5);
    assertThat(report.toString()).contains("histories of up to " + report.depth().mostSteps() + " steps, "
        + report.depth().mostUpdates() + " updates and 5 replicas");
  }

  private static int[] size(LawReport.Failure failure) {
    Matcher size = SIZE.matcher(failure.minimalScenario());
    assertThat(size.find()).as(failure.minimalScenario()).isTrue();
    return new int[] {Integer.parseInt(size.group(1)), Integer.parseInt(size.group(2))};
  }
}
