package io.crdtkit.jackson;

import io.crdtkit.clock.ReplicaId;
import java.util.function.BiFunction;

/** One mutator as a replica applies it, in full and in delta form, named for failure reports. */
record Operation<S>(String name, BiFunction<S, ReplicaId, S> full, BiFunction<S, ReplicaId, S> delta) {

  @Override
  public String toString() {
    return name;
  }
}
