package io.crdtkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReplicaStoreTest {

  @TempDir
  Path dir;

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  static StoreOptions with(Durability durability) {
    return StoreOptions.defaults().withDurability(durability);
  }

  @Nested
  class RoundTrip {

    @Test
    void aMissingDirectoryOpensEmpty() {
      try (ReplicaStore store = ReplicaStore.open(dir.resolve("not-yet"), StoreOptions.defaults())) {
        assertThat(store.recover().isEmpty()).isTrue();
      }
    }

    @ParameterizedTest
    @EnumSource(Durability.class)
    void identitySnapshotsDeltasAndGcStateSurviveCloseAndReopen(Durability durability) {
      try (ReplicaStore store = ReplicaStore.open(dir, with(durability))) {
        store.saveIdentity(new StoredIdentity("r1", 1234L));
        store.snapshot("cart", bytes("state-1"));
        store.append("cart", bytes("d1"));
        store.append("cart", bytes("d2"));
        store.append("flags", bytes("f1"));
        store.saveGcState(bytes("gc-7")).toCompletableFuture().join();
      }
      try (ReplicaStore store = ReplicaStore.open(dir, with(durability))) {
        StoredReplica replica = store.recover();
        assertThat(replica.isEmpty()).isFalse();
        assertThat(replica.identity().get()).isEqualTo(new StoredIdentity("r1", 1234L));
        assertThat(replica.keys().keySet().toJavaList()).containsExactly("cart", "flags");
        StoredKey cart = replica.keys().get("cart").get();
        assertThat(text(cart.snapshot().get())).isEqualTo("state-1");
        assertThat(cart.deltas().map(ReplicaStoreTest::text).toJavaList()).containsExactly("d1", "d2");
        assertThat(replica.keys().get("flags").get().snapshot().isEmpty()).isTrue();
        assertThat(text(replica.gcState().get())).isEqualTo("gc-7");
      }
    }

    @Test
    void aSnapshotReplacesTheDeltasBeforeItAndKeepsTheOnesAfter() {
      try (ReplicaStore store = ReplicaStore.open(dir, StoreOptions.defaults())) {
        store.append("k", bytes("old"));
        store.snapshot("k", bytes("s"));
        store.append("k", bytes("new"));
      }
      try (ReplicaStore store = ReplicaStore.open(dir, StoreOptions.defaults())) {
        StoredKey k = store.recover().keys().get("k").get();
        assertThat(text(k.snapshot().get())).isEqualTo("s");
        assertThat(k.deltas().map(ReplicaStoreTest::text).toJavaList()).containsExactly("new");
      }
    }

    @Test
    void aDeletedKeyIsGoneAndTheDeltaSequenceContinuesAfterReopen() {
      try (ReplicaStore store = ReplicaStore.open(dir, StoreOptions.defaults())) {
        store.append("gone", bytes("x"));
        store.append("kept", bytes("1"));
        store.delete("gone");
      }
      try (ReplicaStore store = ReplicaStore.open(dir, StoreOptions.defaults())) {
        assertThat(store.recover().keys().keySet().toJavaList()).containsExactly("kept");
        store.append("kept", bytes("2"));
      }
      try (ReplicaStore store = ReplicaStore.open(dir, StoreOptions.defaults())) {
        assertThat(store.recover().keys().get("kept").get().deltas().map(ReplicaStoreTest::text).toJavaList())
            .containsExactly("1", "2");
      }
    }

    @Test
    void aClosedStoreRefusesWrites() {
      ReplicaStore store = ReplicaStore.open(dir, StoreOptions.defaults());
      store.close();
      assertThatThrownBy(() -> store.append("k", bytes("x")))
          .isInstanceOf(StoreException.class).hasMessageContaining("closed");
    }
  }

  @Nested
  class Durable {

    @ParameterizedTest
    @EnumSource(value = Durability.class, names = {"SYNC", "GROUP_COMMIT"})
    void everyCompletedAppendOfConcurrentWritersIsThereAfterReopen(Durability durability) throws Exception {
      int writers = 4;
      int each = 300;
      ExecutorService pool = Executors.newFixedThreadPool(writers);
      try (ReplicaStore store = ReplicaStore.open(dir, with(durability).withGroupCommitWindow(Duration.ofMillis(2)))) {
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        List<java.util.concurrent.Future<List<CompletableFuture<Void>>>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
          String key = "k" + w;
          done.add(pool.submit(() -> {
            List<CompletableFuture<Void>> mine = new ArrayList<>();
            for (int i = 0; i < each; i++) {
              mine.add(store.append(key, bytes(String.valueOf(i))).toCompletableFuture());
            }
            return mine;
          }));
        }
        for (var d : done) {
          acks.addAll(d.get(30, TimeUnit.SECONDS));
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
      } finally {
        pool.shutdownNow();
      }
      try (ReplicaStore store = ReplicaStore.open(dir, StoreOptions.defaults())) {
        for (int w = 0; w < writers; w++) {
          List<String> deltas = store.recover().keys().get("k" + w).get().deltas().map(ReplicaStoreTest::text)
              .toJavaList();
          assertThat(deltas).hasSize(each);
          assertThat(deltas.get(each - 1)).isEqualTo(String.valueOf(each - 1));
        }
      }
    }
  }

  @Nested
  class Compaction {

    @Test
    void afterManyAppendsAndASnapshotTheDirectoryHoldsAboutTheLiveState() throws Exception {
      byte[] delta = new byte[100];
      try (ReplicaStore store = ReplicaStore.open(dir, with(Durability.ASYNC))) {
        for (int i = 0; i < 100_000; i++) { // 10 MB of history on 10 keys
          store.append("k" + (i % 10), delta);
        }
        for (int k = 0; k < 10; k++) {
          store.snapshot("k" + k, new byte[1000]);
        }
      }
      long size = directorySize(dir);
      try (ReplicaStore store = ReplicaStore.open(dir, StoreOptions.defaults())) {
        assertThat(store.recover().keys().values().map(k -> k.deltas().size()).sum().intValue()).isZero();
      }
      assertThat(size).as("bytes on disk for 10 kB of live state after 10 MB of appends").isLessThan(256 * 1024);
    }
  }

  @Nested
  class UncleanStop {

    private void openAndDie(Durability mode, String bootId) {
      ReplicaStore store = ReplicaStore.open(dir, with(mode), bootId);
      store.append("k", bytes("x"));
      store.abandonForTest(); // no close(): no clean stop recorded, as when the process or the machine dies
    }

    @Test
    void anAsyncOwnerThatDiedWithTheMachineMayHaveLostAcknowledgedWrites() {
      openAndDie(Durability.ASYNC, "boot-1");
      try (ReplicaStore store = ReplicaStore.open(dir, StoreOptions.defaults(), "boot-2")) {
        assertThat(store.recover().writesMayBeLost()).isTrue();
      }
      try (ReplicaStore store = ReplicaStore.open(dir, StoreOptions.defaults(), "boot-2")) {
        assertThat(store.recover().writesMayBeLost()).as("after a clean close").isFalse();
      }
    }

    @Test
    void anAsyncOwnerThatDiedAloneAndSyncOwnersLoseNothing() {
      openAndDie(Durability.ASYNC, "boot-1");
      try (ReplicaStore store = ReplicaStore.open(dir, StoreOptions.defaults(), "boot-1")) {
        assertThat(store.recover().writesMayBeLost()).isFalse();
      }
      openAndDie(Durability.GROUP_COMMIT, "boot-1");
      try (ReplicaStore store = ReplicaStore.open(dir, StoreOptions.defaults(), "boot-2")) {
        assertThat(store.recover().writesMayBeLost()).isFalse();
      }
    }
  }

  @Nested
  class Locking {

    @Test
    void aSecondOpenerInThisProcessIsRefusedNamingTheDirectory() {
      try (ReplicaStore first = ReplicaStore.open(dir, StoreOptions.defaults())) {
        assertThatThrownBy(() -> ReplicaStore.open(dir, StoreOptions.defaults()))
            .isInstanceOf(StoreLockedException.class)
            .hasMessageContaining(first.directory().toString());
      }
      try (ReplicaStore again = ReplicaStore.open(dir, StoreOptions.defaults())) {
        assertThat(again.recover().isEmpty()).isTrue();
      }
    }
  }

  static long directorySize(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
