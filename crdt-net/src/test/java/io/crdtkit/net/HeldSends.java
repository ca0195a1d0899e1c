package io.crdtkit.net;

import java.util.concurrent.CountDownLatch;
import org.jgroups.Message;
import org.jgroups.stack.Protocol;

/**
 * A protocol at the top of a node's stack that holds the sends of the node's protocol thread until released, as
 * flow control (MFC/UFC) holds a sender whose peers are slow to take its messages. Other threads' messages
 * (heartbeats, views) pass, so the view stays as it is.
 */
final class HeldSends extends Protocol {

  private final CountDownLatch released = new CountDownLatch(1);

  /** Holds {@code node}'s sends from now on. */
  static HeldSends on(CrdtNode node) {
    HeldSends held = new HeldSends();
    node.channel().getProtocolStack().insertProtocolAtTop(held);
    return held;
  }

  void release() {
    released.countDown();
  }

  @Override
  public Object down(Message message) {
    if (Thread.currentThread().getName().startsWith("crdt-net-")) {
      try {
        released.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // the node is closing: drop the message, as a closed channel would
        return null;
      }
    }
    return down_prot.down(message);
  }
}
