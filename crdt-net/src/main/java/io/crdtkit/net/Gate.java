package io.crdtkit.net;

import java.util.concurrent.CountDownLatch;

/** A one-time gate: threads wait at it, uninterruptibly, until it is opened. */
final class Gate {

  private final CountDownLatch latch = new CountDownLatch(1);

  void open() {
    latch.countDown();
  }

  void awaitUninterruptibly() {
    boolean interrupted = false;
    while (latch.getCount() > 0) {
      try {
        latch.await();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
