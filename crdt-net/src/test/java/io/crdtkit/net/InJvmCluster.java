package io.crdtkit.net;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.jgroups.JChannel;
import org.jgroups.View;
import org.jgroups.protocols.DISCARD;

/**
 * Members of one cluster in this JVM (SHARED_LOOPBACK), each with a DISCARD protocol above the transport, so that
 * a test can split them the way JGroups' own merge tests do: drop traffic between the sides and inject a view on
 * each side; healing clears the drops and MERGE3 merges the views. Closes every node it started.
 */
final class InJvmCluster implements AutoCloseable {

  static final Duration VIEW_DEADLINE = Duration.ofSeconds(20);

  private final String name = "test-" + UUID.randomUUID();
  private final List<CrdtNode> nodes = new ArrayList<>();
  private final Consumer<CrdtNodeBuilder> configuration;
  private PartitionInjector partitions;
  private int partitionsCover;

  InJvmCluster(Consumer<CrdtNodeBuilder> configuration) {
    this.configuration = configuration;
  }

  static InJvmCluster of(int size) {
    return of(size, builder -> {});
  }

  static InJvmCluster of(int size, Consumer<CrdtNodeBuilder> configuration) {
    InJvmCluster cluster = new InJvmCluster(configuration);
    for (int i = 0; i < size; i++) {
      cluster.startNode("n" + i);
    }
    cluster.awaitOneView();
    return cluster;
  }

  CrdtNode startNode(String prefix) {
    return startNode(prefix, builder -> {});
  }

  /** A node with the cluster's configuration and then {@code extra}'s (key types it knows from its start, say). */
  CrdtNode startNode(String prefix, Consumer<CrdtNodeBuilder> extra) {
    CrdtNodeBuilder builder = CrdtNode.builder(name)
        .replica(io.crdtkit.clock.ReplicaId.fresh(prefix))
        .stack(JGroupsStack.inJvm())
        .antiEntropyInterval(Duration.ofMillis(500))
        .reportInterval(Duration.ofMillis(200));
    configuration.accept(builder);
    extra.accept(builder);
    CrdtNode node = builder.start();
    PartitionInjector.discardOf(node);
    nodes.add(node);
    return node;
  }

  CrdtNode get(int index) {
    return nodes.get(index);
  }

  List<CrdtNode> nodes() {
    return List.copyOf(nodes);
  }

  /** Waits until every running node sees the same view of all running nodes. */
  void awaitOneView() {
    List<CrdtNode> running = running();
    await("one view of " + running.size()).atMost(VIEW_DEADLINE).until(() -> {
      View first = running.get(0).channel().getView();
      return first != null && first.size() == running.size()
          && running.stream().allMatch(n -> first.equals(n.channel().getView()));
    });
  }

  /** Splits the running nodes into these sides (PartitionInjector) and waits until each side has its view. */
  @SafeVarargs
  final void split(List<CrdtNode>... sides) {
    List<List<CrdtNode>> all = new ArrayList<>();
    for (List<CrdtNode> side : sides) {
      all.add(side);
    }
    partitions().split(all);
    for (List<CrdtNode> side : all) {
      await("split view").atMost(VIEW_DEADLINE).until(() ->
          side.stream().allMatch(n -> n.channel().getView().size() == side.size()));
    }
  }

  /** Lets every node hear every other again; MERGE3 then merges the views. */
  void heal() {
    partitions().heal();
  }

  private PartitionInjector partitions() {
    if (partitions == null || partitionsCover != nodes.size()) {
      partitions = PartitionInjector.of(running().toArray(CrdtNode[]::new));
      partitionsCover = nodes.size();
    }
    return partitions;
  }

  /** Kills a node without a goodbye: it drops everything, then its channel is closed with no LEAVE. */
  void crash(CrdtNode node) {
    DISCARD discard = discard(node);
    discard.discardAll(true);
    nodes.remove(node);
    JChannel channel = node.channel();
    node.engine().close();
    channel.close();
  }

  List<CrdtNode> running() {
    return nodes.stream().filter(n -> !n.engine().isClosed()).toList();
  }

  private static DISCARD discard(CrdtNode node) {
    return PartitionInjector.discardOf(node);
  }

  static void closeAll(Collection<CrdtNode> nodes) {
    nodes.forEach(CrdtNode::close);
  }

  @Override
  public void close() {
    closeAll(nodes);
    nodes.clear();
  }
}
