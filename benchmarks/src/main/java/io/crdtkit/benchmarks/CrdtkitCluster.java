package io.crdtkit.benchmarks;

import io.crdtkit.ORSet;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.net.CrdtNode;
import io.crdtkit.net.CrdtNodeBuilder;
import io.crdtkit.net.JGroupsStack;
import io.crdtkit.net.Replicated;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;

/**
 * Three crdtkit members ({@link CrdtNode}) in this JVM, over JGroups' in-JVM transport (SHARED_LOOPBACK) or over
 * TCP on 127.0.0.1, with crdt-net's default settings unless a flush delay is given. Keys are registered on every
 * member by name, as an application would.
 */
final class CrdtkitCluster implements EndToEndCluster {

  static final Duration START_DEADLINE = Duration.ofSeconds(30);

  private static final TypeReference<ORSet<String>> SET_OF_STRINGS = new TypeReference<>() {};

  private final String description;
  private final List<CrdtNode> nodes = new ArrayList<>();

  private CrdtkitCluster(String description) {
    this.description = description;
  }

  /** Members over SHARED_LOOPBACK: nothing leaves the process. */
  static CrdtkitCluster inJvm(@Nullable Duration flushDelay) {
    CrdtkitCluster cluster = new CrdtkitCluster("crdtkit, JGroups in-JVM (SHARED_LOOPBACK)" + settings(flushDelay));
    String name = "e2e-" + UUID.randomUUID();
    return cluster.start(member -> JGroupsStack.inJvm(), name, flushDelay);
  }

  /** Members over JGroups TCP on 127.0.0.1, each on a free port (and that port + 100 for failure detection). */
  static CrdtkitCluster tcp(@Nullable Duration flushDelay) {
    CrdtkitCluster cluster = new CrdtkitCluster("crdtkit, JGroups TCP on 127.0.0.1" + settings(flushDelay));
    List<Integer> ports = freePorts(MEMBERS);
    String name = "e2e-" + UUID.randomUUID();
    return cluster.start(member -> JGroupsStack.tcp(ports.get(member), ports), name, flushDelay);
  }

  private static String settings(@Nullable Duration flushDelay) {
    return flushDelay == null ? ", default settings (flush delay 5 ms)"
        : ", flush delay " + flushDelay.toMillis() + " ms";
  }

  private CrdtkitCluster start(java.util.function.IntFunction<JGroupsStack> stacks, String name,
      @Nullable Duration flushDelay) {
    try {
      for (int member = 0; member < MEMBERS; member++) {
        CrdtNodeBuilder builder = CrdtNode.builder(name).replica(ReplicaId.fresh("m" + member))
            .stack(stacks.apply(member)).jmx(false);
        if (flushDelay != null) {
          builder.flushDelay(flushDelay);
        }
        nodes.add(builder.start());
      }
      Deadlines.await("one view of " + MEMBERS + " crdtkit members", START_DEADLINE,
          () -> nodes.stream().allMatch(node -> node.members().size() == MEMBERS));
      return this;
    } catch (RuntimeException | Error e) {
      close();
      throw e;
    }
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public Keys open(List<String> names, Observer observer) {
    List<List<Replicated<ORSet<String>>>> handles = new ArrayList<>();
    List<Replicated.Subscription> subscriptions = new ArrayList<>();
    for (int member = 0; member < MEMBERS; member++) {
      List<Replicated<ORSet<String>>> mine = new ArrayList<>();
      for (int key = 0; key < names.size(); key++) {
        Replicated<ORSet<String>> handle = nodes.get(member).register(names.get(key), ORSet.empty(), SET_OF_STRINGS);
        int m = member;
        int k = key;
        subscriptions.add(handle.subscribe((state, local) -> {
          if (!local) {
            observer.changed(m, k, state::contains);
          }
        }));
        mine.add(handle);
      }
      handles.add(mine);
    }
    // A key registered on a member with peers catches up with them first (NET.md, section 4): not part of a write.
    Deadlines.await("the keys caught up on every member", START_DEADLINE,
        () -> handles.stream().flatMap(List::stream).allMatch(Replicated::isCaughtUp));
    return new Keys() {
      @Override
      public void add(int member, int key, String element) {
        handles.get(member).get(key).update((set, self) -> set.deltaAdd(self, element));
      }

      @Override
      public void drain(int member, Duration deadline) {
        // update() has applied every add when it returns
      }

      @Override
      public void close() {
        subscriptions.forEach(Replicated.Subscription::close);
        // Frees the trial's sets on every member, so that trials do not pile up state.
        handles.get(0).forEach(Replicated::delete);
      }
    };
  }

  @Override
  public void close() {
    nodes.forEach(CrdtNode::close);
    nodes.clear();
  }

  /** Free ports on 127.0.0.1 whose port + 100 (JGroups' failure detection) is free too. */
  private static List<Integer> freePorts(int count) {
    List<Integer> ports = new ArrayList<>();
    while (ports.size() < count) {
      int port = freePort(0);
      if (port <= 65_435 && freePort(port + 100) > 0 && !ports.contains(port) && !ports.contains(port + 100)) {
        ports.add(port);
      }
    }
    return ports;
  }

  private static int freePort(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      return -1;
    }
  }
}
