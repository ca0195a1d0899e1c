package io.crdtkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.crdtkit.GCounter;
import io.crdtkit.ORSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
