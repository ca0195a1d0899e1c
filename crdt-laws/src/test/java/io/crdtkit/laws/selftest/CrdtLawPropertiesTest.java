package io.crdtkit.laws.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.crdtkit.laws.CrdtLawProperties;
import io.crdtkit.laws.LawChecker;
import io.crdtkit.laws.LawName;
import io.crdtkit.laws.LawReport;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The test route of the kit, as a user meets it: extending {@code CrdtLawProperties} for a broken CRDT makes the
 * right tests fail, each failure says which more basic law to fix first and how to rerun it, and the seed it prints
 * reruns the same failure in one line, through the tests or through {@link LawChecker}.
 */
class CrdtLawPropertiesTest {

  private static final Pattern SEED = Pattern.compile("-Dcrdtkit\\.laws\\.seed=(-?\\d+)");

  @AfterEach
  void forgetTheSeed() {
    System.clearProperty(CrdtLawProperties.SEED_PROPERTY);
    System.clearProperty(CrdtLawProperties.TRIES_PROPERTY);
  }

  @Test
  void theCommutativityTestFailsWithItsMinimalScenarioAndHowToRerunIt() {
    String failure = failuresOf(FirstWinsRegisterLawSuite.class).get("mergeIsCommutative");

    assertThat(failure).contains("merge is commutative does not hold", "minimal scenario: history on",
        "LawChecker.of(description).seed(", "-Dcrdtkit.laws.seed=");
  }

  /** Issue 21, point 2: the printed seed is the whole rerun, and it means the same to the tests and to LawChecker. */
  @Test
  void thePrintedSeedRerunsTheSameFailureThroughTheTestsAndThroughLawChecker() {
    String first = failuresOf(FirstWinsRegisterLawSuite.class).get("mergeIsCommutative");
    Matcher seed = SEED.matcher(first);
    assertThat(seed.find()).as("a seed in:%n%s", first).isTrue();

    System.setProperty(CrdtLawProperties.SEED_PROPERTY, seed.group(1));
    String rerun = failuresOf(FirstWinsRegisterLawSuite.class).get("mergeIsCommutative");
    LawReport checked = LawChecker.of(BrokenCrdts.FirstWinsRegister.description())
        .seed(Long.parseLong(seed.group(1))).check();

    assertThat(rerun).isEqualTo(first);
    LawReport.Failure same = checked.failures().stream()
        .filter(each -> each.law().equals(LawName.MERGE_IS_COMMUTATIVE.text())).findFirst().orElseThrow();
    assertThat(first).contains("broken on try " + same.attempt())
        .contains(same.minimalScenario().replace("\n", "\n  "));
  }

  /**
   * Issue 21, point 5: a merge that is not idempotent above a threshold breaks seven laws; each points at the most
   * basic of merge's own laws that broke (associativity too breaks on it), none at the mutators.
   */
  @Test
  void aLawBrokenBecauseMergeIsNotAJoinSaysToFixTheMergeLawFirst() {
    System.setProperty(CrdtLawProperties.SEED_PROPERTY, "21");
    Map<String, String> failures = failuresOf(ThresholdMaxRegisterLawSuite.class);

    assertThat(failures).containsKeys("mergeIsAssociative", "mergeIsIdempotent", "everyUpdateInflates",
        "mergingADeltaEqualsTheFullMutator", "replicasConvergeUnderAnyDelivery");
    assertThat(failures.get("mergeIsAssociative")).doesNotContain("Fix '");
    failures.forEach((test, failure) -> {
      if (!test.equals("mergeIsAssociative")) {
        assertThat(failure).as(test).contains("Fix 'merge is associative' first");
      }
    });
  }

  @Test
  void aBadSeedIsRefusedNamingTheProperty() {
    System.setProperty(CrdtLawProperties.SEED_PROPERTY, "0x2a");

    assertThat(failuresOf(FirstWinsRegisterLawSuite.class).get("mergeIsCommutative"))
        .contains("-Dcrdtkit.laws.seed must be a whole number, got '0x2a'");
  }

  /** The failed tests of a suite, by method name, each with the message it failed with. */
  private static Map<String, String> failuresOf(Class<?> suite) {
    List<Event> failed = EngineTestKit.engine("junit-jupiter").selectors(selectClass(suite)).execute()
        .testEvents().failed().list();
    return failed.stream().collect(Collectors.toMap(
        event -> event.getTestDescriptor().getDisplayName().replace("()", ""),
        event -> String.valueOf(event.getPayload(TestExecutionResult.class).orElseThrow().getThrowable()
            .orElseThrow().getMessage())));
  }
}
