package io.crdtkit.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.Txn;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The engine comparison behind crdt-store's choice (README.md): the store's own write pattern on each candidate.
 * Not a test: it prints figures, and runs only with
 * {@code ./mvnw -B -o test -pl crdt-store -Dcrdtkit.measure=true -Dtest=EngineMeasurement
 * -DargLine="--add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED"} (the opens are
 * lmdbjava's: its buffer proxy reaches into {@code java.nio.Buffer.address}).
 *
 * <p>Per engine: 100-byte deltas appended one by one, each fsync'd (SYNC); in batches of 32 with one fsync per
 * batch (what group commit does under concurrent load); unsynced (ASYNC); then 100,000 keys each written with 10
 * deltas, compacted to one 200-byte snapshot, closed, the directory's bytes per key, and the time to reopen and
 * read all 100,000 back (recover).
 */
@EnabledIfSystemProperty(named = "crdtkit.measure", matches = "true")
@SuppressWarnings("try") // Engine.close() throws Exception: fine for a measurement
class EngineMeasurement {

  static final int DELTA = 100;
  static final int STATE = 200;
  static final int KEYS = 100_000;

  /** The operations measured, in the store's terms. */
  interface Engine extends AutoCloseable {
    void put(byte[] key, byte[] value, boolean sync) throws Exception;

    void putBatch(byte[][] keys, byte[][] values, boolean sync) throws Exception;

    void delete(byte[] key) throws Exception;

    /** Reads every record; returns how many. */
    long scanAll() throws Exception;

    /** Makes the files reflect live data only (after deletes). */
    void compact() throws Exception;

    @Override
    void close() throws Exception;
  }

  interface Opener {
    Engine open(Path dir) throws Exception;
  }

  @Test
  void rocksdb(@TempDir Path dir) throws Exception {
    RocksDB.loadLibrary();
    measure("RocksDB 10.10.1.1", dir, d -> new Engine() {
      final Options options = new Options().setCreateIfMissing(true);
      final RocksDB db = RocksDB.open(options, d.toString());
      final WriteOptions synced = new WriteOptions().setSync(true);
      final WriteOptions unsynced = new WriteOptions().setSync(false);

      public void put(byte[] k, byte[] v, boolean sync) throws Exception {
        db.put(sync ? synced : unsynced, k, v);
      }

      public void putBatch(byte[][] ks, byte[][] vs, boolean sync) throws Exception {
        try (WriteBatch batch = new WriteBatch()) {
          for (int i = 0; i < ks.length; i++) {
            batch.put(ks[i], vs[i]);
          }
          db.write(sync ? synced : unsynced, batch);
        }
      }

      public void delete(byte[] k) throws Exception {
        db.delete(unsynced, k);
      }

      public long scanAll() {
        long n = 0;
        try (var it = db.newIterator()) {
          for (it.seekToFirst(); it.isValid(); it.next()) {
            n += it.value().length > 0 ? 1 : 0;
          }
        }
        return n;
      }

      public void compact() throws Exception {
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
          db.flush(flush);
        }
        db.compactRange();
      }

      public void close() {
        db.close();
        options.close();
      }
    });
  }

  @Test
  void mvstore(@TempDir Path dir) throws Exception {
    measure("H2 MVStore 2.5.252", dir, d -> new Engine() {
      final MVStore store = new MVStore.Builder().fileName(d.resolve("store.mv").toString()).autoCommitDisabled()
          .open();
      final MVMap<byte[], byte[]> map = store.openMap("data");

      public void put(byte[] k, byte[] v, boolean sync) {
        map.put(k, v);
        if (sync) {
          store.commit();
          store.sync();
        }
      }

      public void putBatch(byte[][] ks, byte[][] vs, boolean sync) {
        for (int i = 0; i < ks.length; i++) {
          map.put(ks[i], vs[i]);
        }
        store.commit();
        if (sync) {
          store.sync();
        }
      }

      public void delete(byte[] k) {
        map.remove(k);
      }

      public long scanAll() {
        long n = 0;
        for (var e : map.entrySet()) {
          n += e.getValue().length > 0 ? 1 : 0;
        }
        return n;
      }

      public void compact() {
        store.commit();
        store.compactFile(10_000);
      }

      public void close() {
        store.close();
      }
    });
  }

  @Test
  void lmdb(@TempDir Path dir) throws Exception {
    measure("LMDB (lmdbjava 0.9.2)", dir, d -> new Engine() {
      final Env<ByteBuffer> env = Env.create().setMapSize(4L << 30).setMaxDbs(1).open(d.toFile(),
          EnvFlags.MDB_NOSYNC);
      final Dbi<ByteBuffer> db = env.openDbi("data", DbiFlags.MDB_CREATE);
      final ByteBuffer keyBuffer = ByteBuffer.allocateDirect(env.getMaxKeySize());
      final ByteBuffer valueBuffer = ByteBuffer.allocateDirect(4096);

      void putIn(Txn<ByteBuffer> txn, byte[] k, byte[] v) {
        keyBuffer.clear().put(k).flip();
        valueBuffer.clear().put(v).flip();
        db.put(txn, keyBuffer, valueBuffer);
      }

      public void put(byte[] k, byte[] v, boolean sync) {
        try (Txn<ByteBuffer> txn = env.txnWrite()) {
          putIn(txn, k, v);
          txn.commit();
        }
        if (sync) {
          env.sync(true);
        }
      }

      public void putBatch(byte[][] ks, byte[][] vs, boolean sync) {
        try (Txn<ByteBuffer> txn = env.txnWrite()) {
          for (int i = 0; i < ks.length; i++) {
            putIn(txn, ks[i], vs[i]);
          }
          txn.commit();
        }
        if (sync) {
          env.sync(true);
        }
      }

      public void delete(byte[] k) {
        keyBuffer.clear().put(k).flip();
        db.delete(keyBuffer);
      }

      public long scanAll() {
        long n = 0;
        try (Txn<ByteBuffer> txn = env.txnRead(); var it = db.iterate(txn)) {
          for (var kv : it) {
            n += kv.val().remaining() > 0 ? 1 : 0;
          }
        }
        return n;
      }

      public void compact() {
        env.sync(true); // LMDB reuses freed pages; it never shrinks its file
      }

      public void close() {
        env.close();
      }
    });
  }

  /** The floor: one append-only file, FileChannel.write + force, no index. */
  @Test
  void plainLog(@TempDir Path dir) throws Exception {
    FileChannel log = FileChannel.open(dir.resolve("log"), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND);
    try (log) {
      byte[] delta = bytes(DELTA);
      ByteBuffer record = ByteBuffer.allocate(DELTA + 16);
      double sync = rate(500, () -> {
        log.write(record.clear().putLong(1).putLong(2).put(delta).flip());
        log.force(false);
      });
      double batched = rate(500, () -> {
        for (int i = 0; i < 32; i++) {
          log.write(record.clear().putLong(1).putLong(2).put(delta).flip());
        }
        log.force(false);
      }) * 32;
      double async = rate(50_000, () -> log.write(record.clear().putLong(1).putLong(2).put(delta).flip()));
      System.out.printf(Locale.ROOT, "%-24s SYNC %8.0f/s  batched-32 %9.0f/s  ASYNC %9.0f/s%n", "plain log floor",
          sync, batched, async);
    }
  }

  /**
   * The store itself, per durability mode (GROUP_COMMIT with a 0 and a 2 ms window), for 2 s each: 1 and 16 writers
   * each waiting for its append's stage before the next (a closed loop, as a caller blocking until durable), and 4
   * writers keeping up to 256 appends in flight each (pipelined, as a node acknowledging updates asynchronously).
   */
  @Test
  void replicaStoreModes(@TempDir Path dir) throws Exception {
    byte[] delta = bytes(DELTA);
    record Setup(Durability mode, Duration window) {}
    List<Setup> setups = List.of(new Setup(Durability.SYNC, Duration.ZERO),
        new Setup(Durability.GROUP_COMMIT, Duration.ZERO), new Setup(Durability.GROUP_COMMIT, Duration.ofMillis(2)),
        new Setup(Durability.ASYNC, Duration.ZERO));
    int[][] loads = {{1, 1}, {16, 1}, {4, 256}};
    for (int[] load : loads) {
      for (Setup setup : setups) {
        Path storeDir = dir.resolve(setup.mode() + "-" + setup.window().toMillis() + "-" + load[0] + "-" + load[1]);
        StoreOptions options = StoreOptions.defaults().withDurability(setup.mode())
            .withGroupCommitWindow(setup.window());
        try (ReplicaStore store = ReplicaStore.open(storeDir, options)) {
          LongAdder done = new LongAdder();
          LongAdder nanos = new LongAdder();
          long end = System.nanoTime() + 2_000_000_000L;
          Thread[] threads = new Thread[load[0]];
          for (int w = 0; w < threads.length; w++) {
            String key = "k" + w;
            Semaphore inFlight = new Semaphore(load[1]);
            threads[w] = new Thread(() -> {
              while (System.nanoTime() < end) {
                inFlight.acquireUninterruptibly();
                long start = System.nanoTime();
                store.append(key, delta).whenComplete((ok, failed) -> {
                  nanos.add(System.nanoTime() - start);
                  done.increment();
                  inFlight.release();
                });
              }
              inFlight.acquireUninterruptibly(load[1]);
            });
            threads[w].start();
          }
          for (Thread t : threads) {
            t.join();
          }
          System.out.printf(Locale.ROOT, "ReplicaStore %-12s window %d ms, %2d writers x %3d in flight: %8.0f appends/s,"
              + " mean %7.1f us to durable%n", setup.mode(), setup.window().toMillis(), load[0], load[1],
              done.sum() / 2.0, nanos.sum() / 1e3 / done.sum());
        }
      }
    }
  }

  /**
   * The store itself: 100,000 keys, each with 10 deltas then a 200 B snapshot (ASYNC), closed; the directory's bytes
   * per key, and the time to open (which reads and checks every record) and recover them.
   */
  @Test
  void replicaStoreRecover(@TempDir Path dir) throws Exception {
    byte[] delta = bytes(DELTA);
    byte[] state = new byte[STATE];
    try (ReplicaStore store = ReplicaStore.open(dir, StoreOptions.defaults().withDurability(Durability.ASYNC))) {
      store.saveIdentity(new StoredIdentity("r1", 1L));
      for (int k = 0; k < KEYS; k++) {
        for (int i = 0; i < 10; i++) {
          store.append("key-" + k, delta);
        }
        ThreadLocalRandom.current().nextBytes(state);
        store.snapshot("key-" + k, state.clone());
      }
    }
    long bytes = size(dir);
    long start = System.nanoTime();
    int keys;
    try (ReplicaStore store = ReplicaStore.open(dir, StoreOptions.defaults())) {
      keys = store.recover().keys().size();
    }
    System.out.printf(Locale.ROOT, "ReplicaStore recover: open + recover of %d keys %6.0f ms, %5.0f B/key on disk"
        + " (200 B live)%n", keys, (System.nanoTime() - start) / 1e6, (double) bytes / KEYS);
  }

  private void measure(String name, Path dir, Opener opener) throws Exception {
    byte[] delta = bytes(DELTA);
    double sync;
    double batched;
    double async;
    Files.createDirectories(dir.resolve("appends"));
    Files.createDirectories(dir.resolve("keys"));
    try (Engine engine = opener.open(dir.resolve("appends"))) {
      int[] seq = {0};
      for (int i = 0; i < 200; i++) { // warm up
        engine.put(key("w", i), delta, true);
      }
      sync = rate(500, () -> engine.put(key("d", seq[0]++), delta, true));
      byte[][] ks = new byte[32][];
      byte[][] vs = new byte[32][];
      batched = rate(500, () -> {
        for (int i = 0; i < 32; i++) {
          ks[i] = key("b", seq[0]++);
          vs[i] = delta;
        }
        engine.putBatch(ks, vs, true);
      }) * 32;
      async = rate(50_000, () -> engine.put(key("a", seq[0]++), delta, false));
    }
    Path keysDir = dir.resolve("keys");
    byte[] state = bytes(STATE);
    try (Engine engine = opener.open(keysDir)) {
      byte[][] ks = new byte[10][];
      byte[][] vs = new byte[10][];
      for (int k = 0; k < KEYS; k++) {
        for (int i = 0; i < 10; i++) {
          ks[i] = (k + "/d/" + i).getBytes(StandardCharsets.UTF_8);
          vs[i] = delta;
        }
        engine.putBatch(ks, vs, false);
      }
      for (int k = 0; k < KEYS; k++) { // compaction: one snapshot replaces the deltas
        ThreadLocalRandom.current().nextBytes(state); // incompressible, as encoded states mostly are
        engine.put((k + "/s").getBytes(StandardCharsets.UTF_8), state, false);
        for (int i = 0; i < 10; i++) {
          engine.delete((k + "/d/" + i).getBytes(StandardCharsets.UTF_8));
        }
      }
      engine.compact();
    }
    long bytes = size(keysDir);
    long start = System.nanoTime();
    long read;
    try (Engine engine = opener.open(keysDir)) {
      read = engine.scanAll();
    }
    double recoverMs = (System.nanoTime() - start) / 1e6;
    System.out.printf(Locale.ROOT,
        "%-24s SYNC %8.0f/s  batched-32 %9.0f/s  ASYNC %9.0f/s  recover %d keys %6.0f ms  %5.0f B/key (200 B live)%n",
        name, sync, batched, async, read, recoverMs, (double) bytes / KEYS);
  }

  interface Step {
    void run() throws Exception;
  }

  private static double rate(int times, Step step) throws Exception {
    long start = System.nanoTime();
    for (int i = 0; i < times; i++) {
      step.run();
    }
    return times / ((System.nanoTime() - start) / 1e9);
  }

  private static byte[] key(String kind, int i) {
    return ("key-" + (i % 1000) + "/" + kind + "/" + i).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    ThreadLocalRandom.current().nextBytes(b);
    return b;
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

}
