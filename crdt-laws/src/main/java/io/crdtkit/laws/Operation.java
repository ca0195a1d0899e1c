package io.crdtkit.laws;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.crdtkit.clock.ReplicaId;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * One operation as generated for a history: a named mutator with its argument, in full and delta form. Printed
 * as {@code name(argument)} in failure reports.
 *
 * @param <S> the CRDT type
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Operation<S> {

  private final String name;
  private final @Nullable Object argument;
  private final Step<S> full;
  private final Step<S> delta;

  /** A mutator bound to its argument. */
  @FunctionalInterface
  interface Step<S> {
    S apply(S state, ReplicaId replica);
  }

  private Operation(String name, @Nullable Object argument, Step<S> full, Step<S> delta) {
    this.name = Objects.requireNonNull(name, "operation name");
    this.argument = argument;
    this.full = full;
    this.delta = delta;
  }

  /**
   * The operation {@code name(argument)} applied by {@code full} and, as a delta, by {@code delta}.
   *
   * @param <S>      the CRDT type
   * @param <A>      the argument's type
   * @param name     the operation's name; not null
   * @param argument the argument both mutators get; may be null for an operation without one
   * @param full     the full mutator; not null
   * @param delta    the delta mutator; not null
   * @return a new operation
   * @throws NullPointerException if {@code name}, {@code full} or {@code delta} is null
   */
  public static <S, A> Operation<S> of(String name, A argument, Mutator<S, A> full, Mutator<S, A> delta) {
    Objects.requireNonNull(full, "full mutator");
    Objects.requireNonNull(delta, "delta mutator");
    return new Operation<>(name, argument,
        (state, replica) -> full.apply(state, replica, argument),
        (state, replica) -> delta.apply(state, replica, argument));
  }

  /**
   * The operation's name, e.g. {@code add}.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The operation's argument, or {@code null} for an operation without one.
   *
   * @return the argument, or null
   */
  public @Nullable Object argument() {
    return argument;
  }

  /**
   * The state after {@code replica} applies this operation to {@code state}, through the full mutator.
   *
   * @param state   the state before
   * @param replica the replica that applies it (and mints dots with it)
   * @return the state after
   * @throws NullPointerException if the full mutator returned null
   */
  public S apply(S state, ReplicaId replica) {
    return Objects.requireNonNull(full.apply(state, replica), () -> "full mutator " + this + " returned null");
  }

  /**
   * The delta of this operation at {@code replica} in {@code state}, through the delta mutator.
   *
   * @param state   the state the delta is made from
   * @param replica the replica that makes it (and mints dots with it)
   * @return the delta, to be merged into {@code state}
   * @throws NullPointerException if the delta mutator returned null
   */
  public S delta(S state, ReplicaId replica) {
    return Objects.requireNonNull(delta.apply(state, replica), () -> "delta mutator " + this + " returned null");
  }

  @Override
  public String toString() {
    return argument == null ? name + "()" : name + "(" + argument + ")";
  }
}
