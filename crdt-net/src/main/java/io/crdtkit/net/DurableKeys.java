package io.crdtkit.net;

import io.crdtkit.clock.ReplicaId;
import io.crdtkit.store.DamagedStoreException;
import io.crdtkit.store.Durability;
import io.crdtkit.store.ReplicaStore;
import io.crdtkit.store.StoreException;
import io.crdtkit.store.StoreOptions;
import io.crdtkit.store.StoredIdentity;
import io.crdtkit.store.StoredKey;
import io.crdtkit.store.StoredReplica;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable node's directory (NET.md, "Durable members"), on crdt-store: the node's identity, and per key the records
 * of what changed it. At start it decides the node's replica id (the stored one, or a fresh one for a new or,
 * when told so, a damaged directory) and holds the restored records until each key is created here; then it is the
 * node's {@link KeyJournal}. The only class of crdt-net that touches crdt-store.
 */
final class DurableKeys implements KeyJournal, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DurableKeys.class);
  private static final int RECORD_FORMAT = 1;

  /** One record: a document of a key, with the key's type and generation then. */
  record Record(String type, long generation, boolean tombstone, byte[] document) {}

  /** Where a node is told to keep its keys, and how durably. */
  record Settings(Path directory, Durability durability, boolean freshIfDamaged, java.time.Duration window) {

    Settings with(boolean freshIfDamaged, java.time.Duration window) {
      return new Settings(directory, durability, freshIfDamaged, window);
    }
  }

  private final ReplicaStore store;
  private final Durability durability;
  private final ReplicaId replica;
  private final DurableStart start;
  private final Map<String, List<Record>> restored = new ConcurrentHashMap<>();
  private final List<ReplicaId> restoredRetirements;
  private final AtomicBoolean mergeFailureLogged = new AtomicBoolean();

  private DurableKeys(ReplicaStore store, ReplicaId replica, DurableStart start, StoredReplica stored) {
    this.store = store;
    this.durability = store.options().durability();
    this.replica = replica;
    this.start = start;
    stored.keys().forEach((key, records) -> restored.put(key, decode(key, records)));
    this.restoredRetirements = stored.gcState().map(DurableKeys::decodeRetirements).getOrElse(List.of());
  }

  /**
   * The retirement log as it stood when the node stopped. The rest of crdt-gc's state (the reports accepted, the
   * cuts) is not kept: a restarted node's collectors start from no report, so collect nothing until the members'
   * reports arrive again, which they do at once when the node joins (NET.md, "Durable members").
   */
  List<ReplicaId> restoredRetirements() {
    return restoredRetirements;
  }

  /** Writes the retirement log, whole (it only grows, and stays small: one id per retired incarnation). */
  void saveRetirements(List<ReplicaId> retired) {
    FrameWriter out = new FrameWriter(64).u8(RECORD_FORMAT).i32(retired.size());
    retired.forEach(replica -> out.string(replica.name()));
    try {
      store.saveGcState(out.toByteArray());
    } catch (StoreException e) {
      mergeNotWritten("(the retirement log)", e);
    }
  }

  private static List<ReplicaId> decodeRetirements(byte[] bytes) {
    try {
      FrameReader in = new FrameReader(bytes, 0, bytes.length);
      in.u8("record format");
      int count = in.count("retired", 2);
      List<ReplicaId> retired = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        retired.add(ReplicaId.of(in.string("retired")));
      }
      in.requireEnd();
      return retired;
    } catch (WireException e) {
      throw new IllegalStateException("the retirement log in the store cannot be read: " + e.getMessage());
    }
  }

  /**
   * Opens {@code settings}' directory and decides the node's replica id.
   *
   * @param requested the replica id the builder was given, or null
   * @throws IllegalStateException if the directory is damaged and the node was not told to start fresh, or it holds
   *     another replica than {@code requested}, or it is new and a replica id was requested (an empty directory never
   *     restarts under a given id: that id's state is not there)
   * @throws io.crdtkit.store.StoreLockedException if another process or node holds the directory
   */
  static DurableKeys open(Settings settings, @Nullable ReplicaId requested, String prefix) {
    Path directory = settings.directory();
    StoreOptions options = StoreOptions.defaults().withDurability(settings.durability())
        .withGroupCommitWindow(settings.window());
    DurableStart start = null;
    ReplicaStore store = null;
    StoredReplica stored = null;
    String damage;
    try {
      store = ReplicaStore.open(directory, options);
      stored = store.recover();
      damage = stored.writesMayBeLost() ? "it was written with Durability.ASYNC and the machine went down since, so"
          + " acknowledged writes may be missing and its replica id must not be reused" : null;
      start = stored.identity().isEmpty() ? DurableStart.NEW_DIRECTORY : DurableStart.RESTORED;
    } catch (DamagedStoreException damaged) {
      damage = damaged.getMessage();
    }
    if (damage != null) {
      if (store != null) {
        store.close();
      }
      if (!settings.freshIfDamaged()) {
        throw new IllegalStateException("cannot restart from " + directory + ": " + damage + ". Move the directory"
            + " away to start a fresh incarnation, or build the node with freshIncarnationIfDamaged()");
      }
      Path aside = directory.resolveSibling(directory.getFileName() + ".damaged-" + Instant.now().toEpochMilli());
      moveAside(directory, aside);
      log.warn("the store in {} cannot be restarted from ({}); moved it to {} and starting as a fresh incarnation (a"
          + " new replica id, blank state, caught up from the others)", directory, damage, aside);
      store = ReplicaStore.open(directory, options);
      stored = store.recover();
      start = DurableStart.FRESH_AFTER_DAMAGE;
    }
    try {
      ReplicaId replica;
      if (start == DurableStart.RESTORED) {
        replica = ReplicaId.of(stored.identity().get().replicaId());
        if (requested != null && !requested.equals(replica)) {
          throw new IllegalStateException(directory + " holds replica " + replica + ", not " + requested
              + ": a directory restarts only its own replica (leave replica(..) unset with durable(..))");
        }
      } else {
        if (requested != null && start == DurableStart.NEW_DIRECTORY) {
          throw new IllegalStateException(directory + " is empty, so replica " + requested + " cannot restart from it:"
              + " its state is not there, and reusing its id without it could repeat its dots. Leave replica(..)"
              + " unset with durable(..): a new directory gets a fresh replica id, kept there");
        }
        replica = ReplicaId.fresh(prefix);
        store.saveIdentity(new StoredIdentity(replica.name(), System.currentTimeMillis()));
      }
      return new DurableKeys(store, replica, start, stored);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  private static void moveAside(Path directory, Path aside) {
    try {
      Files.move(directory, aside);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move the damaged store " + directory + " aside to " + aside, e);
    }
  }

  ReplicaId replica() {
    return replica;
  }

  DurableStart start() {
    return start;
  }

  Path directory() {
    return store.directory();
  }

  /** The restored keys not yet created here, and their types. */
  Map<String, String> restoredTypes() {
    Map<String, String> types = new java.util.HashMap<>();
    restored.forEach((key, records) -> {
      if (!records.isEmpty()) {
        types.put(key, records.get(records.size() - 1).type());
      }
    });
    return types;
  }

  /** The records of {@code key}, in the order they were written, once: the key is being created here. */
  List<Record> takeRestored(String key) {
    List<Record> records = restored.remove(key);
    return records == null ? List.of() : records;
  }

  @Override
  public CompletableFuture<Void> appendLocal(String key, String type, long generation, boolean tombstone,
      byte[] document) {
    CompletableFuture<Void> durable;
    try {
      durable = store.append(key, encode(type, generation, tombstone, document)).toCompletableFuture();
      if (durability == Durability.SYNC) {
        durable.join();
      }
    } catch (StoreException | CompletionException e) {
      Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
      throw new IllegalStateException("key '" + key + "': the update could not be written to " + store.directory()
          + " (" + cause.getMessage() + "); nothing was changed", cause);
    }
    return durable;
  }

  @Override
  public void appendMerged(String key, String type, long generation, boolean tombstone, byte[] document) {
    try {
      store.append(key, encode(type, generation, tombstone, document)).whenComplete((done, failed) -> {
        if (failed != null) {
          mergeNotWritten(key, failed);
        }
      });
    } catch (StoreException e) {
      mergeNotWritten(key, e);
    }
  }

  private void mergeNotWritten(String key, Throwable cause) {
    if (mergeFailureLogged.compareAndSet(false, true)) {
      log.error("{}: what this node merged from others could not be written to {} ({}, key '{}'); it holds it in"
          + " memory, and after a restart anti-entropy brings it back. Logged once", replica, store.directory(),
          cause.getMessage(), key);
    }
  }

  @Override
  public void snapshot(String key, String type, long generation, boolean tombstone, byte[] document) {
    try {
      store.snapshot(key, encode(type, generation, tombstone, document));
    } catch (StoreException e) {
      mergeNotWritten(key, e);
    }
  }

  @Override
  public void deleted(String key) {
    try {
      store.delete(key);
    } catch (StoreException e) {
      mergeNotWritten(key, e);
    }
  }

  /**
   * Closes the store; a store that cannot flush on closing (its disk is full, say) is logged, not thrown: the
   * directory is released all the same, and what was acknowledged is in its log.
   */
  @Override
  public void close() {
    try {
      store.close();
    } catch (StoreException e) {
      log.warn("{}: closing the store in {} did not flush it ({}); what was acknowledged is in its log, read at the"
          + " next start", replica, store.directory(), e.getMessage());
    }
  }

  private static byte[] encode(String type, long generation, boolean tombstone, byte[] document) {
    return new FrameWriter(document.length + type.length() + 24).u8(RECORD_FORMAT).string(type)
        .i64(FrameCodec.packGeneration(generation, tombstone)).bytes(document).toByteArray();
  }

  private static List<Record> decode(String key, StoredKey stored) {
    List<Record> records = new ArrayList<>();
    for (byte[] snapshot : stored.snapshot()) {
      records.add(decode(key, snapshot));
    }
    for (byte[] delta : stored.deltas()) {
      records.add(decode(key, delta));
    }
    return records;
  }

  private static Record decode(String key, byte[] bytes) {
    try {
      FrameReader in = new FrameReader(bytes, 0, bytes.length);
      int format = in.u8("record format");
      if (format != RECORD_FORMAT) {
        throw new WireException("record format " + format + ", this release reads " + RECORD_FORMAT);
      }
      String type = in.string("type");
      long packed = in.i64("generation");
      byte[] document = in.bytes("document");
      in.requireEnd();
      return new Record(type, FrameCodec.generationOf(packed), FrameCodec.tombstoneOf(packed), document);
    } catch (WireException e) {
      throw new IllegalStateException("a record of key '" + key + "' in the store cannot be read: " + e.getMessage()
          + " (written by another release?)");
    }
  }
}
