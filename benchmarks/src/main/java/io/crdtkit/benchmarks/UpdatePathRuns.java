package io.crdtkit.benchmarks;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Which cases of {@link UpdatePathBenchmark} each mode runs, in a run of its own. Full mode runs every case at
 * 100,000 elements, with two forks of five iterations (the ratio of two methods of one run needs fewer than the
 * main run's cross-library comparisons). Quick mode runs the few cases issue 20 names (the updates crdt-net's users
 * make most, and the two maps) at 100,000 elements; the smoke pass the same cases at its 1,000 elements;
 * {@code UpdateCasesTest} builds every case.
 */
final class UpdatePathRuns {

  /** The cases quick mode and the smoke pass run. */
  static final List<String> QUICK_CASES = List.of("ORSet.add", "ORSet.remove", "LWWMap.put", "PNCounter.increment",
      "ORMap<PNCounter>.increment");

  /** JMH's regular expression for both of the benchmark's methods. */
  static final String BENCHMARK = Pattern.quote(UpdatePathBenchmark.class.getName()) + "\\.";

  private UpdatePathRuns() {}

  /** How {@code mode} runs the update path, for the report's header. */
  static String describe(RunMode mode) {
    return mode == RunMode.FULL
        ? "the replicated update path in a run of its own: all 14 cases at 100,000 elements, 2 forks of 3 warm-up and"
            + " 5 measured iterations"
        : "the replicated update path in a run of its own: " + String.join(", ", QUICK_CASES) + " only"
            + " (full mode: all 14)";
  }

  /**
   * The mode's own run of the update path (the main run leaves it out), for the benchmarks that {@code include}
   * selects; empty when {@code include} selects neither method.
   */
  static Optional<Options> separate(RunMode mode, String include) {
    Pattern pattern = Pattern.compile(include);
    String plain = UpdatePathBenchmark.class.getName() + ".plain";
    String viaDelta = UpdatePathBenchmark.class.getName() + ".viaDelta";
    boolean both = pattern.matcher(plain).find() && pattern.matcher(viaDelta).find();
    String selected = both ? "^" + BENCHMARK + "(plain|viaDelta)$"
        : pattern.matcher(plain).find() ? "^" + Pattern.quote(plain) + "$"
        : pattern.matcher(viaDelta).find() ? "^" + Pattern.quote(viaDelta) + "$" : null;
    if (selected == null) {
      return Optional.empty();
    }
    // a child of the mode's options (without the main run's exclusion of this benchmark): its own size and cases
    // replace the parent's, as GrowthCurves' runs do
    if (mode == RunMode.FULL) {
      // Every case, at 100,000 elements: 28 benchmarks of two forks of five one-second iterations, about 10
      // minutes, where the main run's three forks of ten would take 25 (ratios of one run's two methods need less).
      return Optional.of(new OptionsBuilder()
          .parent(mode.options(selected).build())
          .param("size", "100000")
          .forks(2)
          .warmupIterations(3)
          .measurementIterations(5)
          .build());
    }
    return Optional.of(new OptionsBuilder()
        .parent(mode.options(selected).build())
        .param("size", mode == RunMode.QUICK ? "100000" : "1000")
        .param("update", QUICK_CASES.toArray(String[]::new))
        .build());
  }
}
