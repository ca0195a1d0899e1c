package io.crdtkit.net;

import io.crdtkit.Crdt;
import io.crdtkit.net.WireMessage.KeyBytes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Local updates on their way out: keys with a pending delta group are queued, and one flush a short delay later
 * multicasts every key's group in one frame, so under load many updates ride in one message.
 */
final class DeltaFlush {

  private final ConcurrentLinkedQueue<KeyEntry<?>> withDeltas = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean flushScheduled = new AtomicBoolean();
  private final ProtocolThread protocol;
  private final long delayMillis;
  private final PendingUpdates pendingUpdates;
  private final Outbox outbox;
  private final BooleanSupplier anyPeers;
  private final NetCounters counters;

  DeltaFlush(ProtocolThread protocol, long delayMillis, PendingUpdates pendingUpdates, Outbox outbox,
      BooleanSupplier anyPeers, NetCounters counters) {
    this.protocol = protocol;
    this.delayMillis = delayMillis;
    this.pendingUpdates = pendingUpdates;
    this.outbox = outbox;
    this.anyPeers = anyPeers;
    this.counters = counters;
  }

  /** Any thread: {@code entry} has a delta to send. */
  void queued(KeyEntry<?> entry) {
    withDeltas.add(entry);
    if (flushScheduled.compareAndSet(false, true)) {
      protocol.schedule("delta flush", this::flush, delayMillis);
    }
  }

  /**
   * Sends every key's delta group in one frame. Their pending updates are released once the send returns (or
   * fails): a send held up by flow control holds the writers back.
   */
  void flush() {
    flushScheduled.set(false);
    List<KeyBytes> deltas = new ArrayList<>();
    Map<String, Integer> taken = new HashMap<>();
    Set<KeyEntry<?>> flushed = new HashSet<>();
    try {
      for (KeyEntry<?> entry = withDeltas.poll(); entry != null; entry = withDeltas.poll()) {
        CompletableFuture<Void> written = entry.lastAppend();
        if (!written.isDone()) {
          // A durable node sends an update only once it is written: a restart never mints a dot others hold.
          KeyEntry<?> waiting = entry;
          written.whenComplete((done, failed) -> queued(waiting));
          continue;
        }
        if (flushed.add(entry)) {
          KeyBytes delta = takePendingDelta(entry, taken);
          if (delta != null) {
            deltas.add(delta);
          }
        }
      }
      if (!deltas.isEmpty() && anyPeers.getAsBoolean()) {
        counters.deltasSent.add(deltas.size());
        outbox.multicast(new WireMessage.Deltas(deltas));
      }
    } finally {
      taken.forEach(pendingUpdates::release);
    }
  }

  private static <S extends Crdt<S>> @Nullable KeyBytes takePendingDelta(KeyEntry<S> entry,
      Map<String, Integer> taken) {
    S delta;
    long generation;
    boolean tombstone;
    synchronized (entry) { // the delta group, its count and its generation together: a change between them would
      delta = entry.takePendingDelta();                                       // be miscounted, or sent as deleted
      taken.merge(entry.name, entry.takePendingUpdates(), Integer::sum);
      generation = entry.generation();
      tombstone = entry.isTombstone();
    }
    return delta == null ? null : entry.toWire(delta, generation, tombstone);
  }
}
