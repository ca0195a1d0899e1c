package io.crdtkit.site;

import static org.awaitility.Awaitility.await;

import io.crdtkit.clock.ReplicaId;
import io.crdtkit.net.CrdtNode;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Waiting for a cluster's members in the page tests: with a deadline, never a bare sleep. */
final class Clusters {

  static final Duration VIEW_DEADLINE = Duration.ofSeconds(30);

  private Clusters() {}

  /** Until every node's view holds exactly these nodes. */
  static void awaitOneView(List<CrdtNode> nodes) {
    Set<ReplicaId> everyone = nodes.stream().map(CrdtNode::replica).collect(Collectors.toSet());
    await("one view of " + nodes.size()).atMost(VIEW_DEADLINE).until(() -> nodes.stream()
        .allMatch(node -> node.members().size() == everyone.size() && everyone.containsAll(node.members())));
  }
}
