package io.crdtkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crdtkit.clock.ReplicaId;
import io.crdtkit.gc.RetirementLog;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, failures 5 and 6: misuse of a node or its builder fails at once with an error that says what to do,
 * instead of a future that never completes or a default that surprises.
 */
class NodeMisuseTest {

  // ---- the builder

  @Test
  void startingWithoutAStackFailsAndNamesThePresets() {
    CrdtNodeBuilder builder = CrdtNode.builder("no-stack-" + UUID.randomUUID());

    assertThatThrownBy(builder::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("JGroupsStack.inJvm()")
        .hasMessageContaining("JGroupsStack.tcp(");
  }

  @Test
  void twoNodesStartedFromOneBuilderWithoutAReplicaGetTheirOwnIds() {
    CrdtNodeBuilder builder = CrdtNode.builder("one-builder-" + UUID.randomUUID()).stack(JGroupsStack.inJvm());
    try (CrdtNode first = builder.start(); CrdtNode second = builder.start()) {
      assertThat(first.replica()).isNotEqualTo(second.replica());
    }
  }

  @Test
  void theHeirIsRefusedAsAReplicaId() {
    assertThatThrownBy(() -> CrdtNode.builder("heir").replica(RetirementLog.HEIR))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(RetirementLog.HEIR.toString());
  }

  // ---- retire

  @Test
  void anUnknownReplicaFailsAtOnceNamingIt() {
    try (InJvmCluster cluster = InJvmCluster.of(2)) {
      CrdtNode node = cluster.get(0);
      ReplicaId stranger = ReplicaId.of("never-seen");

      assertThatThrownBy(() -> node.retire(stranger))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("never-seen");
      assertThat(node.engine().retired().waiting()).isZero();
    }
  }

  @Test
  void theHeirFailsAtOnce() {
    try (InJvmCluster cluster = InJvmCluster.of(1)) {
      CrdtNode node = cluster.get(0);

      assertThatThrownBy(() -> node.retire(RetirementLog.HEIR))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("heir");
      assertThat(node.engine().retired().waiting()).isZero();
    }
  }

  @Test
  void aClosedNodeFailsAtOnceAndLeavesNoWaiter() {
    try (InJvmCluster cluster = InJvmCluster.of(2)) {
      CrdtNode node = cluster.get(0);
      ReplicaId other = cluster.get(1).replica();
      node.close();

      assertThatThrownBy(() -> node.retire(other)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("closed");
      assertThatThrownBy(node::leave).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(node::retireAbsent).isInstanceOf(IllegalStateException.class);
      assertThat(node.engine().retired().waiting()).isZero();
    }
  }
}
