package io.crdtkit.net;

import io.crdtkit.Crdt;
import io.crdtkit.jackson.CodecLimits;
import io.crdtkit.jackson.CrdtCodec;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Creates a key's entry in the registry (RuntimeKeys decides when, for keys registered by name and keys created at
 * runtime alike): at the generation a recent delete left it, with what a durable node restored of it, and, if the
 * node is not alone, waiting to catch up with a peer before it writes (GC.md, rule 8). Any thread.
 */
final class KeyCreation implements RuntimeKeys.Creator {

  private final NodeStatus status;
  private final KeyRegistry registry;
  private final RetiredReplicas retired;
  private final Tombstones tombstones;
  private final CodecLimits limits;
  private final @Nullable DurableKeys durable;
  private final BooleanSupplier alone;
  private final Consumer<KeyEntry<?>> created;
  private final Consumer<KeyEntry<?>> dirtySink;
  private final ProtocolThread protocol;
  private final long catchUpDelayMillis;
  private final Runnable antiEntropyWithAll;
  private final AtomicBoolean catchUpScheduled = new AtomicBoolean();

  /**
   * @param alone    whether no peer is in the view: a key created then has nothing to catch up with
   * @param created  told of each new entry before it is restored (its key's dormant subscriptions take it over)
   * @param dirtySink told when a key's state changes (anti-entropy's digest tree)
   */
  KeyCreation(NodeStatus status, KeyRegistry registry, RetiredReplicas retired, Tombstones tombstones,
      CodecLimits limits, @Nullable DurableKeys durable, BooleanSupplier alone, Consumer<KeyEntry<?>> created,
      Consumer<KeyEntry<?>> dirtySink, ProtocolThread protocol, long catchUpDelayMillis,
      Runnable antiEntropyWithAll) {
    this.status = status;
    this.registry = registry;
    this.retired = retired;
    this.tombstones = tombstones;
    this.limits = limits;
    this.durable = durable;
    this.alone = alone;
    this.created = created;
    this.dirtySink = dirtySink;
    this.protocol = protocol;
    this.catchUpDelayMillis = catchUpDelayMillis;
    this.antiEntropyWithAll = antiEntropyWithAll;
  }

  /** The key held under {@code key}, whatever its type, or a new one. */
  @Override
  public <S extends Crdt<S>> KeyEntry<?> createIfAbsent(String key, S initial, CrdtCodec<S> codec,
      @Nullable CrdtCodec<S> halved) {
    while (true) {
      KeyEntry<?> held = registry.get(key);
      if (held != null) {
        return held;
      }
      try {
        return create(key, initial, codec, halved);
      } catch (IllegalArgumentException raced) {
        if (registry.get(key) == null) {
          throw raced;
        }
        // another thread created it meanwhile: take that one
      }
    }
  }

  private <S extends Crdt<S>> KeyEntry<S> create(String key, S initial, CrdtCodec<S> codec,
      @Nullable CrdtCodec<S> halved) {
    status.requireOpen();
    String typeId = KeyTypes.nameOf(codec.type());
    List<DurableKeys.Record> restored = durable == null ? List.of() : durable.takeRestored(key);
    for (DurableKeys.Record record : restored) {
      if (!record.type().equals(typeId)) {
        throw new IllegalArgumentException("key '" + key + "' is stored in " + durable.directory() + " as "
            + record.type() + ", not " + typeId + " (a key has one type; its records stay in the directory)");
      }
    }
    KeyEntry<S> entry = registry.register(key, initial, tombstones.generationOf(key, System.nanoTime()), codec,
        new WriteLimits<>(codec, halved, limits), retired.log(), alone.getAsBoolean(), dirtySink);
    created.accept(entry);
    for (DurableKeys.Record record : restored) {
      entry.restore(entry.decode(record.document()), record.generation(), record.tombstone());
    }
    entry.markDirty();
    if (!entry.isCaughtUp() && catchUpScheduled.compareAndSet(false, true)) {
      // One round with every peer for all the keys registered meanwhile, not one per key.
      protocol.schedule("catch-up round", () -> {
        catchUpScheduled.set(false);
        antiEntropyWithAll.run();
      }, catchUpDelayMillis);
    }
    return entry;
  }
}
