package io.crdtkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged store is reported, naming what is damaged, and nothing of it is loaded. */
class DamageTest {

  @TempDir
  Path dir;

  @BeforeEach
  void aStoreWithData() {
    try (ReplicaStore store = ReplicaStore.open(dir, StoreOptions.defaults().withDurability(Durability.SYNC))) {
      store.saveIdentity(new StoredIdentity("r1", 1L));
      for (int i = 0; i < 2000; i++) {
        store.append("key-" + (i % 50), ReplicaStoreTest.bytes("delta number " + i + " of a small CRDT"));
      }
    }
  }

  private Path tableFile() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> tables = files.filter(f -> f.toString().endsWith(".sst")).toList();
      assertThat(tables).as("the close flushed the data into one table file").hasSize(1);
      return tables.get(0);
    }
  }

  @Test
  void aFlippedByteInADataFileIsDetectedNotLoaded() throws Exception {
    Path table = tableFile();
    try (RandomAccessFile file = new RandomAccessFile(table.toFile(), "rw")) {
      long at = file.length() / 3; // inside a data block, well before the index and footer
      file.seek(at);
      int b = file.read();
      file.seek(at);
      file.write(b ^ 0x10);
    }
    assertThatThrownBy(() -> ReplicaStore.open(dir, StoreOptions.defaults()))
        .isInstanceOf(DamagedStoreException.class)
        .hasMessageContaining(dir.toString())
        .hasMessageContaining("not loading it");
  }

  @Test
  void aTruncatedDataFileIsDetectedNotLoaded() throws Exception {
    Path table = tableFile();
    try (FileChannel file = FileChannel.open(table, StandardOpenOption.WRITE)) {
      file.truncate(file.size() - 100);
    }
    assertThatThrownBy(() -> ReplicaStore.open(dir, StoreOptions.defaults()))
        .isInstanceOf(DamagedStoreException.class)
        .hasMessageContaining(table.getFileName().toString());
  }

  @Test
  void aTornLastWriteInTheLogIsDroppedAndADamagedRecordBeforeItIsRefused() throws Exception {
    // a log that was not flushed at close: written, then the process died while writing its last record (found by
    // the kill -9 tests): that record never completed, so its append was never acknowledged; the rest loads
    Path other = dir.resolveSibling(dir.getFileName() + "-log");
    Path log;
    try (ReplicaStore store = ReplicaStore.open(other, StoreOptions.defaults().withDurability(Durability.SYNC))) {
      store.append("k", ReplicaStoreTest.bytes("first"));
      store.append("k", ReplicaStoreTest.bytes("second, torn"));
      try (Stream<Path> files = Files.list(other)) {
        log = files.filter(f -> f.toString().endsWith(".log")).max(Path::compareTo).orElseThrow();
      }
      Path torn = copyOf(other, "-torn");
      try (FileChannel file = FileChannel.open(torn.resolve(log.getFileName()), StandardOpenOption.WRITE)) {
        file.truncate(file.size() - 5);
      }
      try (ReplicaStore reopened = ReplicaStore.open(torn, StoreOptions.defaults())) {
        assertThat(reopened.recover().keys().get("k").get().deltas().map(ReplicaStoreTest::text))
            .containsExactly("first");
      }

      Path damaged = copyOf(other, "-damaged");
      Path damagedLog = damaged.resolve(log.getFileName());
      byte[] bytes = Files.readAllBytes(damagedLog);
      bytes[bytes.length / 3] ^= 0x55;     // in the first record, not the last: not a torn write
      Files.write(damagedLog, bytes);
      assertThatThrownBy(() -> ReplicaStore.open(damaged, StoreOptions.defaults()))
          .isInstanceOf(DamagedStoreException.class)
          .hasMessageContaining(damaged.toString());
    }
  }

  private static Path copyOf(Path store, String suffix) throws Exception {
    Path copy = Files.createDirectories(store.resolveSibling(store.getFileName() + suffix));
    try (Stream<Path> files = Files.list(store)) {
      for (Path f : files.filter(f -> !f.getFileName().toString().equals(DirectoryLock.FILE_NAME)).toList()) {
        Files.copy(f, copy.resolve(f.getFileName()));
      }
    }
    return copy;
  }

  @Test
  void aRecordWhoseChecksumFailsNamesItsKey() {
    byte[] recordKey = RecordFormat.deltaKey("cart", 7);
    byte[] sealed = RecordFormat.seal(recordKey, ReplicaStoreTest.bytes("delta"));
    sealed[sealed.length - 1] ^= 1;
    assertThatThrownBy(() -> RecordFormat.open(recordKey, sealed, "delta #7 of key 'cart'"))
        .isInstanceOf(DamagedStoreException.class)
        .hasMessageContaining("delta #7 of key 'cart'").hasMessageContaining("CRC32C");
  }

  @Test
  void aDirectoryThatLostItsCurrentFileIsNotTakenForAFreshOne() throws Exception {
    Files.delete(dir.resolve("CURRENT"));
    assertThatThrownBy(() -> ReplicaStore.open(dir, StoreOptions.defaults()))
        .isInstanceOf(DamagedStoreException.class)
        .hasMessageContaining("CURRENT file is missing");
  }
}
