package io.crdtkit.laws;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.crdtkit.Crdt;
import io.crdtkit.clock.ReplicaId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A history on a few replicas: local updates (in full or through their delta) interleaved with one replica merging
 * another's state. Running it gives <em>reachable</em> states, with real concurrency, rather than arbitrary
 * structures no replica could hold. Printed one step per line in failure reports.
 *
 * @param <S> the CRDT type
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class History<S extends Crdt<S>> {

  private final int replicas;
  private final List<Step<S>> steps;

  /** One step of a history. */
  public sealed interface Step<S> permits Update, Merge {}

  /**
   * Replica {@code replica} applies {@code operation} {@code times} times in a row, through its delta if
   * {@code viaDelta}. Repeats let a short history reach deep states (a counter above a threshold, a register
   * written many times) that a bug may need, and they shrink to one.
   *
   * @param replica   the replica's number, from 0
   * @param operation the operation applied
   * @param viaDelta  whether the replica merges the operation's delta rather than applying the full mutator
   * @param times     how many times in a row; 1 or more
   * @param <S>       the CRDT type
   */
  public record Update<S>(int replica, Operation<S> operation, boolean viaDelta, int times) implements Step<S> {

    /**
     * An update, checked.
     *
     * @param replica   the replica's number, from 0
     * @param operation the operation applied
     * @param viaDelta  whether the replica merges the operation's delta rather than applying the full mutator
     * @param times     how many times in a row; 1 or more
     * @throws IllegalArgumentException if {@code times} is below 1
     */
    public Update {
      if (times < 1) {
        throw new IllegalArgumentException("times must be >= 1, got " + times);
      }
    }

    /**
     * Replica {@code replica} applies {@code operation} once.
     *
     * @param replica   the replica's number, from 0
     * @param operation the operation applied
     * @param viaDelta  whether the replica merges the operation's delta rather than applying the full mutator
     */
    public Update(int replica, Operation<S> operation, boolean viaDelta) {
      this(replica, operation, viaDelta, 1);
    }

    @Override
    public String toString() {
      return Replicas.id(replica) + (viaDelta ? ": merge delta of " : ": ") + operation
          + (times > 1 ? " (" + times + " times)" : "");
    }
  }

  /**
   * Replica {@code into} merges the state of replica {@code from}.
   *
   * @param into the number of the replica that merges, from 0
   * @param from the number of the replica whose state it merges, from 0
   * @param <S>  the CRDT type
   */
  public record Merge<S>(int into, int from) implements Step<S> {
    @Override
    public String toString() {
      return Replicas.id(into) + ": merge state of " + Replicas.id(from);
    }
  }

  /**
   * A state some replica held at some point: its current state, or an older (stale) one.
   *
   * @param replica the replica's number, from 0
   * @param state   the state it held
   * @param <S>     the CRDT type
   */
  public record Held<S>(int replica, S state) {
    /**
     * The id of the replica that held the state.
     *
     * @return the id of replica number {@link #replica()} (a, b, c...)
     */
    public ReplicaId replicaId() {
      return Replicas.id(replica);
    }
  }

  /**
   * What a run of the history produced.
   *
   * @param finalStates    each replica's state at the end, by replica number
   * @param everyStateHeld every state a replica held: each replica's bottom, then the state after each step
   * @param <S>            the CRDT type
   */
  public record Run<S>(List<S> finalStates, List<Held<S>> everyStateHeld) {}

  History(int replicas, List<Step<S>> steps) {
    if (replicas < 1 || replicas > Replicas.MAX) {
      throw new IllegalArgumentException("replicas must be 1.." + Replicas.MAX + ", got " + replicas);
    }
    this.replicas = replicas;
    this.steps = List.copyOf(steps);
    for (Step<S> step : this.steps) {
      int highest = step instanceof Update<S> u ? u.replica : Math.max(((Merge<S>) step).into, ((Merge<S>) step).from);
      if (highest >= replicas) {
        throw new IllegalArgumentException(
            "step " + step + " names a replica beyond the " + replicas + " of the history");
      }
    }
  }

  /**
   * A history of {@code steps} on {@code replicas} replicas.
   *
   * @param <S>      the CRDT type
   * @param replicas the number of replicas; 1 to 7
   * @param steps    the steps, in order; each names replicas below {@code replicas}. Not null.
   * @return a new history
   * @throws IllegalArgumentException if {@code replicas} is not 1 to 7, or a step names a replica beyond it
   * @throws NullPointerException     if {@code steps} is null or holds null
   */
  public static <S extends Crdt<S>> History<S> of(int replicas, List<Step<S>> steps) {
    return new History<>(replicas, Objects.requireNonNull(steps, "steps"));
  }

  /**
   * The number of replicas the history runs on.
   *
   * @return 1 to 7
   */
  public int replicas() {
    return replicas;
  }

  /**
   * The steps, in the order they run.
   *
   * @return the steps; immutable
   */
  public List<Step<S>> steps() {
    return steps;
  }

  /**
   * The id of replica number {@code index} (a, b, c...).
   *
   * @param index the replica's number; 0 to 6
   * @return its id, {@code a} for 0
   * @throws IndexOutOfBoundsException if {@code index} is not 0 to 6
   */
  public static ReplicaId replicaId(int index) {
    return Replicas.id(index);
  }

  /**
   * Runs the history from {@code bottom} on every replica.
   *
   * @param bottom the state every replica starts from
   * @return the final states and every state held along the way
   * @throws NullPointerException if a mutator returned null
   */
  public Run<S> run(S bottom) {
    List<S> states = new ArrayList<>(Collections.nCopies(replicas, bottom));
    List<Held<S>> held = new ArrayList<>();
    for (int i = 0; i < replicas; i++) {
      held.add(new Held<>(i, bottom));
    }
    for (Step<S> step : steps) {
      if (step instanceof Update<S> update) {
        S state = states.get(update.replica);
        ReplicaId id = Replicas.id(update.replica);
        for (int time = 0; time < update.times; time++) {
          state = update.viaDelta
              ? state.merge(update.operation.delta(state, id))
              : update.operation.apply(state, id);
        }
        states.set(update.replica, state);
        held.add(new Held<>(update.replica, state));
      } else if (step instanceof Merge<S> merge) {
        S next = states.get(merge.into).merge(states.get(merge.from));
        states.set(merge.into, next);
        held.add(new Held<>(merge.into, next));
      }
    }
    return new Run<>(List.copyOf(states), List.copyOf(held));
  }

  /**
   * How many updates the history applies: its update steps, each counted as often as it repeats.
   *
   * @return the number of updates, 0 or more
   */
  public int updates() {
    return steps.stream().mapToInt(step -> step instanceof Update<S> update ? update.times : 0).sum();
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("history on " + replicas + " replicas, " + steps.size() + " steps");
    for (Step<S> step : steps) {
      text.append("\n    ").append(step);
    }
    return text.toString();
  }
}
