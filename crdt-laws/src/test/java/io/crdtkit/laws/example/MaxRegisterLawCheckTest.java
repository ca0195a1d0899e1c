package io.crdtkit.laws.example;

import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.laws.CrdtDescription;
import io.crdtkit.laws.LawChecker;
import io.crdtkit.laws.LawReport;
import net.jqwik.api.Arbitraries;
import org.junit.jupiter.api.Test;

/** The programmatic route: the same check from a plain JUnit test (or a main), with a fixed seed. */
class MaxRegisterLawCheckTest {

  @Test
  void everyLawHolds() {
    // tag::programmatic[]
    CrdtDescription<MaxRegister> description = CrdtDescription.of("MaxRegister", MaxRegister.empty())
        .operation("write", Arbitraries.longs().between(0, 9),
            (state, replica, n) -> state.write(n),
            (state, replica, n) -> state.deltaWrite(n));

    LawReport report = LawChecker.of(description).tries(500).seed(42).check();
    report.assertAllHold();
    // end::programmatic[]

    assertThat(report.toString()).startsWith("MaxRegister: 9 of 9 laws hold over 500 tries each (histories of up to ");
  }
}
