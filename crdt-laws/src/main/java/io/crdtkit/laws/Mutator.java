package io.crdtkit.laws;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.crdtkit.clock.ReplicaId;
import org.apiguardian.api.API;

/**
 * How a replica applies one operation: from its current state, its replica id and the operation's argument, to
 * the new state (a full mutator) or to the delta to merge in (a delta mutator).
 *
 * @param <S> the CRDT type
 * @param <A> the operation's argument type
 */
@API(status = EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface Mutator<S, A> {

  /**
   * Applies the operation at {@code replica}.
   *
   * @param state    the replica's current state, never null
   * @param replica  the replica applying the operation: mint dots and write counter entries with it
   * @param argument the operation's argument, drawn from its arbitrary; null for an operation without one
   * @return the new state (a full mutator) or the delta (a delta mutator); never null
   */
  S apply(S state, ReplicaId replica, A argument);
}
