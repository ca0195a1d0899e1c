package io.crdtkit.site;

import io.crdtkit.CausalCrdt;
import io.crdtkit.Collectable;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.gc.GarbageCollector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings a state to causal stability the way crdt-net does, for the type pages' garbage collection snippets:
 * every member holds {@code state} (they all merged it), and collectors exchange reports until their cuts stop
 * moving. Returns the collector of {@code self}, which has then heard from every member.
 */
final class Stability {

  private Stability() {}

  static <S extends CausalCrdt<S> & Collectable<S>> GarbageCollector<S> everyoneHasMerged(
      S state, ReplicaId self, List<ReplicaId> members) {
    Map<ReplicaId, GarbageCollector<S>> collectors = new LinkedHashMap<>();
    Map<ReplicaId, S> states = new LinkedHashMap<>();
    for (ReplicaId member : members) {
      collectors.put(member, GarbageCollector.create(member, members));
      states.put(member, state);
    }
    for (int round = 0; round < 3; round++) {   // progress, then stable cuts, then collapse cuts travel
      for (ReplicaId member : members) {
        states.put(member, collectors.get(member).afterChange(states.get(member)));
      }
      for (ReplicaId from : members) {
        for (ReplicaId to : members) {
          if (!from.equals(to)) {
            collectors.get(to).receive(collectors.get(from).report());
          }
        }
      }
    }
    return collectors.get(self);
  }
}
