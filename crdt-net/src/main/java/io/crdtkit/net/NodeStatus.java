package io.crdtkit.net;

import io.crdtkit.clock.ReplicaId;

/**
 * Whether the node takes updates, and whether it is closed: what every entry point checks first. A node stops
 * writing when it leaves or is retired, and stays open meanwhile to hand its updates over.
 */
final class NodeStatus {

  private final ReplicaId replica;
  private volatile boolean writable = true;
  private volatile boolean closed;

  NodeStatus(ReplicaId replica) {
    this.replica = replica;
  }

  void requireOpen() {
    if (closed) {
      throw new IllegalStateException("node " + replica + " is closed");
    }
  }

  void requireWritable() {
    requireOpen();
    if (!writable) {
      throw new IllegalStateException("node " + replica + " is leaving or retired: updates are refused");
    }
  }

  void stopWriting() {
    writable = false;
  }

  boolean isClosed() {
    return closed;
  }

  void markClosed() {
    closed = true;
  }
}
