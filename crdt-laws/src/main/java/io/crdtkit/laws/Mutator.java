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

  S apply(S state, ReplicaId replica, A argument);
}
