package io.crdtkit.laws;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * What {@link GcLaws} found.
 *
 * @param type        the described type's name
 * @param seed        the seed that reproduces the whole check
 * @param schedules   how many schedules ran (each twice: without and with GC)
 * @param torn        how many of them crashes tore (see {@link GcLaws}): their values were not compared
 * @param collections how many collections reclaimed something, over all schedules
 * @param problems    every broken law, with the seed of its schedule
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record GcReport(String type, long seed, int schedules, int torn, long collections, List<String> problems) {

  /**
   * A report.
   *
   * @param type        the described type's name
   * @param seed        the seed that reproduces the whole check
   * @param schedules   how many schedules ran
   * @param torn        how many of them crashes tore
   * @param collections how many collections reclaimed something, over all schedules
   * @param problems    every broken law, with the seed of its schedule; copied
   */
  public GcReport {
    problems = List.copyOf(problems);
  }

  /**
   * Whether every GC law held on every schedule.
   *
   * @return true if there is no problem
   */
  public boolean holds() {
    return problems.isEmpty();
  }

  /**
   * Throws an {@link AssertionError} listing the problems, unless there are none.
   *
   * @throws AssertionError if a law broke
   */
  public void assertHolds() {
    if (!holds()) {
      throw new AssertionError(this.toString());
    }
  }

  @Override
  public String toString() {
    return type + ": " + (holds() ? "GC laws hold" : "GC laws BROKEN") + " over " + schedules + " schedules (seed "
        + seed + (torn > 0 ? "; " + torn + " torn by crashes" : "") + "), " + collections + " collections"
        + (holds() ? "" : "\n  " + String.join("\n  ", problems));
  }
}
