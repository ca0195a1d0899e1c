package io.crdtkit.store;

import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

/**
 * Group commit: writers write without fsync, then {@link #register()} a stage; one thread gathers the stages of a
 * window and completes them all after one fsync. A stage is registered only after its write returned, so the fsync
 * that completes it was started after the write: it covers it.
 *
 * <p>No unbounded queue: when {@code maxPending} stages wait for an fsync (a stalled disk), {@link #register()}
 * blocks its writer until the fsync in progress has finished: back-pressure at the writer.
 *
 * <p>An fsync that fails fails every stage it would have completed and every later one: after a failed fsync
 * nobody knows what reached the disk, so nothing more is acknowledged.
 */
final class GroupCommitter implements AutoCloseable {

  /** The fsync of everything written so far. */
  interface Sync {
    void sync() throws Exception;
  }

  private final Sync sync;
  private final long windowNanos;
  private final int maxPending;
  private final String directory;
  private final Object lock = new Object();
  private final Thread thread;
  private ArrayList<CompletableFuture<Void>> pending = new ArrayList<>();
  private boolean closed;
  private StoreException failure;

  GroupCommitter(Sync sync, long windowNanos, int maxPending, String directory) {
    this.sync = sync;
    this.windowNanos = windowNanos;
    this.maxPending = maxPending;
    this.directory = directory;
    this.thread = new Thread(this::run, "crdt-store-group-commit " + directory);
    thread.setDaemon(true);
    thread.start();
  }

  /** A stage that completes when an fsync started after this call has finished. */
  CompletableFuture<Void> register() {
    CompletableFuture<Void> stage = new CompletableFuture<>();
    synchronized (lock) {
      boolean interrupted = false;
      while (pending.size() >= maxPending && failure == null && !closed) {
        try {
          lock.wait();
        } catch (InterruptedException e) {
          interrupted = true; // the write is done: its stage must still be registered
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      if (failure != null) {
        stage.completeExceptionally(failure);
      } else if (closed) {
        stage.completeExceptionally(new StoreException("the store " + directory + " is closed"));
      } else {
        pending.add(stage);
        if (pending.size() == 1) {
          lock.notifyAll();
        }
      }
    }
    return stage;
  }

  private void run() {
    while (true) {
      synchronized (lock) {
        while (pending.isEmpty() && !closed) {
          try {
            lock.wait();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
          }
        }
        if (pending.isEmpty()) {
          return;
        }
      }
      gather();
      ArrayList<CompletableFuture<Void>> batch;
      synchronized (lock) {
        batch = pending;
        pending = new ArrayList<>();
        lock.notifyAll(); // writers held back by maxPending
      }
      try {
        sync.sync();
        batch.forEach(stage -> stage.complete(null));
      } catch (Exception e) {
        StoreException failed = new StoreException("fsync of the store " + directory + " failed (" + e
            + "): the writes it covers are not durable, and the store acknowledges nothing more", e);
        synchronized (lock) {
          failure = failed;
          batch.addAll(pending);
          pending = new ArrayList<>();
          lock.notifyAll();
        }
        batch.forEach(stage -> stage.completeExceptionally(failed));
      }
    }
  }

  /**
   * Lets the writers of this window join the batch: waits up to the window, but closes it early when a quarter of it
   * passes without a new write. SUBTLE: a fixed wait serves callers that keep many writes in flight, and costs the
   * whole window on every write of callers that block on each stage (one writer: 2 ms instead of one fsync); a
   * quiet quarter tells the two apart.
   */
  private void gather() {
    long deadline = System.nanoTime() + windowNanos;
    long quarter = windowNanos / 4;
    int seen = -1;
    while (quarter > 0 && System.nanoTime() < deadline) {
      int now;
      synchronized (lock) {
        now = pending.size();
      }
      if (now == seen) {
        return;
      }
      seen = now;
      LockSupport.parkNanos(Math.min(quarter, deadline - System.nanoTime()));
    }
  }

  /** Completes (or fails) every registered stage, then stops. */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      lock.notifyAll();
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
