package io.crdtkit.net;

import io.crdtkit.clock.ReplicaId;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's one protocol thread: it owns every protocol structure, so they need no locks. It is recognized by
 * identity, not by name (a caller's thread may be named anything): a writer on it must never wait for room that only
 * it can make, and closing from it must not wait for itself. Work given to it is guarded: a bad message or a bug is
 * logged, never fatal to the thread.
 */
final class ProtocolThread {

  private static final Logger log = LoggerFactory.getLogger(ProtocolThread.class);

  private final ReplicaId replica;
  private final NodeStatus status;
  private final ScheduledThreadPoolExecutor executor;
  private volatile @Nullable Thread thread;

  ProtocolThread(ReplicaId replica, NodeStatus status) {
    this.replica = replica;
    this.status = status;
    executor = new ScheduledThreadPoolExecutor(1, runnable -> {
      Thread created = new Thread(runnable, "crdt-net-" + replica);
      created.setDaemon(true);
      thread = created;     // one thread: the executor makes another only if this one died of an Error
      return created;
    });
    executor.setRemoveOnCancelPolicy(true);
  }

  /** Whether the caller runs on the protocol thread. */
  boolean isCurrent() {
    return Thread.currentThread() == thread;
  }

  ScheduledExecutorService executor() {
    return executor;
  }

  /** Runs {@code work} once after {@code delayMillis}, guarded. */
  void schedule(String what, Runnable work, long delayMillis) {
    executor.schedule(guarded(what, work), delayMillis, TimeUnit.MILLISECONDS);
  }

  /** Runs {@code work} every {@code periodMillis}, guarded: one failure does not cancel the later runs. */
  void scheduleEvery(String what, Runnable work, long periodMillis) {
    executor.scheduleWithFixedDelay(guarded(what, work), periodMillis, periodMillis, TimeUnit.MILLISECONDS);
  }

  /** {@code work}, so that nothing it throws escapes: a failure is logged, unless the node is closed meanwhile. */
  Runnable guarded(String what, Runnable work) {
    return () -> {
      try {
        work.run();
      } catch (RuntimeException e) {
        if (!status.isClosed()) {
          log.error("{}: {} failed; dropped", replica, what, e);
        }
      }
    };
  }
}
