package io.crdtkit.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;
import org.apiguardian.api.API;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * A member's durable state in one directory: its {@link StoredIdentity}, per key a snapshot plus the deltas appended
 * since, and one GC-state blob, all as opaque bytes (crdt-net encodes them). One process owns a directory at a time.
 *
 * <pre>{@code
 * try (ReplicaStore store = ReplicaStore.open(dir, StoreOptions.defaults())) {
 *   StoredReplica before = store.recover();              // what the directory held; isEmpty() when fresh
 *   store.saveIdentity(new StoredIdentity("r1", now));
 *   store.append("cart", delta).toCompletableFuture().join(); // durable once complete
 *   store.snapshot("cart", state);                         // replaces the key's deltas
 * }
 * }</pre>
 *
 * <p>What a completed stage guarantees depends on {@link StoreOptions#durability()}; see {@link Durability}. A write
 * that fails throws {@link StoreException} from the call (nothing was written); an fsync that fails completes the
 * stage exceptionally. Every record carries a CRC32C; a store whose records fail their checks does not open. Calls
 * are thread-safe; one thread's deltas to a key come back in the order it appended them (concurrent appends in some
 * order: deltas join in any order).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ReplicaStore implements AutoCloseable {

  /** Stages waiting for one fsync before appends block (GROUP_COMMIT): ~1/3 s of appends at this machine's rate. */
  static final int MAX_PENDING_STAGES = 65_536;

  private final Path directory;
  private final StoreOptions options;
  private final DirectoryLock lock;
  private final StoreEngine engine;
  private final GroupCommitter committer;
  private final AtomicLong nextSeq;
  /** Writes share it, close takes it alone: no write reaches a closed engine. */
  private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
  private volatile StoredReplica recovered;
  private boolean closed; // guarded by gate

  private ReplicaStore(Path directory, StoreOptions options, DirectoryLock lock, StoreEngine engine,
      StoredReplica recovered, long nextSeq) {
    this.directory = directory;
    this.options = options;
    this.lock = lock;
    this.engine = engine;
    this.recovered = recovered;
    this.nextSeq = new AtomicLong(nextSeq);
    this.committer = options.durability() == Durability.GROUP_COMMIT
        ? new GroupCommitter(engine::syncWal, options.groupCommitWindow().toNanos(), MAX_PENDING_STAGES,
            directory.toString())
        : null;
  }

  /**
   * Opens (or creates) the store in {@code directory}, locks it, and reads and checks every record.
   *
   * @param directory the store's directory; created when missing
   * @param options the durability mode and group-commit window
   * @return the open store, holding the directory's lock until {@link #close()}
   * @throws StoreLockedException when another store, in this process or another, has the directory open
   * @throws DamagedStoreException when a record fails its checksum, a file is truncated or missing, or the directory
   *     holds files that are not a store; nothing is loaded then
   * @throws StoreException when the directory cannot be created or written
   */
  public static ReplicaStore open(Path directory, StoreOptions options) {
    return open(directory, options, OpenMarker.currentBootId());
  }

  /** As {@link #open(Path, StoreOptions)}, on a machine whose boot id is {@code bootId} (tests simulate a reboot). */
  static ReplicaStore open(Path directory, StoreOptions options, String bootId) {
    Objects.requireNonNull(options, "options");
    Path dir = directory.toAbsolutePath().normalize();
    DirectoryLock lock = DirectoryLock.acquire(dir);
    StoreEngine engine = null;
    try {
      checkIsStoreOrEmpty(dir);
      engine = StoreEngine.open(dir);
      StoreEngine.Loaded loaded = engine.load();
      boolean mayBeLost = loaded.marker() != null && loaded.marker().writesMayBeLost(bootId);
      byte[] markerKey = RecordFormat.openMarkerKey();
      engine.putSynced(markerKey, RecordFormat.seal(markerKey, new OpenMarker(options.durability(), bootId).encode()));
      return new ReplicaStore(dir, options, lock, engine, loaded.replica().withWritesMayBeLost(mayBeLost),
          loaded.maxSeq() + 1);
    } catch (RuntimeException e) {
      if (engine != null) {
        engine.close();
      }
      lock.close();
      throw e;
    }
  }

  /** A directory with files but without the engine's CURRENT file is not a store, or lost its most vital file. */
  private static void checkIsStoreOrEmpty(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      boolean hasData = files.anyMatch(f -> !f.getFileName().toString().equals(DirectoryLock.FILE_NAME));
      if (hasData && !Files.exists(dir.resolve("CURRENT"))) {
        throw new DamagedStoreException("the directory " + dir + " holds files but no store (its CURRENT file is "
            + "missing): not loading it; move it away or start a fresh incarnation in an empty directory");
      }
    } catch (IOException e) {
      throw new StoreException("cannot list the store directory " + dir + ": " + e, e);
    }
  }

  /**
   * The directory this store owns.
   *
   * @return its absolute, normalized path
   */
  public Path directory() {
    return directory;
  }

  /**
   * The options it was opened with.
   *
   * @return the options
   */
  public StoreOptions options() {
    return options;
  }

  /**
   * What the directory held when it was opened, every record checked. {@link StoredReplica#isEmpty()} when the
   * directory was missing or empty. Writes made since the open are not in it.
   *
   * @return the stored identity, keys and GC state
   */
  public StoredReplica recover() {
    return recovered;
  }

  /**
   * Saves the member's identity, on disk (fsync'd) before it returns whatever the durability mode: a replica id
   * must never be reused without its state, nor state kept without its id.
   *
   * @param identity the member's replica id and incarnation
   * @throws StoreException when the write fails
   */
  public void saveIdentity(StoredIdentity identity) {
    byte[] key = RecordFormat.identityKey();
    write("the identity", batch -> batch.put(key, RecordFormat.seal(key, RecordFormat.encodeIdentity(identity))),
        true);
  }

  /**
   * Appends a delta to {@code key}. The returned stage completes as {@link Durability} says; it completes
   * exceptionally only if the fsync that would make it durable failed.
   *
   * @param key the key's name
   * @param delta the encoded delta
   * @return a stage completing when the delta is as durable as the mode promises
   * @throws StoreException when the write fails (disk full, read-only, closed store): the delta is not stored
   */
  public CompletionStage<Void> append(String key, byte[] delta) {
    Objects.requireNonNull(delta, "delta");
    byte[] recordKey = RecordFormat.deltaKey(key, nextSeq.getAndIncrement());
    return write("a delta of key '" + key + "'",
        batch -> batch.put(recordKey, RecordFormat.seal(recordKey, delta)), false);
  }

  /**
   * Replaces everything stored for {@code key} by one state: its deltas so far are dropped (compaction). Durable
   * as {@link #append} is; the old deltas stay readable until the new state is.
   *
   * @param key the key's name
   * @param state the key's encoded state, covering every delta appended to it so far
   * @return a stage completing when the snapshot is as durable as the mode promises
   * @throws StoreException when the write fails
   */
  public CompletionStage<Void> snapshot(String key, byte[] state) {
    Objects.requireNonNull(state, "state");
    byte[] recordKey = RecordFormat.snapshotKey(key);
    byte[][] range = RecordFormat.deltaRange(key);
    return write("a snapshot of key '" + key + "'", batch -> {
      batch.put(recordKey, RecordFormat.seal(recordKey, state));
      batch.deleteRange(range[0], range[1]);
    }, false);
  }

  /**
   * Removes {@code key}: its snapshot and deltas. Durable as {@link #append} is.
   *
   * @param key the key's name
   * @return a stage completing when the removal is as durable as the mode promises
   * @throws StoreException when the write fails
   */
  public CompletionStage<Void> delete(String key) {
    byte[] recordKey = RecordFormat.snapshotKey(key);
    byte[][] range = RecordFormat.deltaRange(key);
    return write("the deletion of key '" + key + "'", batch -> {
      batch.delete(recordKey);
      batch.deleteRange(range[0], range[1]);
    }, false);
  }

  /**
   * Replaces the GC-state blob. Durable as {@link #append} is.
   *
   * @param state crdt-gc's encoded state
   * @return a stage completing when the state is as durable as the mode promises
   * @throws StoreException when the write fails
   */
  public CompletionStage<Void> saveGcState(byte[] state) {
    Objects.requireNonNull(state, "state");
    byte[] key = RecordFormat.gcStateKey();
    return write("the GC state", batch -> batch.put(key, RecordFormat.seal(key, state)), false);
  }

  private interface Fill {
    void into(WriteBatch batch) throws RocksDBException;
  }

  private CompletionStage<Void> write(String what, Fill fill, boolean alwaysSync) {
    boolean sync = alwaysSync || options.durability() == Durability.SYNC;
    gate.readLock().lock();
    try (WriteBatch batch = new WriteBatch(); WriteOptions write = new WriteOptions().setSync(sync)) {
      if (closed) {
        throw new StoreException("cannot write " + what + ": the store " + directory + " is closed");
      }
      fill.into(batch);
      engine.write(write, batch);
      if (sync || committer == null) {
        return CompletableFuture.completedFuture(null);
      }
      return committer.register();
    } catch (RocksDBException e) {
      throw new StoreException("writing " + what + " to the store " + directory + " failed: " + describe(e)
          + "; it is not stored", e);
    } finally {
      gate.readLock().unlock();
    }
  }

  static String describe(RocksDBException e) {
    return e.getStatus() == null ? String.valueOf(e.getMessage())
        : e.getStatus().getCodeString() + " " + e.getStatus().getState();
  }

  /** Drops the store as a killed process would, without recording a clean stop (tests of unclean stops). */
  void abandonForTest() {
    gate.writeLock().lock();
    try {
      closed = true;
      if (committer != null) {
        committer.close();
      }
      engine.close();
      lock.close();
    } finally {
      gate.writeLock().unlock();
    }
  }

  /**
   * Completes every pending stage (GROUP_COMMIT), records the clean stop (see {@link
   * StoredReplica#writesMayBeLost()}), flushes the engine's memory table to its files so the log is not replayed on
   * the next open, and releases the directory.
   *
   * @throws StoreException when the clean stop cannot be recorded or the flush fails; the directory is released
   */
  @Override
  public void close() {
    gate.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      if (committer != null) {
        committer.close();
      }
      engine.closeCleanly();
    } finally {
      if (!lock.isReleased()) {
        lock.close();
      }
      gate.writeLock().unlock();
    }
  }
}
