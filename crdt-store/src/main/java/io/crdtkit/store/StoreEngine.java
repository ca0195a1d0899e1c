package io.crdtkit.store;

import java.nio.file.Path;
import java.util.Arrays;
import org.rocksdb.FlushOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Status;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The RocksDB underneath a {@link ReplicaStore} (the choice and its figures: README.md). Configured to refuse rather
 * than repair: paranoid checks, and a write-ahead log whose records must all replay, but for an incomplete last one
 * (TolerateCorruptedTailRecords). A process killed while it wrote a record leaves that record torn at the log's end
 * (the kill -9 tests found it: RocksDB writes a record in more than one system call): that write never completed,
 * so its append was never acknowledged, and a node sends an update only once acknowledged. It is dropped; a damaged
 * record anywhere else stops the open. A machine crash under ASYNC can lose more than a torn tail, and is reported
 * by the open marker instead (StoredReplica.writesMayBeLost).
 */
final class StoreEngine implements AutoCloseable {

  /** What {@link #load()} read: the replica, and the highest delta sequence number seen (-1 when none). */
  record Loaded(StoredReplica replica, long maxSeq, OpenMarker marker) {}

  static {
    RocksDB.loadLibrary();
  }

  private final Path directory;
  private final Options options;
  private final RocksDB db;

  private StoreEngine(Path directory, Options options, RocksDB db) {
    this.directory = directory;
    this.options = options;
    this.db = db;
  }

  static StoreEngine open(Path directory) {
    Options options = new Options()
        .setCreateIfMissing(true)
        .setParanoidChecks(true)
        .setWalRecoveryMode(WALRecoveryMode.TolerateCorruptedTailRecords)
        // the log is replayed on open; a bounded memtable keeps both the log and the replay short
        .setWriteBufferSize(16L << 20)
        .setMaxTotalWalSize(64L << 20)
        .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
        .setKeepLogFileNum(2);
    try {
      return new StoreEngine(directory, options, RocksDB.open(options, directory.toString()));
    } catch (RocksDBException e) {
      options.close();
      throw failure("open", directory, e);
    }
  }

  /** An engine error, as the store's exception: corruption is damage, anything else a failed operation. */
  static StoreException failure(String operation, Path directory, RocksDBException e) {
    Status status = e.getStatus();
    if (status != null && status.getCode() == Status.Code.Corruption) {
      return new DamagedStoreException("the store " + directory + " is damaged (" + ReplicaStore.describe(e)
          + "): not loading it; move it away or start a fresh incarnation in an empty directory", e);
    }
    if (status != null && status.getCode() == Status.Code.IOError
        && String.valueOf(status.getState()).contains("lock")) {
      return new StoreLockedException(directory);
    }
    return new StoreException("cannot " + operation + " the store " + directory + ": " + ReplicaStore.describe(e), e);
  }

  /** Reads every record, checking each one's CRC32C. */
  Loaded load() {
    StoredReplica replica = StoredReplica.empty();
    long maxSeq = -1;
    OpenMarker marker = null;
    try (ReadOptions read = new ReadOptions().setVerifyChecksums(true).setFillCache(false);
        RocksIterator it = db.newIterator(read)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        byte[] key = it.key();
        byte[] value = it.value();
        try {
          switch (key[0]) {
            case RecordFormat.IDENTITY -> replica = replica.withIdentity(
                RecordFormat.decodeIdentity(RecordFormat.open(key, value, "identity")));
            case RecordFormat.OPEN_MARKER -> marker = OpenMarker.decode(RecordFormat.open(key, value, "open marker"));
            case RecordFormat.GC_STATE -> replica = replica.withGcState(RecordFormat.open(key, value, "gc state"));
            case RecordFormat.SNAPSHOT -> {
              String name = RecordFormat.keyName(key);
              replica = replica.withSnapshot(name, RecordFormat.open(key, value, "snapshot of key '" + name + "'"));
            }
            case RecordFormat.DELTA -> {
              String name = RecordFormat.keyName(key);
              long seq = RecordFormat.deltaSeq(key);
              replica = replica.withDelta(name,
                  RecordFormat.open(key, value, "delta #" + seq + " of key '" + name + "'"));
              maxSeq = Math.max(maxSeq, seq);
            }
            default -> throw new DamagedStoreException("unknown record kind " + key[0]);
          }
        } catch (DamagedStoreException e) {
          throw new DamagedStoreException("the store " + directory + " is damaged: " + e.getMessage()
              + " (record key " + Arrays.toString(Arrays.copyOf(key, Math.min(key.length, 32)))
              + "); not loading it", e);
        } catch (RuntimeException e) {
          throw new DamagedStoreException("the store " + directory + " is damaged: record key "
              + Arrays.toString(Arrays.copyOf(key, Math.min(key.length, 32))) + " cannot be parsed (" + e
              + "); not loading it", e);
        }
      }
      it.status(); // SUBTLE: an iterator stops at a corrupt block; only status() tells a stop from the end
    } catch (RocksDBException e) {
      throw failure("read", directory, e);
    }
    return new Loaded(replica, maxSeq, marker);
  }

  void write(WriteOptions write, WriteBatch batch) throws RocksDBException {
    db.write(write, batch);
  }

  /** fsync of the write-ahead log: every write that returned before this call is on disk after it. */
  void syncWal() throws RocksDBException {
    db.syncWal();
  }

  /** A single record, fsync'd before it returns. */
  void putSynced(byte[] key, byte[] value) {
    try (WriteOptions synced = new WriteOptions().setSync(true)) {
      db.put(synced, key, value);
    } catch (RocksDBException e) {
      throw failure("write", directory, e);
    }
  }

  /**
   * Deletes the {@link OpenMarker} (fsync'd), writes the memtable to table files (so the next open replays no log)
   * and closes, whatever failed on the way.
   */
  void closeCleanly() {
    try (WriteOptions synced = new WriteOptions().setSync(true);
        FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
      db.delete(synced, RecordFormat.openMarkerKey());
      db.flush(flush);
    } catch (RocksDBException e) {
      close();
      throw failure("flush", directory, e);
    }
    close();
  }

  @Override
  public void close() {
    db.close();
    options.close();
  }
}
