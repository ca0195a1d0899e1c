package io.crdtkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.crdtkit.GCounter;
import io.crdtkit.ORSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jgroups.Message;
import org.jgroups.stack.Protocol;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;

/**
 * Issue 17, keys at runtime: a key created on one member appears on every member that knows its type, without being
 * registered there; a key of a type a member does not know is refused there alone; anti-entropy carries such keys
 * to members that never saw them.
 */
class RuntimeKeysTest {

  private static final Duration DEADLINE = Duration.ofSeconds(20);
  private static final CrdtKeyType<ORSet<String>> STRINGS = CrdtKeyType.of(new TypeReference<>() {}, ORSet.empty());
  private static final CrdtKeyType<GCounter> COUNTER = CrdtKeyType.of(GCounter.class, GCounter.empty());
  private static final CrdtKey<ORSet<String>> CART = CrdtKey.of("cart", STRINGS);

  private record Created(String key, String type, boolean local, Object valueThen) {}

  @Test
  void aKeyCreatedOnOneMemberIsReadOnAllWithoutRegisteringThereAndListenersSeeItArrive() {
    try (InJvmCluster cluster = InJvmCluster.of(3)) {
      cluster.nodes().forEach(node -> node.registerType(STRINGS));
      List<Created> seenByB = new CopyOnWriteArrayList<>();
      CrdtNode b = cluster.get(1);
      b.onKeys((key, local) -> seenByB.add(new Created(key.name(), key.type().id(), local,
          b.replicated(key).value())));

      cluster.get(0).replicated(CART).update((set, self) -> set.deltaAdd(self, "milk"));

      // replicated(CART) would create the key: wait until every member holds it, then read
      await().atMost(DEADLINE).until(() -> cluster.nodes().stream().allMatch(n -> n.engine().keys().containsKey("cart")));
      assertThat(cluster.nodes())
          .allSatisfy(node -> assertThat(node.replicated(CART).value().value()).containsExactly("milk"));
      assertThat(seenByB).singleElement().satisfies(created -> {
        assertThat(created.key()).isEqualTo("cart");
        assertThat(created.type()).isEqualTo("io.crdtkit.ORSet<java.lang.String>");
        assertThat(created.local()).isFalse();
        // what arrived first, merged: the update's delta, or an anti-entropy state from before the update
        assertThat(created.valueThen()).isIn(ORSet.empty(), cluster.get(0).replicated(CART).value());
      });
      // created by receipt, then updated there like any key: the update comes back to its creator
      b.replicated(CART).update((set, self) -> set.deltaAdd(self, "eggs"));
      await().atMost(DEADLINE).until(() -> cluster.get(0).replicated(CART).value().value().size() == 2);
    }
  }

  @Test
  void aKeyOfATypeUnknownToAMemberIsRefusedThereAloneAndLoggedOnce() {
    try (LogCapture log = LogCapture.start(); InJvmCluster cluster = InJvmCluster.of(2)) {
      CrdtNode a = cluster.get(0);
      CrdtNode b = cluster.get(1);
      a.registerType(STRINGS);
      b.registerType(COUNTER);                       // b does not know ORSet<String>

      a.replicated(CART).update((set, self) -> set.deltaAdd(self, "milk"));
      a.replicated(CrdtKey.of("visits", COUNTER)).update((counter, self) -> counter.deltaIncrement(self, 3));

      await().atMost(DEADLINE).until(() -> b.replicated(CrdtKey.of("visits", COUNTER)).value().value() == 3);
      // anti-entropy keeps finding the key different: a few rounds, still one line
      await().atMost(DEADLINE).until(() -> b.stats().refused().get(RefusalCause.UNKNOWN_TYPE) >= 3);
      assertThat(b.engine().keys()).doesNotContainKey("cart");
      assertThat(log.lines("WARN", "'cart'", "UNKNOWN_TYPE")).hasSize(1)
          .allSatisfy(line -> assertThat(line).contains("io.crdtkit.ORSet<java.lang.String> is not registered"));
      assertThat(log.lines("ERROR")).isEmpty();

      // registering the type later is enough: the next anti-entropy round brings the key
      b.registerType(STRINGS);
      await().atMost(DEADLINE).until(() -> b.engine().keys().containsKey("cart"));
      assertThat(b.replicated(CART).value().value()).containsExactly("milk");
    }
  }

