package io.crdtkit.benchmarks;

import io.crdtkit.CausalCrdt;
import io.crdtkit.Collectable;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.gc.GarbageCollector;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives crdt-gc to causal stability for a state that every replica holds: each replica's collector takes in the
 * state, the replicas exchange stability reports twice (the second round carries the stable cuts, for the collapse
 * cut), and replica 0 collects. This is what crdt-net will do by gossip; here it is done by hand, in one process.
 */
final class Stability {

  private Stability() {}

  static <S extends CausalCrdt<S> & Collectable<S>> S collectWhenStable(S state, int replicas) {
    List<ReplicaId> members = new ArrayList<>();
    for (int i = 0; i < replicas; i++) {
      members.add(Replicas.crdtkit(i));
    }
    List<GarbageCollector<S>> collectors = new ArrayList<>();
    for (ReplicaId member : members) {
      GarbageCollector<S> collector = GarbageCollector.create(member, members);
      collector.afterChange(state);
      collectors.add(collector);
    }
    for (int round = 0; round < 2; round++) {
      for (GarbageCollector<S> receiver : collectors) {
        for (GarbageCollector<S> sender : collectors) {
          if (sender != receiver) {
            receiver.receive(sender.report());
          }
        }
      }
    }
    return collectors.get(0).afterChange(state);
  }
}
