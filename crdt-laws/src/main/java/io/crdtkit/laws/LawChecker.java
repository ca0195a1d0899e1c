package io.crdtkit.laws;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.crdtkit.Crdt;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Shrinkable;
import org.apiguardian.api.API;

/**
 * Checks the laws without a test engine: from a seed, generates scenarios with the same generators the jqwik
 * properties use, and shrinks a failing one step by step to a minimal scenario.
 *
 * <pre>{@code
 * LawReport report = LawChecker.of(description).tries(1000).seed(42).check();
 * report.assertAllHold();     // throws with every broken law, its minimal scenario and the seed
 * }</pre>
 *
 * @param <S> the CRDT type
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class LawChecker<S extends Crdt<S>> {

  private static final int GENERATION_SIZE = 1000;
  private static final int MAX_SHRINK_STEPS = 2000;

  private final CrdtDescription<S> description;
  private final int tries;
  private final long seed;
  private final List<Law<S>> laws;

  private LawChecker(CrdtDescription<S> description, int tries, long seed, List<Law<S>> laws) {
    this.description = description;
    this.tries = tries;
    this.seed = seed;
    this.laws = laws;
  }

  /**
   * A checker of every law that applies to {@code description}: 1000 tries, a random seed (printed in the
   * report).
   *
   * @param <S>         the CRDT type
   * @param description the type under test; it must have at least one operation
   * @return a new checker of {@link Laws#applicableTo} the description
   * @throws NullPointerException if {@code description} is null
   */
  public static <S extends Crdt<S>> LawChecker<S> of(CrdtDescription<S> description) {
    return new LawChecker<>(Objects.requireNonNull(description, "description"), 1000, new Random().nextLong(),
        Laws.applicableTo(description));
  }

  /**
   * How many scenarios each law is tried on before it is taken to hold (default 1000).
   *
   * @param count the number of tries per law; at least 1
   * @return a new checker with this count
   * @throws IllegalArgumentException if {@code count} is below 1
   */
  public LawChecker<S> tries(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("tries must be >= 1, got " + count);
    }
    return new LawChecker<>(description, count, seed, laws);
  }

  /**
   * The seed the scenarios are drawn from: the seed a report printed reproduces that check.
   *
   * @param value the seed
   * @return a new checker with this seed
   */
  public LawChecker<S> seed(long value) {
    return new LawChecker<>(description, tries, value, laws);
  }

  /**
   * Checks only {@code selected} (from {@link Laws#all()}).
   *
   * @param selected the laws to check, in the order they are reported; not null, nor any law in it
   * @return a new checker of these laws
   * @throws NullPointerException if {@code selected} is null or holds null
   */
  public LawChecker<S> laws(List<Law<S>> selected) {
    return new LawChecker<>(description, tries, seed, List.copyOf(selected));
  }

  /**
   * Runs every law for the configured number of tries; each law draws from its own stream of the seed. A law
   * stops at its first failure, which is shrunk. Exceptions the type throws count as failures.
   *
   * @return a new report: every law that broke, with its minimal scenario, and the seed
   * @throws IllegalStateException if the description has no operation
   */
  public LawReport check() {
    // jqwik's generators need a jqwik session when they run outside a property (in a plain test or a main).
    return InJqwikSession.run(this::checkInSession);
  }

  private LawReport checkInSession() {
    List<LawReport.Failure> failures = new ArrayList<>();
    LawReport.Depth depth = LawReport.Depth.NONE;
    for (Law<S> law : laws) {
      RandomGenerator<Scenario<S>> generator = Scenarios.of(description).generator(GENERATION_SIZE, true);
      Random random = new Random(seed ^ law.name().hashCode());
      for (int attempt = 1; attempt <= tries; attempt++) {
        Shrinkable<Scenario<S>> scenario = generator.next(random);
        depth = depth.with(scenario.value().history());
        Optional<Throwable> failure = failureOf(law, scenario.value());
        if (failure.isPresent()) {
          Shrunk<S> minimal = shrink(law, scenario, failure.get());
          failures.add(new LawReport.Failure(law.name(), attempt, minimal.scenario.toString(), minimal.failure));
          break;
        }
      }
    }
    return new LawReport(description.name(), seed, tries, laws.size(), failures, depth);
  }

  private record Shrunk<S extends Crdt<S>>(Scenario<S> scenario, Throwable failure) {}

  /** Greedy shrinking: keep taking the first smaller scenario that still fails, until none does. */
  private Shrunk<S> shrink(Law<S> law, Shrinkable<Scenario<S>> failing, Throwable failure) {
    Shrinkable<Scenario<S>> current = failing;
    Throwable currentFailure = failure;
    boolean smaller = true;
    for (int steps = 0; smaller && steps < MAX_SHRINK_STEPS; steps++) {
      smaller = false;
      for (Shrinkable<Scenario<S>> candidate : (Iterable<Shrinkable<Scenario<S>>>) current.shrink()::iterator) {
        Optional<Throwable> candidateFailure = failureOf(law, candidate.value());
        if (candidateFailure.isPresent()) {
          current = candidate;
          currentFailure = candidateFailure.get();
          smaller = true;
          break;
        }
      }
    }
    return new Shrunk<>(current.value(), currentFailure);
  }

  /** The law's violation, or any other exception the type threw (a crash in merge breaks the laws too). */
  private Optional<Throwable> failureOf(Law<S> law, Scenario<S> scenario) {
    try {
      law.check(description, scenario);
      return Optional.empty();
    } catch (LawViolation | RuntimeException violation) {
      return Optional.of(violation);
    }
  }
}
