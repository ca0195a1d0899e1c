package io.crdtkit.net;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * The node's budget of pending local updates: applied here, and not yet handed to JGroups by a flush. A writer
 * reserves one before its update and the flush releases what it sent once the send returns, so a send held up by
 * flow control (a slow peer) keeps its updates counted and holds the writers back.
 *
 * <p>Why updates and not bytes: a key's pending deltas are joined into one delta group, whose encoded size is only
 * known by encoding it (as costly as the send), and a join of increments stays one entry however many there are.
 * The count is what a writer can bound cheaply and exactly, and it caps the work one flush carries; a delta's own
 * size is bounded by the codec's limits at the writer (WriteLimits).
 */
final class PendingUpdates {

  private final int maxPerKey;
  private final int maxPerNode;
  private final Backpressure whenFull;
  private final Map<String, Integer> perKey = new HashMap<>();
  private int total;
  private @Nullable String closedBecause;
  /** Updates that had to wait for room, and updates refused for want of it. */
  final LongAdder waited = new LongAdder();
  final LongAdder refused = new LongAdder();

  PendingUpdates(int maxPerKey, int maxPerNode, Backpressure whenFull) {
    this.maxPerKey = maxPerKey;
    this.maxPerNode = maxPerNode;
    this.whenFull = whenFull;
  }

  /**
   * Reserves room for one update of {@code key}, waiting as the policy says if {@code mayWait}.
   *
   * @throws PendingUpdatesFullException if no room came in time
   * @throws IllegalStateException       if the node closed, or the thread was interrupted, while it waited
   */
  synchronized void reserve(String key, boolean mayWait) {
    Duration maxWait = mayWait ? whenFull.maxWait() : Duration.ZERO;
    long deadline = System.nanoTime() + maxWait.toNanos();
    boolean counted = false;
    while (true) {
      if (closedBecause != null) {
        throw new IllegalStateException(closedBecause + " while an update of key '" + key + "' waited for room");
      }
      int ofKey = perKey.getOrDefault(key, 0);
      if (ofKey < maxPerKey && total < maxPerNode) {
        perKey.put(key, ofKey + 1);
        total++;
        return;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        refused.increment();
        throw full(key, ofKey, maxWait, mayWait);
      }
      if (!counted) {
        waited.increment();
        counted = true;
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while an update of key '" + key + "' waited for room; the"
            + " update changed nothing", e);
      }
    }
  }

  private PendingUpdatesFullException full(String key, int ofKey, Duration waited, boolean mayWait) {
    boolean keyFull = ofKey >= maxPerKey;
    int limit = keyFull ? maxPerKey : maxPerNode;
    String what = keyFull
        ? "key '" + key + "' has " + ofKey + " updates pending, its cap (maxPendingUpdates " + maxPerKey + ")"
        : "the node has " + total + " updates pending, its cap (maxPendingUpdatesPerNode " + maxPerNode + ")";
    String how = waited.isZero()
        ? mayWait ? "; the node's policy is " + whenFull : "; an update on the node's protocol thread never waits"
        : " after waiting " + waited;
    return new PendingUpdatesFullException(key, limit, "update of key '" + key + "' refused, nothing changed: " + what
        + how + " (pending updates are applied here and not yet sent: peers are slow to take them)");
  }

  /** {@code updates} of {@code key} were sent, dropped, or turned out to change nothing: their room is free. */
  synchronized void release(String key, int updates) {
    if (updates <= 0) {
      return;
    }
    perKey.computeIfPresent(key, (name, count) -> count > updates ? count - updates : null);
    total = Math.max(0, total - updates);
    notifyAll();
  }

  /** The node closed: every waiting update fails, and so does every later one. */
  synchronized void close(String reason) {
    closedBecause = reason;
    notifyAll();
  }

  synchronized int total() {
    return total;
  }

  synchronized int ofKey(String key) {
    return perKey.getOrDefault(key, 0);
  }

  int maxPerNode() {
    return maxPerNode;
  }
}
