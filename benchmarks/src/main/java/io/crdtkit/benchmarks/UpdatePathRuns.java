package io.crdtkit.benchmarks;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Which cases of {@link UpdatePathBenchmark} each mode runs. Full mode runs every case at both sizes in the main
 * run. Quick mode and the smoke pass take it out of the main run and run it on its own, with the few cases issue
 * 20 names (the updates crdt-net's users make most, and the two maps), quick mode at 100,000 elements only: the
 * 14 cases at two sizes are 56 benchmarks, more than quick mode's whole main run. The smoke pass runs the same
 * cases at its 1,000 elements; {@code UpdateCasesTest} builds every case.
 */
final class UpdatePathRuns {

  /** The cases quick mode and the smoke pass run. */
  static final List<String> QUICK_CASES = List.of("ORSet.add", "ORSet.remove", "LWWMap.put", "PNCounter.increment",
      "ORMap<PNCounter>.increment");

  /** JMH's regular expression for both of the benchmark's methods. */
  static final String BENCHMARK = Pattern.quote(UpdatePathBenchmark.class.getName()) + "\\.";

  private UpdatePathRuns() {}

  /** Whether {@code mode}'s main run leaves the update path out, for {@link #separate} to run. */
  static boolean runSeparately(RunMode mode) {
    return mode != RunMode.FULL;
  }

  /**
   * The mode's own run of the update path, for the benchmarks that {@code include} selects; empty in full mode (the
   * main run has it) or when {@code include} selects neither method.
   */
  static Optional<Options> separate(RunMode mode, String include) {
    if (!runSeparately(mode)) {
      return Optional.empty();
    }
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
    return Optional.of(new OptionsBuilder()
        .parent(mode.options(selected).build())
        .param("size", mode == RunMode.QUICK ? "100000" : "1000")
        .param("update", QUICK_CASES.toArray(String[]::new))
        .build());
  }
}
