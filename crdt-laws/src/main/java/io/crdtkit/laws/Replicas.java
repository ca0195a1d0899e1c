package io.crdtkit.laws;

import io.crdtkit.clock.ReplicaId;
import java.util.List;

/** The replica ids histories and simulations use: short, so that failure reports stay readable. */
final class Replicas {

  static final int MAX = 7;

  private static final List<ReplicaId> IDS = List.of(ReplicaId.of("a"), ReplicaId.of("b"), ReplicaId.of("c"),
      ReplicaId.of("d"), ReplicaId.of("e"), ReplicaId.of("f"), ReplicaId.of("g"));

  private Replicas() {}

  static ReplicaId id(int index) {
    return IDS.get(index);
  }
}
