package io.crdtkit.laws;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.crdtkit.Crdt;
import io.crdtkit.clock.ReplicaId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Everything the law kit needs to know about a CRDT, in a few lines: its bottom state, its operations (each a
 * full and a delta mutator, with arguments drawn from a jqwik {@link Arbitrary}), and how its observable values
 * compare. Immutable; each method returns a new description.
 *
 * <pre>{@code
 * CrdtDescription<MaxRegister> maxRegister = CrdtDescription.of("MaxRegister", MaxRegister.empty())
 *     .operation("write", Arbitraries.integers().between(0, 9),
 *         (state, replica, n) -> state.write(n),
 *         (state, replica, n) -> state.deltaWrite(n))
 *     .value(MaxRegister::value);
 * }</pre>
 *
 * <p>Draw arguments from a small domain ({@code "x", "y", "z"} rather than any string) so that replicas
 * collide on the same elements: that is where CRDTs go wrong.
 *
 * @param <S> the CRDT type
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class CrdtDescription<S extends Crdt<S>> {

  private final String name;
  private final S bottom;
  private final List<Arbitrary<Operation<S>>> operations;
  private final Function<S, ?> value;
  private final @Nullable UnaryOperator<S> roundTrip;
  private final int minReplicas;
  private final int maxReplicas;
  private final int maxSteps;
  private final ToIntFunction<S> tombstonesKept;

  private CrdtDescription(String name, S bottom, List<Arbitrary<Operation<S>>> operations, Function<S, ?> value,
      @Nullable UnaryOperator<S> roundTrip, int minReplicas, int maxReplicas, int maxSteps,
      ToIntFunction<S> tombstonesKept) {
    this.tombstonesKept = tombstonesKept;
    this.name = name;
    this.bottom = bottom;
    this.operations = List.copyOf(operations);
    this.value = value;
    this.roundTrip = roundTrip;
    this.minReplicas = minReplicas;
    this.maxReplicas = maxReplicas;
    this.maxSteps = maxSteps;
  }

  /**
   * A description of the type called {@code name} whose replicas all start at {@code bottom}. It has no
   * operation yet, reads the whole state as the value, checks no round trip, and runs histories of up to 40 steps
   * on 2 to 5 replicas (a step may repeat its update, so a history reaches deeper than its steps; a report says
   * how deep the histories went).
   *
   * @param <S>    the CRDT type
   * @param name   the type's name, for reports; not null
   * @param bottom the state every replica starts from, the identity of merge (usually the type's empty value);
   *               not null
   * @return a new description
   * @throws NullPointerException if {@code name} or {@code bottom} is null
   */
  public static <S extends Crdt<S>> CrdtDescription<S> of(String name, S bottom) {
    return new CrdtDescription<>(Objects.requireNonNull(name, "name"), Objects.requireNonNull(bottom, "bottom"),
        List.of(), Function.identity(), null, 2, 5, 40, state -> 0);
  }

  /**
   * Adds an operation called {@code name} whose argument is drawn from {@code arguments}: {@code full} applies it,
   * {@code delta} returns its delta (for a type without delta mutators, pass the full mutator again: a whole state
   * is a valid delta).
   *
   * @param <A>       the argument's type
   * @param name      the operation's name, printed in failure reports as {@code name(argument)}; not null
   * @param arguments where arguments are drawn from; a small domain makes replicas collide. Not null.
   * @param full      applies the operation to a state, returning the new state; not null, and must not return null
   * @param delta     returns the operation's delta from a state, which merged into it gives what {@code full}
   *                  gives; not null, and must not return null
   * @return a new description with the operation added to this one's
   * @throws NullPointerException if {@code arguments} is null (a null name or mutator fails only when operations
   *     are drawn)
   */
  public <A> CrdtDescription<S> operation(
      String name, Arbitrary<A> arguments, Mutator<S, A> full, Mutator<S, A> delta) {
    Objects.requireNonNull(arguments, "arguments");
    List<Arbitrary<Operation<S>>> more = new ArrayList<>(operations);
    more.add(arguments.map(argument -> Operation.of(name, argument, full, delta)));
    return new CrdtDescription<>(this.name, bottom, more, value, roundTrip, minReplicas, maxReplicas, maxSteps, tombstonesKept);
  }

  /**
   * Adds an operation without argument, e.g. {@code clear}.
   *
   * @param name  the operation's name, printed in failure reports as {@code name()}; not null
   * @param full  applies the operation to a state at a replica, returning the new state; not null
   * @param delta returns the operation's delta from a state at a replica; not null
   * @return a new description with the operation added to this one's
   * @throws NullPointerException if {@code name}, {@code full} or {@code delta} is null
   */
  public CrdtDescription<S> operation(
      String name, BiFunction<S, ReplicaId, S> full, BiFunction<S, ReplicaId, S> delta) {
    Objects.requireNonNull(full, "full mutator");
    Objects.requireNonNull(delta, "delta mutator");
    List<Arbitrary<Operation<S>>> more = new ArrayList<>(operations);
    more.add(Arbitraries.just(Operation.<S, @Nullable Object>of(name, null,
        (state, replica, none) -> full.apply(state, replica),
        (state, replica, none) -> delta.apply(state, replica))));
    return new CrdtDescription<>(this.name, bottom, more, value, roundTrip, minReplicas, maxReplicas, maxSteps, tombstonesKept);
  }

  /**
   * How to read the observable value; values are compared with {@code equals}. Default: the whole state.
   *
   * @param valueOf reads the value of a state; not null. Two states a user cannot tell apart must give equal
   *                values, and only those: the GC laws compare values, not states. The convergence law compares
   *                both: replicas that merged everything must hold equal states, then equal values.
   * @return a new description with this value function
   * @throws NullPointerException if {@code valueOf} is null
   */
  public CrdtDescription<S> value(Function<S, ?> valueOf) {
    return new CrdtDescription<>(name, bottom, operations, Objects.requireNonNull(valueOf, "value function"),
        roundTrip, minReplicas, maxReplicas, maxSteps, tombstonesKept);
  }

  /**
   * Also checks that every reachable state survives {@code encodeThenDecode} unchanged (e.g. through JSON).
   *
   * @param encodeThenDecode encodes a state and decodes it again; not null
   * @return a new description with the round trip law switched on
   * @throws NullPointerException if {@code encodeThenDecode} is null
   */
  public CrdtDescription<S> roundTrip(UnaryOperator<S> encodeThenDecode) {
    return new CrdtDescription<>(name, bottom, operations, value,
        Objects.requireNonNull(encodeThenDecode, "round trip"), minReplicas, maxReplicas, maxSteps, tombstonesKept);
  }

  /**
   * How many tombstones a state of this type keeps by design once everything is stable, where the GC laws would
   * otherwise require none: a list CRDT keeps a stable tombstone whose id still orders a live child among its
   * siblings. Give it as a count computed from the state's structure, independently of the collector, so that a
   * collector that leaves more is still caught. Default: none.
   *
   * @param kept the number of tombstones the state may keep at stability; not null
   * @return a new description with this allowance
   * @throws NullPointerException if {@code kept} is null
   */
  public CrdtDescription<S> tombstonesKept(ToIntFunction<S> kept) {
    return new CrdtDescription<>(name, bottom, operations, value, roundTrip, minReplicas, maxReplicas, maxSteps,
        Objects.requireNonNull(kept, "tombstones kept"));
  }

  /**
   * The tombstones {@code state} may keep once everything is stable (see {@link #tombstonesKept(ToIntFunction)}).
   *
   * @param state a state
   * @return how many of its tombstones are kept by design; 0 unless a function was given
   */
  public int tombstonesKept(S state) {
    return tombstonesKept.applyAsInt(state);
  }

  /**
   * Histories run on {@code min} to {@code max} replicas (default 2 to 5; at most 7).
   *
   * @param min the fewest replicas; at least 2
   * @param max the most replicas; at least {@code min}, at most 7
   * @return a new description with this range
   * @throws IllegalArgumentException unless {@code 2 <= min <= max <= 7}
   */
  public CrdtDescription<S> replicas(int min, int max) {
    if (min < 2 || max > Replicas.MAX || min > max) {
      throw new IllegalArgumentException("replicas must satisfy 2 <= min <= max <= " + Replicas.MAX
          + ", got " + min + ".." + max);
    }
    return new CrdtDescription<>(name, bottom, operations, value, roundTrip, min, max, maxSteps, tombstonesKept);
  }

  /**
   * Histories have at most {@code steps} steps (default 40).
   *
   * @param steps the most steps; at least 1
   * @return a new description with this bound
   * @throws IllegalArgumentException if {@code steps} is below 1
   */
  public CrdtDescription<S> maxSteps(int steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("max steps must be >= 1, got " + steps);
    }
    return new CrdtDescription<>(name, bottom, operations, value, roundTrip, minReplicas, maxReplicas, steps, tombstonesKept);
  }

  /**
   * The type's name, as reports print it.
   *
   * @return the name given to {@link #of}
   */
  public String name() {
    return name;
  }

  /**
   * The state every replica starts from.
   *
   * @return the bottom given to {@link #of}
   */
  public S bottom() {
    return bottom;
  }

  /**
   * One of the operations, with its argument.
   *
   * @return a new arbitrary that picks one of the operations, each equally likely, and draws its argument
   * @throws IllegalStateException if no operation was added
   */
  public Arbitrary<Operation<S>> operations() {
    if (operations.isEmpty()) {
      throw new IllegalStateException(name + " has no operations: add some with operation(...)");
    }
    return Arbitraries.oneOf(operations);
  }

  /**
   * The observable value of {@code state}.
   *
   * @param state a state of the type
   * @return what the value function (see {@link #value}) reads from it
   */
  public Object valueOf(S state) {
    return value.apply(state);
  }

  /**
   * The round trip to check, if one was given.
   *
   * @return the round trip given to {@link #roundTrip(UnaryOperator)}, or null if none was
   */
  public @Nullable UnaryOperator<S> roundTrip() {
    return roundTrip;
  }

  /**
   * The fewest replicas a history runs on.
   *
   * @return the minimum, at least 2
   */
  public int minReplicas() {
    return minReplicas;
  }

  /**
   * The most replicas a history runs on.
   *
   * @return the maximum, at most 7
   */
  public int maxReplicas() {
    return maxReplicas;
  }

  /**
   * The most steps a history has.
   *
   * @return the bound, at least 1
   */
  public int maxSteps() {
    return maxSteps;
  }

  @Override
  public String toString() {
    return "CrdtDescription(" + name + ", " + operations.size() + " operations)";
  }
}
