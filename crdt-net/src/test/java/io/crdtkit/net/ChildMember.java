package io.crdtkit.net;

import io.crdtkit.GCounter;
import io.crdtkit.GSet;
import io.crdtkit.ORSet;
import io.crdtkit.clock.ReplicaId;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.core.type.TypeReference;

/**
 * A cluster member in a process of its own, for the multi-process tests: it joins with the TCP preset and obeys
 * commands on standard input, answering on standard output (logs go to standard error).
 *
 * <pre>
 * args: cluster bindAddress port peer,peer,... replicaPrefix   (a peer is PORT on the bind address, or HOST:PORT)
 * load NAME   add NAME-1, NAME-2, ... to the set "acked" as fast as it goes; prints "ack NAME-i" after each
 * stop        stop the load
 * state       prints "state SIZE HASH VIEWSIZE INSYNC"
 * dump PATH   writes the set's elements to PATH, one a line; prints "dumped PATH"
 * retire      retires every replica not in the view; prints "retired N" when done
 * exit        closes the node and exits
 * </pre>
 * An argument {@code durable=DIR:MODE} makes it durable in {@code DIR} ({@code io.crdtkit.store.Durability} MODE,
 * issue 18): its replica id comes from the directory, and {@code load} acknowledges an element only once its update
 * is durable, writing without pause; {@code known} prints "known N", the replicas it knows of.
 * With a further argument, {@code set} or {@code counter}, it also replicates 20 counters {@code good-0..19} and a key
 * {@code bad} of that type (issue 17: a key of another type on one member must hold back no other key):
 * <pre>
 * goods       increments every good counter by one and updates "bad"; prints "goods done"
 * goodstate   prints "goodstate MIN REFUSED": the least good counter, and the type mismatches refused so far
 * </pre>
 * It also exits when its standard input closes, so that no child outlives its test.
 */
public final class ChildMember {

  private static final TypeReference<GSet<String>> SET = new TypeReference<>() {};

  private ChildMember() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    List<InetSocketAddress> peers = new ArrayList<>();
    for (String peer : args[3].split(",")) {
      int colon = peer.lastIndexOf(':');
      peers.add(colon < 0 ? new InetSocketAddress(args[1], Integer.parseInt(peer))
          : new InetSocketAddress(peer.substring(0, colon), Integer.parseInt(peer.substring(colon + 1))));
    }
    List<String> options = new ArrayList<>(List.of(args).subList(5, args.length));
    String durable = options.stream().filter(option -> option.startsWith("durable=")).findFirst().orElse(null);
    options.remove(durable);
    CrdtNodeBuilder builder = CrdtNode.builder(args[0]);
    if (durable != null) {
      String[] dirAndMode = durable.substring("durable=".length()).split(":");
      builder.durable(java.nio.file.Path.of(dirAndMode[0]), io.crdtkit.store.Durability.valueOf(dirAndMode[1]));
    } else {
      builder.replica(ReplicaId.fresh(args[4]));
    }
    CrdtNode node = builder
        .bindAddress(args[1])
        .stack(JGroupsStack.tcpHosts(Integer.parseInt(args[2]), peers))
        .antiEntropyInterval(Duration.ofMillis(500))
        .reportInterval(Duration.ofMillis(250))
        .start();
    Replicated<GSet<String>> acked = node.register("acked", GSet.empty(), SET);
    List<Replicated<GCounter>> goods = new ArrayList<>();
    Runnable updateBad = () -> { };
    if (!options.isEmpty()) {
      for (int i = 0; i < 20; i++) {
        goods.add(node.register("good-" + i, GCounter.empty(), GCounter.class));
      }
      if (options.get(0).equals("set")) {
        Replicated<ORSet<String>> bad = node.register("bad", ORSet.empty(),
            new TypeReference<ORSet<String>>() {});
        updateBad = () -> bad.update((set, self) -> set.deltaAdd(self, "x"));
      } else {
        Replicated<GCounter> bad = node.register("bad", GCounter.empty(),
            GCounter.class);
        updateBad = () -> bad.update((counter, self) -> counter.deltaIncrement(self, 1));
      }
    }
    Runnable updateTheBadKey = updateBad;
    out.println("started " + node.replica());
    AtomicBoolean loading = new AtomicBoolean();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String[] command = line.trim().split(" ");
      switch (command[0]) {
        case "load" -> {
          loading.set(true);
          String name = command[1];
          Thread writer = new Thread(() -> {
            for (int i = 1; loading.get(); i++) {
              String element = name + "-" + i;
              if (durable != null) {
                // acknowledged once durable: the stage of a local write completes when it is written
                acked.update((set, self) -> set.deltaAdd(element), WriteConsistency.local()).toCompletableFuture()
                    .join();
                out.println("ack " + element);
                continue;
              }
              acked.update((set, self) -> set.deltaAdd(element));
              out.println("ack " + element); // acknowledged: applied here, on its way to the others
              LockSupport.parkNanos(2_000_000);
            }
          }, "load");
          writer.setDaemon(true);
          writer.start();
        }
        case "stop" -> {
          loading.set(false);
          out.println("stopped");
        }
        case "state" -> {
          NetStats stats = node.stats();
          out.println("state " + acked.value().value().size() + " " + acked.value().hashCode() + " "
              + stats.viewSize() + " " + stats.inSyncWithAllPeers());
        }
        case "dump" -> {
          java.nio.file.Files.write(java.nio.file.Path.of(command[1]), acked.value().value().toJavaList());
          out.println("dumped " + command[1]);
        }
        case "known" -> out.println("known " + node.engine().knownReplicas().size());
        case "retire" -> {
          node.retireAbsent().get();
          out.println("retired " + node.stats().retired().size());
        }
        case "goods" -> {
          goods.forEach(good -> good.update((counter, self) -> counter.deltaIncrement(self, 1)));
          updateTheBadKey.run();
          out.println("goods done");
        }
        case "goodstate" -> out.println("goodstate "
            + goods.stream().mapToLong(good -> good.value().value()).min().orElse(0) + " "
            + node.stats().refused().getOrDefault(RefusalCause.TYPE_MISMATCH, 0L));
        case "exit" -> {
          node.close();
          out.println("bye");
          System.exit(0);
        }
        default -> out.println("unknown " + line);
      }
    }
    node.close();
    System.exit(0);
  }
}
