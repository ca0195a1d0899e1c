package io.crdtkit.benchmarks;

/**
 * Runs the end-to-end benchmark alone and prints every system's figures, round by round, and the targets' verdicts:
 *
 * <pre>{@code
 * ./mvnw -q -B -pl benchmarks -am package -DskipTests -De2e=quick     # or full, smoke
 * }</pre>
 */
public final class EndToEndMain {

  private EndToEndMain() {}

  /** Argument: the mode (smoke, quick, full). */
  public static void main(String[] args) {
    RunMode mode = RunMode.parse(args.length > 0 ? args[0] : "quick");
    long began = System.nanoTime();
    EndToEndResults results = EndToEndMeasurement.measure(mode);
    for (EndToEndSeries series : results.series()) {
      System.out.println(series.tuning() + ", " + series.system() + ", " + series.measure() + ": "
          + Report.number(series.score().value()) + " ± " + Report.number(series.score().error()) + " "
          + series.unit() + "  rounds " + series.trials().stream().map(Report::number).toList());
    }
    for (TargetCheck check : EndToEndSection.checks(results)) {
      System.out.println(check.target() + " | " + check.case_() + " | " + check.measured() + " | "
          + check.verdict().text);
    }
    System.out.printf("%s: %.0f s%n", results.workload().describe(), (System.nanoTime() - began) / 1e9);
  }
}
