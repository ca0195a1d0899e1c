package io.crdtkit.laws;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.RandomGenerator;

/**
 * A schedule of the {@link GcDifferentialLaw}: what happens, step by step, on a few replicas that exchange deltas and
 * states as crdt-net does. No step depends on the replicas' states, so the same schedule runs once without and once
 * with garbage collection, and the two runs meet the same events in the same order.
 *
 * <p>Messages travel on one FIFO channel per ordered pair of replicas (JGroups' order: per sender, never across
 * senders); which channel delivers next is the schedule's choice.
 *
 * @param replicas how many replica slots (a retired replica's slot is taken by a new incarnation at once)
 * @param steps    the steps, in order
 * @param <S>      the CRDT type
 */
record GcSchedule<S>(int replicas, List<GcSchedule.Step<S>> steps) {

  GcSchedule {
    steps = List.copyOf(steps);
  }

  /** One step of a schedule. Replicas are slot numbers; {@code pick} chooses among what exists when it runs. */
  sealed interface Step<S> {

    /** A local update through its delta mutator; the delta joins the replica's pending delta group. */
    record Update<S>(int replica, Operation<S> operation) implements Step<S> {
      @Override
      public String toString() {
        return GcSchedule.name(replica) + ": " + operation;
      }
    }

    /** The replica's pending delta group goes out to every other replica (crdt-net's batched multicast). */
    record Flush<S>(int replica) implements Step<S> {
      @Override
      public String toString() {
        return GcSchedule.name(replica) + ": sends its pending deltas to all";
      }
    }

    /** The first message of one non-empty channel (the {@code pick}-th, modulo how many there are) arrives. */
    record Deliver<S>(int pick) implements Step<S> {
      @Override
      public String toString() {
        return "deliver on channel #" + pick;
      }
    }

    /** Anti-entropy: {@code from} sends its whole state to {@code to}. */
    record SendState<S>(int from, int to) implements Step<S> {
      @Override
      public String toString() {
        return GcSchedule.name(from) + " -> " + GcSchedule.name(to) + ": whole state";
      }
    }

    /** {@code from} sends {@code to} its stability report alone (idle replicas report too). */
    record SendReport<S>(int from, int to) implements Step<S> {
      @Override
      public String toString() {
        return GcSchedule.name(from) + " -> " + GcSchedule.name(to) + ": report";
      }
    }

    /** Everything queued from {@code from} to {@code to} is lost, as across a view change; anti-entropy repairs. */
    record Lose<S>(int from, int to) implements Step<S> {
      @Override
      public String toString() {
        return GcSchedule.name(from) + " -> " + GcSchedule.name(to) + ": queued messages lost";
      }
    }

    /** A message delivered earlier on one channel arrives again, late: a stale state or a replayed delta. */
    record Replay<S>(int pick, int back) implements Step<S> {
      @Override
      public String toString() {
        return "replay on channel #" + pick + ", " + back + " back";
      }
    }

    /**
     * The replica leaves gracefully: it hands its whole state to every other replica, the cluster retires it (every
     * state folds it into the heir), and a new incarnation takes its slot and must catch up before it writes.
     */
    record Retire<S>(int replica) implements Step<S> {
      @Override
      public String toString() {
        return GcSchedule.name(replica) + ": leaves and is retired; a new incarnation takes its place";
      }
    }
  }

  /**
   * A random schedule of {@code length} steps on {@code replicas} slots, with updates from {@code operations}; with
   * retirements only if {@code retirements}.
   */
  static <S> GcSchedule<S> random(Random random, int replicas, int length,
      RandomGenerator<Operation<S>> operations, boolean retirements) {
    List<Step<S>> steps = new ArrayList<>(length);
    double[] weights = {6, 3, 9, 1.2, 1.5, 0.25, 0.5, retirements ? 0.2 : 0};
    double total = 0;
    for (double weight : weights) {
      total += weight;
    }
    for (int i = 0; i < length; i++) {
      double roll = random.nextDouble() * total;
      int kind = 0;
      while (roll >= weights[kind]) {
        roll -= weights[kind];
        kind++;
      }
      int replica = random.nextInt(replicas);
      int other = (replica + 1 + random.nextInt(replicas - 1)) % replicas;
      steps.add(switch (kind) {
        case 0 -> new Step.Update<>(replica, operations.next(random).value());
        case 1 -> new Step.Flush<>(replica);
        case 2 -> new Step.Deliver<>(random.nextInt(64));
        case 3 -> new Step.SendState<>(replica, other);
        case 4 -> new Step.SendReport<>(replica, other);
        case 5 -> new Step.Lose<>(replica, other);
        case 6 -> new Step.Replay<>(random.nextInt(64), random.nextInt(4));
        default -> new Step.Retire<>(replica);
      });
    }
    return new GcSchedule<>(replicas, steps);
  }

  /** This schedule without step {@code index} (for shrinking). */
  GcSchedule<S> without(int index) {
    List<Step<S>> fewer = new ArrayList<>(steps);
    fewer.remove(index);
    return new GcSchedule<>(replicas, fewer);
  }

  static String name(int slot) {
    return Replicas.id(slot).name();
  }
}
