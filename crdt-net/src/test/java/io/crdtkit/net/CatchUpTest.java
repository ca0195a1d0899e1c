package io.crdtkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.crdtkit.ORSet;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;

/**
 * A member that joins a running cluster catches up before it writes a collected key (crdt-gc's GC.md, rule 8): its
 * update would otherwise be concurrent with what the others may already have collected. It also neither collects
 * nor reports the key before.
 */
class CatchUpTest {

  private static final TypeReference<ORSet<String>> SET = new TypeReference<>() {};
  private static final Duration DEADLINE = Duration.ofSeconds(15);

  @Test
  void aJoiningMembersFirstUpdateIsMadeOnTheClustersState() {
    try (InJvmCluster cluster = InJvmCluster.of(2)) {
      Replicated<ORSet<String>> first = cluster.get(0).register("cart", ORSet.empty(), SET);
      Replicated<ORSet<String>> second = cluster.get(1).register("cart", ORSet.empty(), SET);
      first.update((set, self) -> set.deltaAdd(self, "milk"));
      await().atMost(DEADLINE).until(() -> second.value().contains("milk"));

      CrdtNode joiner = cluster.startNode("joiner");
      cluster.awaitOneView();
      Replicated<ORSet<String>> joined = joiner.register("cart", ORSet.empty(), SET);
      ORSet<String> afterFirstUpdate = joined.update((set, self) -> set.deltaAdd(self, "eggs"));

      assertThat(joined.isCaughtUp()).isTrue();
      assertThat(afterFirstUpdate.value()).containsExactlyInAnyOrder("milk", "eggs");
      await().atMost(DEADLINE).until(() -> first.value().contains("eggs") && second.value().contains("eggs"));
    }
  }

  @Test
  void aKeyThatCannotCatchUpRefusesItsUpdateWithAClearErrorAndCollectsNothing() {
    try (InJvmCluster cluster = InJvmCluster.of(2, builder -> builder.catchUpTimeout(Duration.ofMillis(300)))) {
      cluster.get(0).register("cart", ORSet.empty(), SET).update((set, self) -> set.deltaAdd(self, "milk"));
      CrdtNode joiner = cluster.startNode("joiner");
      cluster.awaitOneView();
      // The joiner stays in the view but hears none of its peers: no anti-entropy answer ever arrives.
      cluster.nodes().stream().filter(node -> node != joiner).forEach(peer ->
          PartitionInjector.discardOf(joiner).addIgnoreMember(peer.channel().getAddress()));
      Replicated<ORSet<String>> joined = joiner.register("cart", ORSet.empty(), SET);

      assertThatThrownBy(() -> joined.update((set, self) -> set.deltaAdd(self, "eggs")))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("key 'cart' has not caught up with the cluster within PT0.3S");
      assertThat(joined.value().isEmpty()).isTrue();
      assertThat(joined.isCaughtUp()).isFalse();
    }
  }
}
