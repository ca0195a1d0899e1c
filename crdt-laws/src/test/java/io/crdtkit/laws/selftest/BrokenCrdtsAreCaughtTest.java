package io.crdtkit.laws.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crdtkit.Crdt;
import io.crdtkit.laws.CrdtDescription;
import io.crdtkit.laws.LawChecker;
import io.crdtkit.laws.LawName;
import io.crdtkit.laws.LawReport;
import io.crdtkit.laws.types.CoreTypes;
import org.junit.jupiter.api.Test;

/**
 * The kit's own test: each deliberately broken CRDT in {@link BrokenCrdts} must be caught, by the law its mistake
 * breaks, with a shrunk scenario; and a correct type must pass. Seeds are fixed so the check is reproducible.
 */
class BrokenCrdtsAreCaughtTest {

  private static final long SEED = 20261129L;

  @Test
  void aNonCommutativeMergeIsCaught() {
    assertBroken(BrokenCrdts.FirstWinsRegister.description(), LawName.MERGE_IS_COMMUTATIVE);
  }

  @Test
  void aNonIdempotentCounterIsCaught() {
    assertBroken(BrokenCrdts.SummingCounter.description(), LawName.MERGE_IS_IDEMPOTENT);
  }

  @Test
  void aDeltaThatLosesInformationIsCaught() {
    assertBroken(BrokenCrdts.lossyDeltaSet(), LawName.DELTA_EQUALS_FULL_MUTATOR);
  }

  @Test
  void aLossyDeltaIsCaughtEvenWhenMergingItBackIntoItsOriginIsAShortcut() {
    assertBroken(BrokenCrdts.RememberingLossySet.description(), LawName.DELTA_EQUALS_FULL_MUTATOR);
  }

  @Test
  void aNonAssociativeMergeIsCaught() {
    assertBroken(BrokenCrdts.MidpointRegister.description(), LawName.MERGE_IS_ASSOCIATIVE);
  }

  @Test
  void anOrderThatDisagreesWithMergeIsCaught() {
    assertBroken(BrokenCrdts.LyingOrderCounter.description(), LawName.ORDER_AGREES_WITH_MERGE);
  }

  @Test
  void anUpdateThatGoesDownTheLatticeIsCaught() {
    assertBroken(BrokenCrdts.resettableSet(), LawName.EVERY_UPDATE_INFLATES);
  }

  @Test
  void deltasThatCountTwiceWhenRedeliveredAreCaught() {
    assertBroken(BrokenCrdts.AdditiveDeltaCounter.description(), LawName.DELTA_GROUPS_IN_ANY_ORDER);
  }

  @Test
  void theReportShowsTheLawTheStatesAndAShrunkHistory() {
    LawReport report = LawChecker.of(BrokenCrdts.SummingCounter.description()).tries(200).seed(SEED).check();

    assertThat(report.toString())
        .contains("SummingCounter", "seed " + SEED, "merge is idempotent does not hold", "x merge x != x")
        .contains("minimal scenario: history on");
    LawReport.Failure failure = report.failures().stream()
        .filter(each -> each.law().equals("merge is idempotent")).findFirst().orElseThrow();
    // Shrinking leaves the one increment that makes a counter non-empty: in the history, or in the burst (from which
    // the merge laws also make concurrent updates on a caught-up state).
    assertThat(failure.minimalScenario().split("increment\\(\\)", -1)).as(failure.minimalScenario()).hasSize(2);
    assertThatThrownBy(report::assertAllHold).isInstanceOf(AssertionError.class).hasMessageContaining("idempotent");
  }

  /**
   * A merge that is not idempotent also breaks inflation, the delta laws and convergence, which send the reader
   * to the mutators: the report says to fix the merge law first, and lists it first.
   */
  @Test
  void theMostBasicBrokenLawLeadsTheReport() {
    LawReport report = LawChecker.of(BrokenCrdts.SummingCounter.description()).tries(200).seed(SEED).check();

    assertThat(report.failures()).hasSizeGreaterThan(1);
    String text = report.toString();
    assertThat(text.lines().skip(1).findFirst()).hasValueSatisfying(lead ->
        assertThat(lead).startsWith("Fix 'merge is idempotent' first: the other " + (report.failures().size() - 1)));
    assertThat(text.indexOf("\n- merge is idempotent:")).isLessThan(text.indexOf("\n- every update inflates:"));
  }

  @Test
  void aCorrectTypePassesEveryLaw() {
    LawReport report = LawChecker.of(CoreTypes.orMapOfSets()).tries(200).seed(SEED).check();

    assertThat(report.failures()).isEmpty();
    assertThat(report.lawCount()).isEqualTo(9);
  }

  @Test
  void theSameSeedFindsTheSameMinimalScenario() {
    LawReport first = LawChecker.of(BrokenCrdts.MidpointRegister.description()).tries(200).seed(SEED).check();
    LawReport again = LawChecker.of(BrokenCrdts.MidpointRegister.description()).tries(200).seed(SEED).check();

    assertThat(again.failures()).extracting(LawReport.Failure::minimalScenario)
        .containsExactlyElementsOf(first.failures().stream().map(LawReport.Failure::minimalScenario).toList());
  }

  private static <S extends Crdt<S>> void assertBroken(CrdtDescription<S> description, LawName law) {
    LawReport report = LawChecker.of(description).tries(300).seed(SEED).check();
    assertThat(report.broke(law)).as("%s should break '%s'; report:%n%s", description.name(), law, report).isTrue();
  }
}
