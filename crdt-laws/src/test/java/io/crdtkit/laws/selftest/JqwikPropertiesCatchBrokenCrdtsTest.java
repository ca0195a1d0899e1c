package io.crdtkit.laws.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The jqwik route of the kit: extending {@code CrdtLawProperties} for a broken CRDT makes the right properties
 * fail, and jqwik reports the seed and the shrunk scenario with the failure.
 */
class JqwikPropertiesCatchBrokenCrdtsTest {

  @Test
  void theCommutativityPropertyFailsWithItsSeedAndShrunkScenario() {
    EngineExecutionResults results = EngineTestKit.engine("jqwik")
        .selectors(selectClass(FirstWinsRegisterLawSuite.class))
        .configurationParameter("jqwik.reporting.usejunitplatform", "true")
        .configurationParameter("jqwik.tries.default", "300")
        .execute();

    List<Event> failed = results.testEvents().failed().list();
    assertThat(failed).extracting(event -> event.getTestDescriptor().getDisplayName())
        .contains("mergeIsCommutative");
    Throwable cause = failed.stream()
        .filter(event -> event.getTestDescriptor().getDisplayName().equals("mergeIsCommutative"))
        .map(event -> event.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow())
        .findFirst().orElseThrow();
    assertThat(cause).hasMessageContaining("merge is commutative does not hold");

    String reports = results.allEvents().reportingEntryPublished().stream()
        .map(event -> event.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs().toString())
        .reduce("", String::concat);
    assertThat(reports).contains("seed").contains("history on");
  }
}