  @Test
  void aMajorityWriteOfABrandNewKeyCreatesItOnTheMembersAskedAndAMemberWithoutTheTypeRefusesAtOnce()
      throws Exception {
    // No anti-entropy round in the test's time but the new key's catch-up, which the others cannot take yet: only
    // the write requests can bring them the key.
    try (InJvmCluster cluster = InJvmCluster.of(3, builder -> builder.antiEntropyInterval(Duration.ofHours(1)))) {
      Replicated<ORSet<String>> cart = cluster.get(0).replicated(CART);
      List<String> seenByB = new CopyOnWriteArrayList<>();
      cluster.get(1).onKeys((key, local) -> seenByB.add(key.name() + (local ? " here" : " received")));
      // the catch-up's states of the key reach both others, and are refused there
      await().atMost(DEADLINE).until(() -> cluster.nodes().subList(1, 3).stream()
          .allMatch(node -> node.stats().refused().getOrDefault(RefusalCause.UNKNOWN_TYPE, 0L) > 0));
      cluster.nodes().forEach(node -> node.registerType(STRINGS));
      // and the writer's batches (multicast) are dropped: the write requests go to each member alone
      cluster.get(0).channel().getProtocolStack().insertProtocolAtTop(new DropMulticasts());
      assertThat(cluster.get(1).engine().keys()).doesNotContainKey("cart");
      assertThat(cluster.get(2).engine().keys()).doesNotContainKey("cart");

      ORSet<String> written = cart.update((set, self) -> set.deltaAdd(self, "milk"),
          WriteConsistency.majority(Duration.ofSeconds(10))).toCompletableFuture().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
      assertThat(written.value()).containsExactly("milk");
      // majority completed: the member that acknowledged created the key and holds the update
      assertThat(cluster.nodes().subList(1, 3)).anySatisfy(node -> {
        assertThat(node.engine().keys()).containsKey("cart");
        assertThat(node.replicated(CART).value().value()).containsExactly("milk");
      });

      // all() asks both: each creates the key if the first write did not, merges, and acknowledges
      cart.update((set, self) -> set.deltaAdd(self, "eggs"), WriteConsistency.all(Duration.ofSeconds(10)))
          .toCompletableFuture().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
      for (CrdtNode node : cluster.nodes().subList(1, 3)) {
        assertThat(node.engine().keys()).containsKey("cart");
        assertThat(node.replicated(CART).value().value()).contains("eggs");
      }
      await().atMost(DEADLINE).until(() -> seenByB.equals(List.of("cart received")));
    }

    try (InJvmCluster cluster = InJvmCluster.of(3, builder -> builder.antiEntropyInterval(Duration.ofHours(1)))) {
      cluster.get(0).registerType(STRINGS);
      cluster.get(1).registerType(STRINGS);          // the third member does not know ORSet<String>
      long started = System.nanoTime();
      CompletableFuture<ORSet<String>> all = cluster.get(0).replicated(CART)
          .update((set, self) -> set.deltaAdd(self, "milk"), WriteConsistency.all(Duration.ofSeconds(60)))
          .toCompletableFuture();
      assertThatThrownBy(() -> all.get(DEADLINE.toSeconds(), TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class).cause().isInstanceOf(ConsistencyException.class)
          .hasMessageContaining("key 'cart' is of type io.crdtkit.ORSet<java.lang.String>, not registered at member "
              + cluster.get(2).replica().name() + " (UNKNOWN_TYPE)");
      // refused at once, not at the minute's timeout
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(DEADLINE);
      assertThat(cluster.get(2).stats().refused().get(RefusalCause.UNKNOWN_TYPE)).isPositive();
      assertThat(cluster.get(2).engine().keys()).doesNotContainKey("cart");
      // the member that knows the type took it
      assertThat(cluster.get(1).replicated(CART).value().value()).containsExactly("milk");
    }
  }

  /** Drops a node's multicasts (its batches of deltas); messages to one member pass. */
  private static final class DropMulticasts extends Protocol {
    @Override
    public Object down(Message message) {
      return message.getDest() == null ? null : down_prot.down(message);
    }
  }

  @Test
  void aLateJoinerLearnsRuntimeKeysByAntiEntropyAndCanWriteThem() {
    try (InJvmCluster cluster = InJvmCluster.of(2)) {
      cluster.nodes().forEach(node -> node.registerType(STRINGS));
      cluster.get(0).replicated(CART).update((set, self) -> set.deltaAdd(self, "milk"));
      cluster.get(1).replicated(CrdtKey.of("wishlist", STRINGS)).update((set, self) -> set.deltaAdd(self, "tea"));
      await().atMost(DEADLINE).until(() -> cluster.get(0).engine().keys().size() == 2
          && cluster.get(1).engine().keys().size() == 2);

      CrdtNode joiner = cluster.startNode("joiner", builder -> builder.types(STRINGS));
      cluster.awaitOneView();

      // no update is made after the join: only anti-entropy can bring the keys
      await().atMost(DEADLINE).until(() -> joiner.engine().keys().size() == 2);
      Replicated<ORSet<String>> cart = joiner.replicated(CART);
      await().atMost(DEADLINE).until(() -> cart.value().value().contains("milk"));
      assertThat(joiner.replicated(CrdtKey.of("wishlist", STRINGS)).value().value()).containsExactly("tea");
      assertThat(cart.isCaughtUp()).as("a whole state of a collected type: caught up").isTrue();
      cart.update((set, self) -> set.deltaRemove(self, "milk"));
      await().atMost(DEADLINE).until(() -> cluster.get(0).replicated(CART).value().value().isEmpty());
    }
  }

  @Test
  void registeringARuntimeKeyByNameWorksWithItsTypeAndFailsWithAnother() {
    try (InJvmCluster cluster = InJvmCluster.of(2)) {
      cluster.nodes().forEach(node -> node.registerType(STRINGS));
      cluster.get(0).replicated(CART).update((set, self) -> set.deltaAdd(self, "milk"));
      CrdtNode b = cluster.get(1);
      b.registerType(COUNTER);
      await().atMost(DEADLINE).until(() -> b.engine().keys().containsKey("cart"));

      assertThatThrownBy(() -> b.register("cart", GCounter.empty(), GCounter.class))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'cart' is held on this node as io.crdtkit.ORSet<java.lang.String>, not "
              + "io.crdtkit.GCounter");
      assertThatThrownBy(() -> b.replicated(CrdtKey.of("cart", COUNTER)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not io.crdtkit.GCounter");
      Replicated<ORSet<String>> registered = b.register("cart", ORSet.empty(), new TypeReference<>() {});
      assertThat(registered.value().value()).containsExactly("milk");
      assertThatThrownBy(() -> b.register("cart", ORSet.<String>empty(), new TypeReference<>() {}))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already registered");
      assertThat(b.replicated(CART).value()).isEqualTo(registered.value());
      assertThatThrownBy(() -> b.registerType(CrdtKeyType.of(GCounter.class, GCounter.empty().merge(
          GCounter.empty().deltaIncrement(b.replica(), 1))))).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("key type io.crdtkit.GCounter is already registered").hasMessageContaining("bottom");
    }
  }
}
