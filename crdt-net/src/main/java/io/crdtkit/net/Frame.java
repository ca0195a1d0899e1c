package io.crdtkit.net;

import io.crdtkit.clock.ReplicaId;
import java.util.Objects;

/**
 * One message on the wire: who sent it (its replica incarnation), at which retirement epoch, and what.
 *
 * @param sender the sending replica
 * @param epoch  the sender's retirement epoch when it sent the frame
 * @param body   the message
 */
record Frame(ReplicaId sender, long epoch, WireMessage body) {

  Frame {
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(body, "body");
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
    }
  }
}
