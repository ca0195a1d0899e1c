package io.crdtkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A read-only directory and a full disk: a clear error on the failing call, and no acknowledged write lost. Both use
 * a small tmpfs this test mounts itself, which needs root (and is the reason to need it: as root, chmod does not
 * stop writes); elsewhere they skip, saying why.
 */
class FileSystemErrorTest {

  @TempDir
  Path parent;

  private Path mount;

  private static boolean run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  private Path tmpfs(String size) throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")),
        "mounting a tmpfs needs root; as another user this test would need a read-only or full disk of its own");
    mount = Files.createDirectories(parent.resolve("tmpfs"));
    assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mount.toString()),
        "mount -t tmpfs is not permitted here (a container without CAP_SYS_ADMIN?)");
    return mount;
  }

  @AfterEach
  void unmount() throws Exception {
    if (mount != null) {
      run("umount", "-l", mount.toString());
    }
  }

  @Test
  void aReadOnlyDirectoryIsAClearErrorAtOpen() throws Exception {
    Path dir = tmpfs("16m").resolve("store");
    try (ReplicaStore store = ReplicaStore.open(dir, StoreOptions.defaults())) {
      store.append("k", ReplicaStoreTest.bytes("x"));
    }
    assertThat(run("mount", "-o", "remount,ro", mount.toString())).isTrue();
    assertThatThrownBy(() -> ReplicaStore.open(dir, StoreOptions.defaults()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(dir.toString())
        .hasMessageContaining("Read-only file system");
  }

  @Test
  void aFullDiskFailsTheWriteClearlyAndLosesNoAcknowledgedAppend() throws Exception {
    Path dir = tmpfs("4m").resolve("store");
    List<String> acknowledged = new ArrayList<>();
    StoreException failure = null;
    try (ReplicaStore store = ReplicaStore.open(dir, StoreOptions.defaults().withDurability(Durability.SYNC))) {
      byte[] padding = new byte[1000];
      for (int i = 0; i < 100_000 && failure == null; i++) {
        String value = "v" + i;
        byte[] delta = (value + new String(padding)).getBytes();
        try {
          store.append("k", delta);
          acknowledged.add(value);
        } catch (StoreException e) {
          failure = e;
        }
      }
    } catch (StoreException closeFailed) {
      // closing a store on a full disk may fail to flush; the log holds what was acknowledged
    }
    assertThat(failure).as("a 4 MB disk fills up").isNotNull();
    assertThat(failure.getMessage()).contains(dir.toString()).containsIgnoringCase("space");
    assertThat(run("mount", "-o", "remount,size=64m", mount.toString())).isTrue();
    try (ReplicaStore store = ReplicaStore.open(dir, StoreOptions.defaults())) {
      List<String> stored = store.recover().keys().get("k").get().deltas()
          .map(d -> ReplicaStoreTest.text(d).trim().replace("\0", "")).toJavaList();
      assertThat(stored).containsAll(acknowledged);
    }
  }
}
