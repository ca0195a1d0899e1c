package io.crdtkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Separate JVMs where processes are the point: kill -9 under a tight write loop, and a second process. */
class StoreProcessTest {

  @TempDir
  Path dir;

  /** A child JVM on this test's class path, and the lines it printed. */
  static final class Child implements AutoCloseable {
    final Process process;
    final List<String> lines = new CopyOnWriteArrayList<>();

    Child(String... args) throws Exception {
      List<String> command = new ArrayList<>(List.of(
          System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
          "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
          "-cp", System.getProperty("java.class.path"), StoreChild.class.getName()));
      command.addAll(List.of(args));
      process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      Thread reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            lines.add(line);
          }
        } catch (Exception e) {
          lines.add("reader failed: " + e);
        }
      }, "child-reader");
      reader.setDaemon(true);
      reader.start();
    }

    long acks() {
      return lines.stream().filter(l -> l.startsWith("ack ")).count();
    }

    /** kill -9: no shutdown hook, no close, nothing flushed by the store. */
    void kill() throws Exception {
      process.destroyForcibly();
      assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }

    @Override
    public void close() {
      process.destroyForcibly();
    }
  }

  @ParameterizedTest
  @EnumSource(Durability.class) // ASYNC too: the process dies, the operating system keeps what was written
  void killMinus9UnderATightWriteLoopLosesNoAcknowledgedAppend(Durability mode) throws Exception {
    long acked;
    List<String> ackLines;
    try (Child child = new Child("write", dir.toString(), mode.name(), "4")) {
      await().atMost(Duration.ofSeconds(20)).until(() -> child.acks() >= 2000);
      child.kill();
      ackLines = List.copyOf(child.lines);
    }
    // the reader may still drain lines the child printed before it died: those are acknowledged too
    Set<String> stored = new HashSet<>();
    try (ReplicaStore store = ReplicaStore.open(dir, StoreOptions.defaults(), OpenMarker.currentBootId())) {
      assertThat(store.recover().writesMayBeLost()).as("a killed process loses nothing it wrote").isFalse();
    }
    try (ReplicaStore store = ReplicaStore.open(dir, StoreOptions.defaults())) {
      StoredReplica replica = store.recover();
      assertThat(replica.identity().get().replicaId()).isEqualTo("child");
      replica.keys().forEach((key, value) -> value.deltas().forEach(d -> stored.add(key + " " + ReplicaStoreTest.text(d))));
    }
    List<String> acks = ackLines.stream().filter(l -> l.startsWith("ack ")).map(l -> l.substring(4)).toList();
    acked = acks.size();
    assertThat(acked).isGreaterThanOrEqualTo(2000);
    assertThat(acks).as("acknowledged appends missing after kill -9 (%s)", mode)
        .filteredOn(a -> !stored.contains(a)).isEmpty();
    System.out.printf("kill -9 under %s: %d acknowledged appends, %d stored, none lost%n", mode, acked,
        stored.size());
  }

  @Test
  void aSecondProcessOnTheSameDirectoryIsRefused() throws Exception {
    try (ReplicaStore store = ReplicaStore.open(dir, StoreOptions.defaults());
        Child child = new Child("open", dir.toString())) {
      assertThat(child.process.waitFor(20, TimeUnit.SECONDS)).isTrue();
      await().atMost(Duration.ofSeconds(5)).until(() -> !child.lines.isEmpty());
      assertThat(child.lines.get(0)).startsWith("locked ").contains(store.directory().toString());
    }
  }
}
