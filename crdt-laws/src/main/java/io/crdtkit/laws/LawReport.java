package io.crdtkit.laws;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Comparator;
import java.util.List;
import org.apiguardian.api.API;

/**
 * What {@link LawChecker} found: for each broken law, the try that broke it, the minimal scenario shrinking found
 * and the failure; plus the seed that reproduces the whole check.
 *
 * @param type     the described type's name
 * @param seed     the seed that reproduces this check
 * @param tries    tries per law
 * @param lawCount how many laws were checked
 * @param failures one per broken law
 * @param depth    how deep the generated histories went
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record LawReport(String type, long seed, int tries, int lawCount, List<Failure> failures, Depth depth) {

  /**
   * How deep the histories the laws were tried on went, over every try of every law: a law that held was only
   * tried this deep, so a bug that needs deeper states (more updates at one replica, more replicas) may hide. Raise
   * {@link CrdtDescription#maxSteps} or {@link CrdtDescription#replicas} if your type's bugs need more.
   *
   * @param mostSteps    the most steps in one history
   * @param mostUpdates  the most updates in one history (an update step that repeats counts each time)
   * @param mostReplicas the most replicas in one history
   */
  public record Depth(int mostSteps, int mostUpdates, int mostReplicas) {

    /** No history yet. */
    static final Depth NONE = new Depth(0, 0, 0);

    /** This depth, or the history's where it went deeper. */
    Depth with(History<?> history) {
      return new Depth(Math.max(mostSteps, history.steps().size()), Math.max(mostUpdates, history.updates()),
          Math.max(mostReplicas, history.replicas()));
    }

    @Override
    public String toString() {
      return "histories of up to " + mostSteps + " steps, " + mostUpdates + " updates and " + mostReplicas
          + " replicas";
    }
  }

  /**
   * A broken law: which, on which try, the minimal scenario, and what was thrown.
   *
   * @param law             the law's name
   * @param attempt         the try that broke it, from 1
   * @param minimalScenario the smallest scenario shrinking found that still breaks it, printed
   * @param cause           what the law threw on that scenario: a {@link LawViolation}, or the type's own exception
   */
  public record Failure(String law, int attempt, String minimalScenario, Throwable cause) {}

  /**
   * A report.
   *
   * @param type     the described type's name
   * @param seed     the seed that reproduces this check
   * @param tries    tries per law
   * @param lawCount how many laws were checked
   * @param failures one per broken law; copied
   * @param depth    how deep the generated histories went
   */
  public LawReport {
    failures = List.copyOf(failures);
  }

  /**
   * Whether every law checked held on every try.
   *
   * @return true if no law broke
   */
  public boolean allHold() {
    return failures.isEmpty();
  }

  /**
   * Whether the law called {@code name} was found broken.
   *
   * @param name a law's name, as {@link Law#name()} gives it
   * @return true if it broke; false if it held or was not checked
   */
  public boolean broke(String name) {
    return failures.stream().anyMatch(failure -> failure.law().equals(name));
  }

  /**
   * Whether this law of the kit was found broken.
   *
   * @param law one of the kit's laws
   * @return true if it broke; false if it held or was not checked
   */
  public boolean broke(LawName law) {
    return broke(law.text());
  }

  /**
   * Throws an {@link AssertionError} describing every broken law, unless all hold. Each failure's cause is added
   * to it as a suppressed exception.
   *
   * @throws AssertionError if a law broke
   */
  public void assertAllHold() {
    if (!allHold()) {
      AssertionError error = new AssertionError(this.toString());
      failures.forEach(failure -> error.addSuppressed(failure.cause()));
      throw error;
    }
  }

  /**
   * The report as text: a summary line; when several laws broke and the first is one of merge's own laws, which to
   * fix first; then each broken law, most basic first (the order of {@link LawName}), with its minimal scenario;
   * then how to rerun the check.
   */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(type + ": " + (lawCount - failures.size()) + " of " + lawCount
        + " laws hold over " + tries + " tries each (" + depth + "; seed " + seed + ")");
    List<Failure> basicFirst = failures.stream().sorted(Comparator.comparingInt(LawReport::rank)).toList();
    if (basicFirst.size() > 1 && rank(basicFirst.get(0)) <= LawName.BOTTOM_IS_THE_IDENTITY.ordinal()) {
      // An idempotence bug in merge also breaks inflation, the delta laws and convergence, which point the reader
      // at the mutators: say where to look first.
      text.append("\nFix '").append(basicFirst.get(0).law()).append("' first: the other ")
          .append(basicFirst.size() - 1).append(basicFirst.size() == 2
              ? " broken law assumes that merge is a join, so it may fail because of it."
              : " broken laws assume that merge is a join, so they may fail because of it.");
    }
    for (Failure failure : basicFirst) {
      text.append("\n\n- ").append(describe(failure));
    }
    if (!failures.isEmpty()) {
      text.append("\n\n").append(rerunHint());
    }
    return text.toString();
  }

  /** One broken law: which, on which try, what broke and the minimal scenario. */
  static String describe(Failure failure) {
    return failure.law() + ": broken on try " + failure.attempt()
        + "\n  " + failure.cause().getMessage().replace("\n", "\n  ")
        + "\n  minimal scenario: " + failure.minimalScenario().replace("\n", "\n  ");
  }

  /**
   * The most basic law that broke besides {@code failure}'s, if it is one of merge's own laws and more basic:
   * the law to fix first, since {@code failure}'s law assumes merge is a join.
   */
  java.util.Optional<Failure> toFixBefore(Failure failure) {
    return failures.stream()
        .filter(other -> rank(other) <= LawName.BOTTOM_IS_THE_IDENTITY.ordinal() && rank(other) < rank(failure))
        .min(Comparator.comparingInt(LawReport::rank));
  }

  /** How to rerun this check: the seed means the same to {@link LawChecker} and to {@link CrdtLawProperties}. */
  String rerunHint() {
    return rerunHint("YourLawsTest");
  }

  /** How to rerun this check, naming the {@link CrdtLawProperties} test class that ran it. */
  String rerunHint(String testClass) {
    return "Rerun with the same seed: mvn test -Dtest=" + testClass + " -D" + CrdtLawProperties.SEED_PROPERTY
        + "=" + seed + " (the property fixes the seed of every CrdtLawProperties test), or in code "
        + "LawChecker.of(description).seed(" + seed + "L).check()";
  }

  /** Where a failure's law stands among the kit's, most basic first; laws the kit does not know go last. */
  private static int rank(Failure failure) {
    for (LawName law : LawName.values()) {
      if (law.text().equals(failure.law())) {
        return law.ordinal();
      }
    }
    return LawName.values().length;
  }
}
