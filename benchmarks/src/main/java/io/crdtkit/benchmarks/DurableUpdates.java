package io.crdtkit.benchmarks;

import io.crdtkit.GCounter;
import io.crdtkit.net.CrdtNode;
import io.crdtkit.net.JGroupsStack;
import io.crdtkit.net.Replicated;
import io.crdtkit.net.WriteConsistency;
import io.crdtkit.store.Durability;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One local update of a counter through a {@link CrdtNode}, counted once it is as durable as the node's mode says
 * ({@code update(mutator, WriteConsistency.local())} completed): in memory, and on disk with {@code ASYNC},
 * {@code GROUP_COMMIT} (with its default window, and with a window of zero) and {@code SYNC} (issue 18). Each benchmark thread updates a key of its own, as writers of
 * different keys do; the node is alone in its in-JVM cluster, so what is measured is the update and its write, not
 * the network. {@link DurableMeasurement} runs it (not the report's run: its name does not end in "Benchmark").
 */
public class DurableUpdates {

  /** The node, shared by the benchmark's threads. */
  @State(Scope.Benchmark)
  public static class Node {
    /** GROUP_COMMIT_W0: GROUP_COMMIT with a window of zero (CrdtNodeBuilder.groupCommitWindow). */
    @Param({"MEMORY", "ASYNC", "GROUP_COMMIT", "GROUP_COMMIT_W0", "SYNC"})
    String mode;

    CrdtNode node;
    Path directory;
    final AtomicInteger keys = new AtomicInteger();

    @Setup(Level.Trial)
    public void start() throws IOException {
      var builder = CrdtNode.builder("durable-" + UUID.randomUUID()).stack(JGroupsStack.inJvm());
      if (!mode.equals("MEMORY")) {
        directory = Files.createTempDirectory("crdtkit-durable-bench");
        boolean windowZero = mode.equals("GROUP_COMMIT_W0");
        builder.durable(directory.resolve("node"), windowZero ? Durability.GROUP_COMMIT : Durability.valueOf(mode));
        if (windowZero) {
          builder.groupCommitWindow(java.time.Duration.ZERO);
        }
      }
      node = builder.start();
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
      node.close();
      if (directory != null) {
        DurableMeasurement.deleteRecursively(directory);
      }
    }
  }

  /** A benchmark thread's own key. */
  @State(Scope.Thread)
  public static class Key {
    Replicated<GCounter> counter;

    @Setup(Level.Trial)
    public void register(Node node) {
      counter = node.node.register("counter-" + node.keys.incrementAndGet(), GCounter.empty(), GCounter.class);
    }
  }

  /** The update counted once {@code update()} returns: applied in memory, and on disk only under {@code SYNC}. */
  @Benchmark
  public GCounter updateReturned(Key key) {
    return key.counter.update((counter, self) -> counter.deltaIncrement(self, 1));
  }

  @Benchmark
  public GCounter update(Key key) {
    return key.counter.update((counter, self) -> counter.deltaIncrement(self, 1), WriteConsistency.local())
        .toCompletableFuture().join();
  }
}
