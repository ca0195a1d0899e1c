package io.crdtkit.net;

import io.crdtkit.clock.ReplicaId;
import io.crdtkit.net.WireMessage.KeyBytes;
import io.crdtkit.net.WireMessage.States;
import java.util.ArrayList;
import java.util.List;
import org.jgroups.Address;

/** Whole key states on their way to peers: what anti-entropy found different, and repairs forwarded after a merge. */
final class StateTransfer implements AntiEntropy.Outbound {

  private final Outbox outbox;
  private final Membership membership;
  private final NetCounters counters;

  StateTransfer(Outbox outbox, Membership membership, NetCounters counters) {
    this.outbox = outbox;
    this.membership = membership;
    this.counters = counters;
  }

  @Override
  public void send(Address to, WireMessage message) {
    outbox.send(to, message);
  }

  @Override
  public void sendStates(Address to, List<KeyEntry<?>> states, List<String> wants) {
    ReplicaId peer = membership.replicaOf(to);
    List<KeyBytes> encoded = new ArrayList<>(states.size());
    for (KeyEntry<?> entry : states) {
      // A tombstone the peer holds, or held before it collected it: sending it again could delete the key that
      // peer created since (Tombstones).
      if (peer == null || !entry.deleteHeldBy.contains(peer) || !entry.isTombstone()) {
        encoded.add(entry.stateToWire());
      }
    }
    if (encoded.isEmpty() && wants.isEmpty()) {
      return;
    }
    counters.statesSent.add(encoded.size());
    outbox.send(to, new States(encoded, wants));
  }

  /** States learned from the other side's coordinator after a merge go to every member of this side. */
  void forwardRepairs(List<KeyEntry<?>> changed) {
    List<KeyBytes> states = new ArrayList<>(changed.size());
    for (KeyEntry<?> entry : changed) {
      states.add(entry.stateToWire());
    }
    counters.statesSent.add(states.size());
    outbox.multicast(new WireMessage.Deltas(states));
  }
}
