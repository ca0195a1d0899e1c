package io.crdtkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of {@link UpdatePathBenchmark} builds and both its forms make the same state: the smoke pass runs only
 * {@link UpdatePathRuns#QUICK_CASES}, so this is where the other cases are run at all before full mode.
 */
class UpdateCasesTest {

  static String[] names() {
    return UpdateCases.NAMES;
  }

  @ParameterizedTest
  @MethodSource("names")
  void thePlainMutatorAndDeltaThenMergeMakeTheSameState(String name) {
    UpdateCases.UpdateCase updates = UpdateCases.of(name, 100);
    for (int i = 0; i < 3; i++) {
      assertThat(updates.viaDelta(i)).as("%s, update %d", name, i).isEqualTo(updates.plain(i));
    }
  }

  @ParameterizedTest
  @MethodSource("names")
  void everyCaseIsAParameterOfTheBenchmark(String name) throws Exception {
    String[] params = UpdatePathBenchmark.Fixture.class.getDeclaredField("update")
        .getAnnotation(org.openjdk.jmh.annotations.Param.class).value();
    assertThat(params).contains(name);
  }
}
