package io.crdtkit.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.crdtkit.Crdt;
import io.crdtkit.ORSet;
import io.crdtkit.laws.CrdtDescription;
import io.crdtkit.laws.CrdtLawProperties;
import io.crdtkit.laws.Faults;
import io.crdtkit.laws.GcDifferentialLaw;
import io.crdtkit.laws.GcReport;
import io.crdtkit.laws.Law;
import io.crdtkit.laws.LawChecker;
import io.crdtkit.laws.LawReport;
import io.crdtkit.laws.Laws;
import io.crdtkit.laws.Oracle;
import io.crdtkit.laws.Simulation;
import io.crdtkit.laws.SimulationResult;
import io.crdtkit.site.MaxRegisterLawsTest.MaxRegister;
import java.util.List;
import net.jqwik.api.Arbitraries;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineTestKit;

/** The law-kit page's programmatic snippets (law-kit.adoc): the kit without a test engine, and what it prints. */
class LawKitPageTest {

  private static final CrdtDescription<MaxRegister> MAX_REGISTER = new MaxRegisterLawsTest().description();

  @Test
  void theKitListsItsLawsInTheOrderItReportsThem() {
    List<String> names = Laws.<MaxRegister>all().stream().map(Law::name).toList();
    assertThat(names).containsExactly(
        "merge is commutative",
        "merge is associative",
        "merge is idempotent",
        "bottom is the identity of merge",
        "the order agrees with merge",
        "every update inflates",
        "merging a delta equals the full mutator",
        "delta groups merged in any order equal the full-state merge",
        "replicas converge under any delivery",
        "states survive the round trip");
    SnippetOutput.write("law-names.txt", String.join("\n", names));
  }

  @Test
  void theCheckerRunsTheSameLawsWithoutATestEngine() {
    // tag::checker[]
    LawReport report = LawChecker.of(MAX_REGISTER).tries(200).seed(42).check();
    report.assertAllHold();   // an AssertionError naming every broken law, its minimal scenario and the seed
    // end::checker[]
    assertThat(report.allHold()).isTrue();
    assertThat(report.lawCount()).isEqualTo(10);
    SnippetOutput.write("law-checker.txt", report.toString());
  }

  // tag::broken[]
  /** A counter that adds the other side's count when it merges: the classic mistake. */
  record TallyCounter(long count) implements Crdt<TallyCounter> {

    TallyCounter increment() {
      return new TallyCounter(count + 1);
    }

    @Override
    public TallyCounter merge(TallyCounter other) {
      return new TallyCounter(count + other.count);   // receive the same state twice, count it twice
    }
  }
  // end::broken[]

  /**
   * TallyCounter's laws as a user writes the test class. Nested, so the build does not run it by itself (it must
   * fail): {@link #aFailingLawTestPrintsTheSeedThatRerunsIt} runs it as the user's build would.
   */
  // tag::broken-test[]
  static class TallyCounterLawsTest extends CrdtLawProperties<TallyCounter> {
    @Override
    protected CrdtDescription<TallyCounter> description() {
      return tallyCounter();
    }
  }
  // end::broken-test[]

  @Test
  void aFailingLawTestPrintsTheSeedThatRerunsIt() {
    System.setProperty(CrdtLawProperties.SEED_PROPERTY, "7");   // as -Dcrdtkit.laws.seed=7 would
    try {
      Throwable failure = EngineTestKit.engine("junit-jupiter")
          .selectors(DiscoverySelectors.selectMethod(TallyCounterLawsTest.class, "everyUpdateInflates"))
          .execute().testEvents().failed().list().get(0)
          .getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();

      assertThat(failure).isInstanceOf(AssertionError.class).hasMessageContaining("seed 7")
          .hasMessageContaining("Fix 'merge is idempotent' first")
          .hasMessageContaining("-Dcrdtkit.laws.seed=7");
      // The same seed through LawChecker finds the same failure.
      LawReport same = LawChecker.of(tallyCounter()).seed(7).check();
      assertThat(failure.getMessage()).contains(same.failures().stream()
          .filter(each -> each.law().equals("every update inflates")).findFirst().orElseThrow()
          .minimalScenario().replace("\n", "\n  "));
      SnippetOutput.write("law-test-failure.txt", failure.getMessage());
    } finally {
      System.clearProperty(CrdtLawProperties.SEED_PROPERTY);
    }
  }

