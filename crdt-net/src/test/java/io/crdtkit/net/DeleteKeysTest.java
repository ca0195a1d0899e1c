package io.crdtkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crdtkit.GCounter;
import io.crdtkit.ORSet;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jgroups.Address;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;

/**
 * Issue 17, deleting a key cluster-wide (NET.md, "Deleting a key"): the delete reaches every member, wins over the
 * updates it is concurrent with, and its tombstone is collected once every member holds it, never while one is away;
 * a write from before the delete arriving late does not bring the key back; the key can be used again afterwards.
 */
class DeleteKeysTest {

  private static final Duration DEADLINE = Duration.ofSeconds(20);
  private static final CrdtKeyType<ORSet<String>> STRINGS = CrdtKeyType.of(new TypeReference<>() {}, ORSet.empty());
  private static final CrdtKey<ORSet<String>> CART = CrdtKey.of("cart", STRINGS);

  private record Event(String what, String key, boolean local) {}

  @Test
  void aDeleteReachesEveryMemberAndItsTombstoneIsCollectedOnceEveryMemberHoldsIt() {
    try (InJvmCluster cluster = InJvmCluster.of(3)) {
      cluster.nodes().forEach(node -> node.registerType(STRINGS));
      CrdtNode a = cluster.get(0);
      CrdtNode b = cluster.get(1);
      List<Event> seenByB = new CopyOnWriteArrayList<>();
      b.onKeys(new KeyListener() {
        @Override
        public void created(CrdtKey<?> key, boolean local) {
          seenByB.add(new Event("created", key.name(), local));
        }

        @Override
        public void deleted(CrdtKey<?> key, boolean local) {
          seenByB.add(new Event("deleted", key.name(), local));
        }
      });
      a.replicated(CART).update((set, self) -> set.deltaAdd(self, "milk"));
      a.replicated(CART).update((set, self) -> set.deltaAdd(self, "eggs"));
      awaitEverywhere(cluster, Set.of("milk", "eggs"));
      List<ORSet<String>> seenByC = new CopyOnWriteArrayList<>();
      cluster.get(2).replicated(CART).subscribe((state, local) -> seenByC.add(state));

      assertThat(a.replicated(CART).delete()).isTrue();
      assertThat(a.replicated(CART).delete()).as("deleted already").isFalse();

      await().atMost(DEADLINE).until(() -> cluster.nodes().stream()
          .allMatch(node -> node.stats().deletedKeysCollected() == 1 && !node.engine().keys().containsKey("cart")));
      assertThat(seenByB).containsExactly(new Event("created", "cart", false), new Event("deleted", "cart", false));
      assertThat(seenByC).last().satisfies(state -> assertThat(state.value()).isEmpty());
      assertThat(cluster.nodes()).allSatisfy(node -> assertThat(node.stats().deletedKeys()).isZero());
    }
  }

  @Test
  void aDeleteWinsOverAnUpdateMadeConcurrentlyOnTheOtherSideOfAPartition() {
    try (InJvmCluster cluster = InJvmCluster.of(3)) {
      cluster.nodes().forEach(node -> node.registerType(STRINGS));
      CrdtNode a = cluster.get(0);
      CrdtNode b = cluster.get(1);
      a.replicated(CART).update((set, self) -> set.deltaAdd(self, "milk"));
      awaitEverywhere(cluster, Set.of("milk"));

      cluster.split(List.of(a), List.of(b, cluster.get(2)));
      a.replicated(CART).delete();
      b.replicated(CART).update((set, self) -> set.deltaAdd(self, "eggs"));     // concurrent with the delete
      await().atMost(DEADLINE).until(() -> cluster.get(2).replicated(CART).value().value().contains("eggs"));
      cluster.heal();

      await().atMost(DEADLINE).until(() -> cluster.nodes().stream()
          .allMatch(node -> node.stats().deletedKeysCollected() == 1));
      assertThat(cluster.nodes()).allSatisfy(node -> assertThat(node.replicated(CART).value().value()).isEmpty());
      // the side that wrote concurrently took the delete over its own update, and writes again from the empty cart
      cluster.get(2).replicated(CART).update((set, self) -> set.deltaAdd(self, "tea"));
      awaitEverywhere(cluster, Set.of("tea"));
    }
  }

  @Test
  void anUpdateAfterTheDeleteStartsTheKeyAgainOnEveryMember() {
    try (InJvmCluster cluster = InJvmCluster.of(3)) {
      cluster.nodes().forEach(node -> node.registerType(STRINGS));
      CrdtNode a = cluster.get(0);
      CrdtNode b = cluster.get(1);
      Replicated<ORSet<String>> cartAtB = b.replicated(CART);
      a.replicated(CART).update((set, self) -> set.deltaAdd(self, "milk"));
      awaitEverywhere(cluster, Set.of("milk"));
      a.replicated(CART).delete();
      await().atMost(DEADLINE).until(() -> cartAtB.value().value().isEmpty());

      cartAtB.update((set, self) -> set.deltaAdd(self, "tea"));    // after the delete, which b holds

      awaitEverywhere(cluster, Set.of("tea"));
      // and once the tombstone went: the same handle creates the key again, and every member takes it
      awaitEverywhereCollectedOrLive(cluster);
      a.replicated(CART).delete();
      await().atMost(DEADLINE).until(() -> cluster.nodes().stream()
          .allMatch(node -> !node.engine().keys().containsKey("cart")));
      cartAtB.update((set, self) -> set.deltaAdd(self, "coffee"));
      awaitEverywhere(cluster, Set.of("coffee"));
    }
  }

