package io.crdtkit.laws;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.crdtkit.Crdt;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.jspecify.annotations.Nullable;

/**
 * Every law of the kit as a test, one per law. Extend it in your test sources and describe your type, in a class
 * whose name your build runs (Maven Surefire's defaults: {@code *Test}, {@code *Tests}, {@code Test*},
 * {@code *TestCase}; a class named {@code MaxRegisterLaws} would be skipped without a word):
 *
 * <pre>{@code
 * class MaxRegisterLawsTest extends CrdtLawProperties<MaxRegister> {
 *   @Override
 *   protected CrdtDescription<MaxRegister> description() {
 *     return CrdtDescription.of("MaxRegister", MaxRegister.empty())
 *         .operation("write", Arbitraries.longs().between(0, 9),
 *             (state, replica, n) -> state.write(n), (state, replica, n) -> state.deltaWrite(n));
 *   }
 * }
 * }</pre>
 *
 * <p>The tests are JUnit Jupiter tests (crdt-laws brings the engine) that check the laws with {@link LawChecker},
 * on jqwik's generators: the first of them checks every law, and each test reports its own. A failure names the try, the minimal scenario shrinking
 * found, which more basic law to fix first if one broke too, and the seed. <b>Rerunning a failure is one
 * line</b>: the seed it printed, as a system property ({@code ./mvnw test -Dtest=MaxRegisterLawsTest
 * -Dcrdtkit.laws.seed=42}), or in code, {@code LawChecker.of(description).seed(42L).check()}: the seed means the
 * same to both. Without the property, each run draws a new seed. {@code -Dcrdtkit.laws.tries} sets the tries per
 * law (default 1,000).
 *
 * @param <S> the CRDT type
 */
@API(status = EXPERIMENTAL, since = "0.1")
public abstract class CrdtLawProperties<S extends Crdt<S>> {

  /** The system property that fixes the seed of the check, to rerun a failure: {@value}. */
  public static final String SEED_PROPERTY = "crdtkit.laws.seed";

  /** The system property that sets the tries per law (default 1,000): {@value}. */
  public static final String TRIES_PROPERTY = "crdtkit.laws.tries";

  /**
   * One check of every law per test class, seed and tries: JUnit makes a new instance for each test, and the tests
   * of a class must report on one seed (and one run of the laws, which is what takes the time).
   */
  private static final Map<List<Object>, LawReport> REPORTS = new ConcurrentHashMap<>();

  /**
   * The type under test. Called once per run of the laws and for each test's skip decision; keep it cheap.
   *
   * @return the description, with at least one operation
   */
  protected abstract CrdtDescription<S> description();

  @Test
  void mergeIsCommutative() {
    check(LawName.MERGE_IS_COMMUTATIVE);
  }

  @Test
  void mergeIsAssociative() {
    check(LawName.MERGE_IS_ASSOCIATIVE);
  }

  @Test
  void mergeIsIdempotent() {
    check(LawName.MERGE_IS_IDEMPOTENT);
  }

  @Test
  void bottomIsTheIdentityOfMerge() {
    check(LawName.BOTTOM_IS_THE_IDENTITY);
  }

  @Test
  void orderAgreesWithMerge() {
    check(LawName.ORDER_AGREES_WITH_MERGE);
  }

  @Test
  void everyUpdateInflates() {
    check(LawName.EVERY_UPDATE_INFLATES);
  }

  @Test
  void mergingADeltaEqualsTheFullMutator() {
    check(LawName.DELTA_EQUALS_FULL_MUTATOR);
  }

  @Test
  void deltaGroupsMergedInAnyOrderEqualTheFullStateMerge() {
    check(LawName.DELTA_GROUPS_IN_ANY_ORDER);
  }

  @Test
  void replicasConvergeUnderAnyDelivery() {
    check(LawName.REPLICAS_CONVERGE);
  }

  @Test
  void statesSurviveTheRoundTrip() {
    Assumptions.assumeTrue(description().roundTrip() != null,
        () -> description().name() + " describes no round trip (see CrdtDescription.roundTrip)");
    check(LawName.ROUND_TRIP);
  }

  private void check(LawName law) {
    @Nullable String seed = System.getProperty(SEED_PROPERTY);
    @Nullable String tries = System.getProperty(TRIES_PROPERTY);
    LawReport report = REPORTS.computeIfAbsent(Arrays.asList(getClass(), seed, tries),
        any -> checkEveryLaw(seed, tries));
    Optional<LawReport.Failure> failure = report.failures().stream()
        .filter(each -> each.law().equals(law.text())).findFirst();
    if (failure.isEmpty()) {
      return;
    }
    StringBuilder text = new StringBuilder(report.type() + ": " + LawReport.describe(failure.get()));
    report.toFixBefore(failure.get()).ifPresent(basic -> text.append("\n\nFix '").append(basic.law())
        .append("' first: this law assumes that merge is a join, so it may fail because of it."));
    text.append("\n\nChecked over ").append(report.tries()).append(" tries per law (").append(report.depth())
        .append("; seed ").append(report.seed()).append(").\n").append(report.rerunHint(getClass().getSimpleName()));
    // A law's violation is all in the text already; an exception the type threw keeps its stack trace as the cause.
    Throwable cause = failure.get().cause();
    throw cause instanceof LawViolation ? new AssertionError(text.toString())
        : new AssertionError(text.toString(), cause);
  }

  private LawReport checkEveryLaw(@Nullable String seed, @Nullable String tries) {
    LawChecker<S> checker = LawChecker.of(description())
        .seed(seed == null || seed.isBlank() ? new Random().nextLong() : parse(SEED_PROPERTY, seed));
    return (tries == null || tries.isBlank() ? checker : checker.tries((int) parse(TRIES_PROPERTY, tries)))
        .check();
  }

  private static long parse(String property, String value) {
    try {
      return Long.parseLong(value.strip().replaceFirst("[lL]$", ""));
    } catch (NumberFormatException notANumber) {
      throw new IllegalArgumentException("-D" + property + " must be a whole number, got '" + value + "'");
    }
  }
}