  private static CrdtDescription<TallyCounter> tallyCounter() {
    // tag::broken-description[]
    return CrdtDescription.of("TallyCounter", new TallyCounter(0))
        .operation("increment", (state, replica) -> state.increment(), (state, replica) -> new TallyCounter(1));
    // end::broken-description[]
  }

  @Test
  void aBrokenMergeIsCaughtAndReportedWithAMinimalScenarioAndTheSeed() {
    // tag::failure[]
    LawReport report = LawChecker.of(tallyCounter()).tries(200).seed(7).check();
    System.out.println(report);                     // below, as this build printed it
    // end::failure[]

    assertThat(report.allHold()).isFalse();
    assertThat(report.failures()).extracting(LawReport.Failure::law).containsExactly(
        "merge is idempotent",
        "the order agrees with merge",
        "every update inflates",
        "delta groups merged in any order equal the full-state merge",
        "replicas converge under any delivery");
    assertThat(report.toString()).contains("seed 7)").contains("minimal scenario");
    AssertionError thrown = catchThrowableOfType(AssertionError.class, report::assertAllHold);
    assertThat(thrown.getMessage()).isEqualTo(report.toString());

    // tag::rerun[]
    LawReport again = LawChecker.of(tallyCounter()).tries(200).seed(report.seed()).check();   // the same failures
    // end::rerun[]
    assertThat(again.toString()).isEqualTo(report.toString());
    SnippetOutput.write("law-failure.txt", report.toString());
  }

  private static CrdtDescription<ORSet<String>> orSet() {
    // tag::gc-description[]
    return CrdtDescription.of("ORSet", ORSet.<String>empty())
        .operation("add", Arbitraries.of("x", "y", "z"),
            (state, replica, e) -> state.add(replica, e), (state, replica, e) -> state.deltaAdd(replica, e))
        .operation("remove", Arbitraries.of("x", "y", "z"),
            (state, replica, e) -> state.remove(replica, e), (state, replica, e) -> state.deltaRemove(replica, e))
        .value(ORSet::value);
    // end::gc-description[]
  }

  @Test
  void garbageCollectionCannotBeToldApartFromNoCollection() {
    CrdtDescription<ORSet<String>> description = orSet();
    // tag::gc[]
    GcReport report = GcDifferentialLaw.check(description, 100, 7);   // 100 schedules from seed 7
    report.assertHolds();
    // end::gc[]
    assertThat(report.schedules()).isEqualTo(100);
    assertThat(report.collections()).isPositive();
    SnippetOutput.write("law-gc.txt", report.toString());
  }

  @Test
  void theSimulatorConvergesToWhatTheOracleSpecifies() {
    // tag::simulation[]
    Oracle<MaxRegister> greatestWrite = history -> history.delivered().stream()   // the updates that arrived
        .mapToLong(write -> (Long) write.operation().argument())
        .max().orElse(Long.MIN_VALUE);

    SimulationResult<MaxRegister> result = Simulation.of(MAX_REGISTER)
        .replicas(4).steps(300).faults(Faults.hostile()).oracle(greatestWrite).seed(7)
        .run();
    result.assertHolds();
    // end::simulation[]
    assertThat(result.finalStates()).hasSize(4);
    assertThat(result.trace()).hasSizeGreaterThanOrEqualTo(300);
    SnippetOutput.write("law-simulation.txt", result.toString() + "\n" + result.trace().size()
        + " steps; first ones:\n  " + String.join("\n  ", result.trace().subList(0, 8)));
  }
}
