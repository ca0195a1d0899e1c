package io.crdtkit.laws;

import io.crdtkit.Crdt;
import io.crdtkit.clock.ReplicaId;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One replica slot of a simulation, holding its current incarnation: its state, the updates whose effects that
 * state holds, and its delta-interval log (Almeida et al. 2018, §6: each peer is sent the join of the deltas it has
 * not acknowledged, so a lost message is covered by the next one).
 */
final class SimulatedReplica<S extends Crdt<S>> {

  /** One of this incarnation's own updates, kept until every peer has acknowledged it. */
  record LoggedDelta<S>(long sequence, S delta, int event) {}

  final int slot;
  ReplicaId id;
  int incarnation = 1;
  S state;
  BitSet seen = new BitSet();
  final List<LoggedDelta<S>> log = new ArrayList<>();
  long nextSequence = 1;
  final Map<ReplicaId, Long> acknowledged = new HashMap<>();
  // False for a reborn incarnation until it merges a whole state from a peer.
  boolean caughtUp = true;

  SimulatedReplica(int slot, S bottom) {
    this.slot = slot;
    this.id = Replicas.id(slot);
    this.state = bottom;
  }

  /** Loses everything and comes back as a new incarnation with a new id, as a restarted pod would. */
  void crash(S bottom) {
    incarnation++;
    id = ReplicaId.of(Replicas.id(slot).name() + "." + incarnation);
    state = bottom;
    seen = new BitSet();
    log.clear();
    nextSequence = 1;
    acknowledged.clear();
    caughtUp = false;
  }

  /** Drops the log entries every current peer has acknowledged. */
  void trimLog(List<ReplicaId> peers) {
    long everywhere = peers.stream().mapToLong(peer -> acknowledged.getOrDefault(peer, 0L)).min().orElse(0L);
    log.removeIf(entry -> entry.sequence() <= everywhere);
  }

  @Override
  public String toString() {
    return id.name();
  }
}
