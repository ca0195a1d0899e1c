package io.crdtkit.net;

import io.crdtkit.clock.ReplicaId;
import java.util.function.LongSupplier;
import org.jgroups.Address;

/**
 * Sends protocol messages as frames stamped with this node's replica id and its retirement epoch (receivers at
 * another epoch exchange logs before they apply anything, NET.md "Retirement"). Any thread.
 */
final class Outbox {

  private final FrameSender sender;
  private final ReplicaId self;
  private final LongSupplier epoch;

  Outbox(FrameSender sender, ReplicaId self, LongSupplier epoch) {
    this.sender = sender;
    this.self = self;
    this.epoch = epoch;
  }

  void send(Address to, WireMessage message) {
    sender.send(to, new Frame(self, epoch.getAsLong(), message));
  }

  void multicast(WireMessage message) {
    sender.send(null, new Frame(self, epoch.getAsLong(), message));
  }
}
