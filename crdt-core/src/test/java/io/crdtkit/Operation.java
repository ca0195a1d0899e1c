package io.crdtkit;

import io.crdtkit.clock.ReplicaId;
import java.util.function.BiFunction;

/**
 * One mutator of a CRDT as a replica applies it, in its full and its delta form, named for the failure report.
 */
record Operation<S>(String name, BiFunction<S, ReplicaId, S> full, BiFunction<S, ReplicaId, S> delta) {

  S apply(S state, ReplicaId replica) {
    return full.apply(state, replica);
  }

  S deltaOf(S state, ReplicaId replica) {
    return delta.apply(state, replica);
  }

  @Override
  public String toString() {
    return name;
  }
}