  @Test
  void aTombstoneStaysWhileAMemberIsAwayAndGoesOnceItHasTheDelete() {
    try (InJvmCluster cluster = InJvmCluster.of(3)) {
      cluster.nodes().forEach(node -> node.registerType(STRINGS));
      CrdtNode a = cluster.get(0);
      CrdtNode b = cluster.get(1);
      CrdtNode away = cluster.get(2);
      a.replicated(CART).update((set, self) -> set.deltaAdd(self, "milk"));
      awaitEverywhere(cluster, Set.of("milk"));

      cluster.split(List.of(a, b), List.of(away));
      a.replicated(CART).delete();
      // b has answered a's question, and a holds the tombstone still: the member away has not
      await().atMost(DEADLINE).until(() -> entryAt(a).deleteHeldBy.contains(b.replica()));
      await().atMost(DEADLINE).until(() -> b.replicated(CART).value().value().isEmpty());
      assertThat(a.stats().deletedKeys()).isEqualTo(1);
      assertThat(b.stats().deletedKeys()).isEqualTo(1);
      assertThat(away.replicated(CART).value().value()).containsExactly("milk");

      cluster.heal();
      await().atMost(DEADLINE).until(() -> cluster.nodes().stream()
          .allMatch(node -> node.stats().deletedKeysCollected() == 1));
      assertThat(away.replicated(CART).value().value()).isEmpty();
    }
  }

  @Test
  void aWriteFromBeforeTheDeleteArrivingAfterItsTombstoneWentDoesNotBringTheKeyBack() {
    try (InJvmCluster cluster = InJvmCluster.of(2)) {
      cluster.nodes().forEach(node -> node.registerType(STRINGS));
      CrdtNode a = cluster.get(0);
      CrdtNode b = cluster.get(1);
      a.replicated(CART).update((set, self) -> set.deltaAdd(self, "milk"));
      awaitEverywhere(cluster, Set.of("milk"));
      WireMessage.KeyBytes before = entryAt(b).stateToWire();       // b's state, as a late message would carry it

      a.replicated(CART).delete();
      await().atMost(DEADLINE).until(() -> cluster.nodes().stream()
          .allMatch(node -> node.stats().deletedKeysCollected() == 1));
      long superseded = a.stats().supersededByDelete();
      Address addressOfA = a.engine().channel().getAddress();
      b.engine().outbox().send(addressOfA, new WireMessage.Deltas(List.of(before)));

      await().atMost(DEADLINE).until(() -> a.stats().supersededByDelete() > superseded);
      assertThat(a.engine().keys()).doesNotContainKey("cart");
    }
  }

  @Test
  void aKeyRegisteredByNameIsDeletedAndCreatedAgainLikeATypedOne() {
    try (InJvmCluster cluster = InJvmCluster.of(2)) {
      List<Replicated<GCounter>> hits = cluster.nodes().stream()
          .map(node -> node.register("hits", GCounter.empty(), GCounter.class)).toList();
      hits.get(0).update((counter, self) -> counter.deltaIncrement(self, 5));
      await().atMost(DEADLINE).until(() -> hits.get(1).value().value() == 5);

      hits.get(1).delete();
      await().atMost(DEADLINE).until(() -> cluster.nodes().stream()
          .allMatch(node -> node.stats().deletedKeysCollected() == 1));
      assertThat(hits).allSatisfy(handle -> assertThat(handle.value().value()).isZero());

      hits.get(0).update((counter, self) -> counter.deltaIncrement(self, 2));
      await().atMost(DEADLINE).until(() -> hits.get(1).value().value() == 2);
    }
  }

  private static KeyEntry<?> entryAt(CrdtNode node) {
    return node.engine().keys().get("cart");
  }

  private static void awaitEverywhere(InJvmCluster cluster, Set<String> items) {
    await().atMost(DEADLINE).until(() -> cluster.nodes().stream()
        .allMatch(node -> node.engine().keys().containsKey("cart")
            && node.replicated(CART).value().value().toJavaSet().equals(items)));
  }

  /** Every member holds the key live, or not at all: no tombstone of it is left anywhere. */
  private static void awaitEverywhereCollectedOrLive(InJvmCluster cluster) {
    await().atMost(DEADLINE).until(() -> cluster.nodes().stream().allMatch(node -> node.stats().deletedKeys() == 0));
  }
}
