package io.crdtkit.examples;

import io.crdtkit.ORSet;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.net.CrdtKey;
import io.crdtkit.net.CrdtKeyType;
import io.crdtkit.net.CrdtNode;
import io.crdtkit.net.JGroupsStack;
import io.crdtkit.net.WriteConsistency;
import io.crdtkit.store.Durability;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import tools.jackson.core.type.TypeReference;

/**
 * The README's second demo: three durable members on 127.0.0.1 (TCP), each keeping its state in a directory of its
 * own (crdt-store, {@code Durability.GROUP_COMMIT}). One member stops; the others go on writing; it restarts from
 * its directory as the same replica (the same id, so nobody's replica set grows), with everything it acknowledged,
 * and catches up with what it missed. Every step prints how long it took.
 */
public final class DurableRestartDemo {

  private static final CrdtKeyType<ORSet<String>> TAGS = CrdtKeyType.of(new TypeReference<>() {}, ORSet.empty());
  private static final CrdtKey<ORSet<String>> WATCHLIST = CrdtKey.of("watchlist", TAGS);
  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final String[] NAMES = {"phone", "laptop", "tablet"};

  private DurableRestartDemo() {}

  /** What the demo ends with, for its test. */
  record Outcome(ReplicaId before, ReplicaId after, int restoredItems, List<Integer> itemsEverywhere,
      List<Integer> replicaSetSizes) {}

  public static void main(String[] args) throws Exception {
    run(System.out, Path.of(args.length > 0 ? args[0] : "target/durable-demo"));
  }

  static Outcome run(PrintStream out, Path root) throws Exception {
    out.println("crdtkit durable demo: three members on 127.0.0.1, each keeping its state in " + root);
    out.println();
    deleteRecursively(root);
    Stopwatch clock = new Stopwatch(DEADLINE);
    List<Integer> ports = LoopbackPorts.free(NAMES.length);
    String cluster = "durable-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    List<CrdtNode> nodes = new ArrayList<>();
    try {
      out.println("1. Three durable members start, each in a new directory: a fresh replica id each, kept there");
      for (int i = 0; i < NAMES.length; i++) {
        nodes.add(start(cluster, ports, i, root));
      }
      clock.await(() -> nodes.stream().allMatch(n -> n.members().size() == NAMES.length));
      out.printf("   %-58s %6d ms%n", "one view: " + nodes.get(0).members(), clock.lap());

      out.println("2. Each adds 100 items; an update counts once it is on disk (update(.., local()) completes then)");
      for (int i = 0; i < NAMES.length; i++) {
        CrdtNode node = nodes.get(i);
        for (int n = 0; n < 100; n++) {
          String item = NAMES[i] + "-" + n;
          node.replicated(WATCHLIST).update((set, self) -> set.deltaAdd(self, item), WriteConsistency.local())
              .toCompletableFuture().join();
        }
      }
      clock.await(() -> nodes.stream().allMatch(n -> n.replicated(WATCHLIST).value().value().size() == 300));
      out.printf("   %-58s %6d ms%n", "300 items on every member", clock.lap());

      CrdtNode tablet = nodes.get(2);
      ReplicaId before = tablet.replica();
      out.println("3. The tablet stops; the phone and the laptop go on writing without it");
      tablet.close();
      nodes.remove(tablet);
      for (int n = 0; n < 50; n++) {
        String item = "while-away-" + n;
        nodes.get(n % 2).replicated(WATCHLIST).update((set, self) -> set.deltaAdd(self, item));
      }
      out.printf("   %-58s %6d ms%n", "50 more items on the phone and the laptop", clock.lap());

      out.println("4. The tablet restarts from its directory");
      CrdtNode restarted = start(cluster, ports, 2, root);
      nodes.add(restarted);
      int restored = restarted.replicated(WATCHLIST).value().value().size();
      out.printf("   %-58s %6d ms%n", "started as " + restarted.durableStart() + ", replica " + restarted.replica()
          + (restarted.replica().equals(before) ? " (the same)" : " (ANOTHER ONE)"), clock.lap());
      out.printf("   %-58s%n", "items it holds on joining: " + restored + " (its directory's, and what came since)");
      clock.await(() -> nodes.stream().allMatch(n -> n.replicated(WATCHLIST).value().value().size() == 350));
      out.printf("   %-58s %6d ms%n", "caught up: 350 items on every member", clock.lap());

      List<Integer> everywhere = nodes.stream().map(n -> n.replicated(WATCHLIST).value().value().size()).toList();
      List<Integer> replicaSets = nodes.stream()
          .map(n -> n.replicated(WATCHLIST).value().context().vectorClock().entries().size()).toList();
      out.println();
      out.println("   the same replica id after the restart: " + (restarted.replica().equals(before) ? "yes" : "no"));
      out.println("   replicas in every member's clock:      " + replicaSets + " (three members, three ids)");
      for (int i = 0; i < NAMES.length; i++) {
        out.printf("   %-7s directory: %,d bytes on disk%n", NAMES[i], size(root.resolve(NAMES[i])));
      }
      return new Outcome(before, restarted.replica(), restored, everywhere, replicaSets);
    } finally {
      nodes.forEach(CrdtNode::close);
    }
  }

  private static CrdtNode start(String cluster, List<Integer> ports, int i, Path root) {
    return CrdtNode.builder(cluster).durable(root.resolve(NAMES[i]), Durability.GROUP_COMMIT).types(TAGS)
        .stack(JGroupsStack.tcp(ports.get(i), ports)).bindAddress("127.0.0.1")
        .antiEntropyInterval(Duration.ofMillis(500)).reportInterval(Duration.ofMillis(250)).start();
  }

  private static long size(Path directory) throws IOException {
    try (Stream<Path> files = Files.walk(directory)) {
      return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
    }
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.delete(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
