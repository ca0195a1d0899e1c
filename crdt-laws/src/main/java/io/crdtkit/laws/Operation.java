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

  /** The operation {@code name(argument)} applied by {@code full} and, as a delta, by {@code delta}. */
  public static <S, A> Operation<S> of(String name, A argument, Mutator<S, A> full, Mutator<S, A> delta) {
    Objects.requireNonNull(full, "full mutator");
    Objects.requireNonNull(delta, "delta mutator");
    return new Operation<>(name, argument,
        (state, replica) -> full.apply(state, replica, argument),
        (state, replica) -> delta.apply(state, replica, argument));
  }

  /** The operation's name, e.g. {@code add}. */
  public String name() {
    return name;
  }

  /** The operation's argument, or {@code null} for an operation without one. */
  public @Nullable Object argument() {
    return argument;
  }

  /** The state after {@code replica} applies this operation to {@code state}. */
  public S apply(S state, ReplicaId replica) {
    return Objects.requireNonNull(full.apply(state, replica), () -> "full mutator " + this + " returned null");
  }

  /** The delta of this operation at {@code replica} in {@code state}. */
  public S delta(S state, ReplicaId replica) {
    return Objects.requireNonNull(delta.apply(state, replica), () -> "delta mutator " + this + " returned null");
  }

  @Override
  public String toString() {
    return argument == null ? name + "()" : name + "(" + argument + ")";
  }
}
