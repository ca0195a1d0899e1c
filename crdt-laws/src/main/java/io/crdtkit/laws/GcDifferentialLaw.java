package io.crdtkit.laws;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.crdtkit.CausalCrdt;
import io.crdtkit.Collectable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.apiguardian.api.API;

/**
 * The differential law of garbage collection: the same schedule runs twice, without and with crdt-gc, and the two
 * runs must not be told apart by their values. A schedule is what crdt-net does to a type: local updates whose deltas
 * are batched into delta groups and multicast, FIFO per sender but in any order across senders; anti-entropy sending
 * whole states; stability reports on every message and on their own; messages lost in a view change; late replays of
 * old deltas and stale states; and, for {@link io.crdtkit.Retirable} types, graceful leaves that retire a replica
 * while its messages are still in flight, its slot taken by a new incarnation that catches up before it writes.
 *
 * <p>For every schedule:
 * <ul>
 *   <li>no collection changes a value;
 *   <li>after every step, every replica that has received every update made so far reads the same value with GC as
 *       without (a replica still missing some may read differently: a delta made with GC can tell it more, see
 *       GC.md rule 6);
 *   <li>at the end, when everything sent has arrived and whole states have gone round, the replicas with GC have
 *       converged, to the value the replicas without GC converged to, and hold no tombstone.
 * </ul>
 *
 * <p>Schedules are short (about 60 steps on 2 to 4 replicas) and dense in the events that matter to GC: a failure
 * is shrunk by dropping steps while it persists, and reported with the steps as they happened.
 *
 * <pre>{@code
 * GcDifferentialLaw.check(description, 2_000, seed).assertHolds();
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class GcDifferentialLaw {

  private static final int[] REPLICAS = {2, 3, 3, 3, 4};
  private static final int MIN_STEPS = 30;
  private static final int MORE_STEPS = 50;

  private GcDifferentialLaw() {}

  /**
   * Runs {@code schedules} schedules from {@code seed}; the report gives the first broken ones, shrunk. The check
   * stops after the third broken schedule.
   *
   * @param <S>         the CRDT type, one crdt-gc can collect; retirements are scheduled if it is also
   *                    {@link io.crdtkit.Retirable}
   * @param description the type under test, with at least one operation; not null
   * @param schedules   how many schedules to run; 0 or more
   * @param seed        the seed every schedule's seed is drawn from: the same seed gives the same check
   * @return a new report; it counts the schedules that ran and, since the law has no crashes, no torn ones
   * @throws IllegalStateException if the description has no operation
   * @throws NullPointerException  if {@code description} is null
   */
  public static <S extends CausalCrdt<S> & Collectable<S>> GcReport check(CrdtDescription<S> description,
      int schedules, long seed) {
    Objects.requireNonNull(description, "description");
    return InJqwikSession.run(() -> {
      Random seeds = new Random(seed);
      List<String> problems = new ArrayList<>();
      long collections = 0;
      int run = 0;
      for (; run < schedules && problems.size() < 3; run++) {
        long scheduleSeed = seeds.nextLong();
        GcSchedule<S> schedule = schedule(description, scheduleSeed);
        Outcome<S> outcome = Outcome.of(description, schedule);
        collections += outcome.collections;
        if (!outcome.problems.isEmpty()) {
          problems.add(failure(description, shrink(description, schedule, outcome), scheduleSeed, run + 1));
        }
      }
      return new GcReport(description.name(), seed, run, 0, collections, problems);
    });
  }

  /**
   * The schedule that {@code scheduleSeed} (printed with a failure) stands for: to rerun one failure.
   *
   * @param <S>          the CRDT type, one crdt-gc can collect
   * @param description  the type under test, as it was described for the failing check; not null
   * @param scheduleSeed the schedule's seed, as the failure printed it
   * @return a new report of that one schedule, shrunk if it fails
   * @throws IllegalStateException if the description has no operation
   */
  public static <S extends CausalCrdt<S> & Collectable<S>> GcReport checkSchedule(CrdtDescription<S> description,
      long scheduleSeed) {
    return InJqwikSession.run(() -> {
      GcSchedule<S> schedule = schedule(description, scheduleSeed);
      Outcome<S> outcome = Outcome.of(description, schedule);
      List<String> problems = outcome.problems.isEmpty()
          ? List.of()
          : List.of(failure(description, shrink(description, schedule, outcome), scheduleSeed, 1));
      return new GcReport(description.name(), scheduleSeed, 1, 0, outcome.collections, problems);
    });
  }

  private static <S extends CausalCrdt<S> & Collectable<S>> GcSchedule<S> schedule(CrdtDescription<S> description,
      long scheduleSeed) {
    Random random = new Random(scheduleSeed);
    int replicas = REPLICAS[random.nextInt(REPLICAS.length)];
    int steps = MIN_STEPS + random.nextInt(MORE_STEPS);
    return GcSchedule.random(random, replicas, steps, description.operations().generator(1000, true),
        description.bottom() instanceof io.crdtkit.Retirable<?>);
  }

  /** Drops steps, last first, as long as some law stays broken; the smallest failing schedule's outcome. */
  private static <S extends CausalCrdt<S> & Collectable<S>> Outcome<S> shrink(CrdtDescription<S> description,
      GcSchedule<S> schedule, Outcome<S> outcome) {
    Outcome<S> smallest = outcome;
    boolean shrunk = true;
    while (shrunk) {
      shrunk = false;
      for (int step = smallest.schedule.steps().size() - 1; step >= 0; step--) {
        Outcome<S> candidate = Outcome.of(description, smallest.schedule.without(step));
        if (!candidate.problems.isEmpty()) {
          smallest = candidate;
          shrunk = true;
        }
      }
    }
    return smallest;
  }

  private static <S extends CausalCrdt<S> & Collectable<S>> String failure(CrdtDescription<S> description,
      Outcome<S> outcome, long scheduleSeed, int schedulesRun) {
    return outcome.problems.get(0)
        + "\n  found by schedule " + schedulesRun + " (rerun: GcDifferentialLaw.checkSchedule(description, "
        + scheduleSeed + "L)); shrunk to " + outcome.schedule.steps().size() + " steps on "
        + outcome.schedule.replicas() + " replicas, as they happened with GC:" + outcome.steps
        + (outcome.problems.size() > 1 ? "\n  also: " + String.join("\n  also: ", outcome.problems.subList(1,
            Math.min(4, outcome.problems.size()))) : "");
  }

  /** Both runs of one schedule, and what tells them apart. */
  private static final class Outcome<S extends CausalCrdt<S> & Collectable<S>> {
    final GcSchedule<S> schedule;
    final List<String> problems = new ArrayList<>();
    final long collections;
    final String steps;

    private Outcome(GcSchedule<S> schedule, long collections, String steps) {
      this.schedule = schedule;
      this.collections = collections;
      this.steps = steps;
    }

    static <S extends CausalCrdt<S> & Collectable<S>> Outcome<S> of(CrdtDescription<S> description,
        GcSchedule<S> schedule) {
      GcScheduleRun<S> without = new GcScheduleRun<>(description, schedule, false).run();
      GcScheduleRun<S> with = new GcScheduleRun<>(description, schedule, true).run();
      // verbose (-Dcrdtkit.gc.verbose=true): both runs' states after every step, to see where they part
      String steps = numbered(with.stepLines())
          + (Boolean.getBoolean("crdtkit.gc.verbose") ? "\n  without GC:" + numbered(without.stepLines()) : "");
      Outcome<S> outcome = new Outcome<>(schedule, with.collections(), steps);
      without.problems().forEach(problem -> outcome.problems.add("without GC: " + problem));
      outcome.problems.addAll(with.problems());
      outcome.compareStepByStep(with, without);
      if (outcome.problems.isEmpty()) {
        outcome.compareEnds(description, with, without);
      }
      return outcome;
    }

    private void compareStepByStep(GcScheduleRun<S> with, GcScheduleRun<S> without) {
      int steps = Math.min(with.values().size(), without.values().size());
      for (int step = 0; step < steps; step++) {
        Object[] withGc = with.values().get(step);
        Object[] withoutGc = without.values().get(step);
        for (int slot = 0; slot < withGc.length; slot++) {
          boolean comparable = without.synced().get(step)[slot];
          if (comparable && !Objects.equals(withGc[slot], withoutGc[slot])) {
            problems.add("after step " + (step + 1) + ", " + GcSchedule.name(slot) + " reads " + withGc[slot]
                + " with GC but " + withoutGc[slot] + " without");
            return;
          }
        }
      }
    }

    private void compareEnds(CrdtDescription<S> description, GcScheduleRun<S> with, GcScheduleRun<S> without) {
      List<S> states = with.finalStates();
      Object value = description.valueOf(states.get(0));
      Object valueWithoutGc = description.valueOf(without.finalStates().get(0));
      for (S state : states) {
        if (!state.equals(states.get(0))) {
          problems.add("with GC the replicas did not converge: " + states);
          return;
        }
      }
      if (!Objects.equals(value, valueWithoutGc)) {
        problems.add("with GC the replicas converged to " + value + ", without GC to " + valueWithoutGc);
      }
      int tombstones = states.get(0).tombstones();
      int kept = description.tombstonesKept(states.get(0));
      if (tombstones > kept) {
        problems.add("everything is stable, yet " + tombstones + " tombstones are left"
            + (kept > 0 ? " (" + kept + " kept by design)" : "") + ": " + states.get(0));
      }
    }

    private static String numbered(List<String> lines) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < lines.size(); i++) {
        text.append("\n    ").append(i + 1).append(". ").append(lines.get(i));
      }
      return text.toString();
    }
  }
}
