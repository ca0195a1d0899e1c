package io.crdtkit.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crdtkit.ORMap;
import io.crdtkit.PNCounter;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.ORSet;
import io.crdtkit.net.CrdtKey;
import io.crdtkit.net.CrdtKeyType;
import io.crdtkit.net.CrdtNode;
import io.crdtkit.net.JGroupsStack;
import io.crdtkit.net.NetStats;
import io.crdtkit.net.PartitionInjector;
import io.crdtkit.net.ReadConsistency;
import io.crdtkit.net.Replicated;
import io.crdtkit.net.WriteConsistency;
import io.crdtkit.store.Durability;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.type.TypeReference;

/**
 * The cluster page's life of one in-JVM cluster (cluster.adoc), in order: start and replicate, stats and JMX, a
 * partition and its heal, and an operator retiring a member that is gone. One cluster for all of it, so that the
 * page's tests stay quick.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterPageTest {

  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private final String cluster = "shop-" + UUID.randomUUID();
  private final List<CrdtNode> started = new CopyOnWriteArrayList<>();
  private final List<Replicated<ORMap<String, PNCounter>>> carts = new ArrayList<>();
  private CrdtNode n0;
  private CrdtNode n1;
  private CrdtNode n2;

  @BeforeAll
  void startThreeMembers() {
    n0 = start("n0", true);
    n1 = start("n1", false);
    n2 = start("n2", false);
    Clusters.awaitOneView(List.of(n0, n1, n2));
  }

  private CrdtNode start(String name, boolean jmx) {
    CrdtNode node = CrdtNode.builder(cluster).replica(ReplicaId.of(name)).stack(JGroupsStack.inJvm()).jmx(jmx)
        .start();
    started.add(node);
    return node;
  }

  @AfterAll
  void closeEveryNode() {
    started.forEach(CrdtNode::close);
  }

  @Test
  @Order(1)
  void aNodeRegistersAKeyAndItsUpdatesReachEveryMember() throws Exception {
    for (CrdtNode member : List.of(n0, n1, n2)) {
      carts.add(member.register("cart", ORMap.empty(PNCounter.empty()), new TypeReference<>() {}));
    }
    // tag::subscribe[]
    List<Long> milkSeenOnN0 = new CopyOnWriteArrayList<>();
    carts.get(0).subscribe((state, local) -> milkSeenOnN0.add(quantity(state, "milk")));
    // end::subscribe[]
    // tag::node[]
    CrdtNode node = CrdtNode.builder(cluster)         // the JGroups cluster name
        .replica(ReplicaId.fresh("shop"))             // this incarnation's id (the default: a fresh one)
        .stack(JGroupsStack.inJvm())                  // or tcp(..), kubernetes(..), xml(..)
        .start();

    Replicated<ORMap<String, PNCounter>> cart =
        node.register("cart", ORMap.empty(PNCounter.empty()), new TypeReference<>() {});
    cart.update((state, self) -> state.deltaUpdate(self, "milk", qty -> qty.deltaIncrement(self, 2)));
    // end::node[]
    started.add(node);
    await().atMost(DEADLINE).untilAsserted(() -> assertThat(carts).allSatisfy(c ->
        assertThat(quantity(c.value(), "milk")).isEqualTo(2)));
    assertThat(cart.value().value()).isEqualTo(carts.get(0).value().value());
    await().atMost(DEADLINE).until(() -> milkSeenOnN0.contains(2L));
    ReplicaId gone = node.replica();
    node.close();                                  // leaves the view, not the replica set
    Clusters.awaitOneView(List.of(n0, n1, n2));
    // tag::retire-absent[]
    n0.retireAbsent().get(30, TimeUnit.SECONDS);   // what is missing from the view is dead
    // end::retire-absent[]
    await().atMost(DEADLINE).untilAsserted(() -> assertThat(List.of(n0, n1, n2))
        .allSatisfy(member -> assertThat(member.stats().retired()).containsExactly(gone)));
  }

  @Test
  @Order(2)
  void statsAndJmxShowMembershipTrafficAndGc() throws Exception {
    carts.get(1).update((state, self) -> state.deltaUpdate(self, "eggs", qty -> qty.deltaIncrement(self, 6)));
    await().atMost(DEADLINE).until(() -> quantity(carts.get(0).value(), "eggs") == 6
        && n0.stats().inSyncWithAllPeers());
    // tag::stats[]
    NetStats stats = n0.stats();
    // end::stats[]
    assertThat(stats.viewSize()).isEqualTo(3);
    assertThat(stats.keys()).isEqualTo(1);
    SnippetOutput.write("stats.txt", describe(stats));

    // tag::jmx[]
    MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();   // n0 was started with .jmx(true)
    ObjectName name = new ObjectName("io.crdtkit.net:type=CrdtNode,cluster=" + ObjectName.quote(cluster)
        + ",replica=" + ObjectName.quote("n0"));
    Object members = jmx.getAttribute(name, "Members");
    Object tombstones = jmx.getAttribute(name, "Tombstones");
    // end::jmx[]
    assertThat((String[]) members).containsExactlyInAnyOrder("n0", "n1", "n2");
    assertThat(tombstones).isEqualTo(0L);
    Map<String, Object> attributes = new TreeMap<>();
    for (var attribute : jmx.getMBeanInfo(name).getAttributes()) {
      Object value = jmx.getAttribute(name, attribute.getName());
      attributes.put(attribute.getName(), value instanceof String[] array ? List.of(array) : value);
    }
    StringBuilder text = new StringBuilder(name.toString()).append('\n');
    attributes.forEach((key, value) -> text.append(String.format("  %-20s %s%n", key, value)));
    long jgroupsBeans = jmx.queryNames(new ObjectName("io.crdtkit.net.jgroups:*"), null).size();
    assertThat(jgroupsBeans).isPositive();
    text.append("and ").append(jgroupsBeans).append(" JGroups beans under io.crdtkit.net.jgroups");
    SnippetOutput.write("jmx.txt", text.toString());
  }

  @Test
  @Order(3)
  void writesOnBothSidesOfAPartitionAreAllKeptAfterTheHeal() {
    // tag::partition[]
    PartitionInjector partitions = PartitionInjector.of(n0, n1, n2);
    partitions.split(List.of(n0, n1), List.of(n2));

    carts.get(0).update((c, self) -> c.deltaUpdate(self, "milk", qty -> qty.deltaIncrement(self, 1)));
    carts.get(2).update((c, self) -> c.deltaUpdate(self, "milk", qty -> qty.deltaIncrement(self, 3)));
    carts.get(2).update((c, self) -> c.deltaRemove(self, "eggs"));

    partitions.heal();     // MERGE3 sees the sides, JGroups installs a MergeView, anti-entropy merges
    // end::partition[]
    await().atMost(DEADLINE).untilAsserted(() -> assertThat(carts).allSatisfy(c -> {
      assertThat(c.value().value().keySet().toJavaSet()).containsExactly("milk");
      assertThat(quantity(c.value(), "milk")).isEqualTo(6);
    }));
    Clusters.awaitOneView(List.of(n0, n1, n2));
    await().atMost(DEADLINE).until(() -> List.of(n0, n1, n2).stream().allMatch(n -> n.stats().mergeViews() > 0));
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      CrdtNode node = List.of(n0, n1, n2).get(i);
      text.append(String.format("%s: cart %s, MergeViews %d%n", node.replica(),
          carts.get(i).value().value().mapValues(PNCounter::value).toJavaMap(), node.stats().mergeViews()));
    }
    SnippetOutput.write("partition.txt", text.toString());
  }

  @Test
  @Order(4)
  void aMemberLeavesGracefullyAndIsRetired() throws Exception {
    CrdtNode node = start("n3", false);
    Replicated<ORMap<String, PNCounter>> cart =
        node.register("cart", ORMap.empty(PNCounter.empty()), new TypeReference<>() {});
    await().atMost(DEADLINE).until(() -> cart.value().value().equals(carts.get(0).value().value()));
    cart.update((state, self) -> state.deltaUpdate(self, "tea", qty -> qty.deltaIncrement(self, 1)));
    // tag::leave[]
    node.leave().get(30, TimeUnit.SECONDS);        // sent what was pending, retired by the others, closed
    // end::leave[]
    await().atMost(DEADLINE).untilAsserted(() -> assertThat(List.of(n0, n1, n2)).allSatisfy(member -> {
      assertThat(member.stats().retired()).contains(node.replica());
      assertThat(quantity(carts.get(0).value(), "tea")).isEqualTo(1);
    }));
  }

  @Test
  @Order(5)
  void aMajorityWriteCompletesWhereAMajorityIsAndTimesOutAlone() throws Exception {
    // tag::consistency[]
    ORMap<String, PNCounter> written = carts.get(0).update(
            (c, self) -> c.deltaUpdate(self, "jam", qty -> qty.deltaIncrement(self, 1)),
            WriteConsistency.majority(Duration.ofSeconds(5)))   // n0 and at least one other member hold it
        .toCompletableFuture().get(10, TimeUnit.SECONDS);        // (its own timeout fails it first)

    ORMap<String, PNCounter> read = carts.get(1)
        .read(ReadConsistency.majority(Duration.ofSeconds(5)))   // n1's state merged with a majority's
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    // end::consistency[]
    assertThat(quantity(written, "jam")).isEqualTo(1);
    assertThat(quantity(read, "jam")).isEqualTo(1);

    PartitionInjector partitions = PartitionInjector.of(n0, n1, n2);
    // tag::minority[]
    partitions.split(List.of(n0, n1), List.of(n2));
    CompletionStage<ORMap<String, PNCounter>> alone = carts.get(2).update(
        (c, self) -> c.deltaUpdate(self, "honey", qty -> qty.deltaIncrement(self, 1)),
        WriteConsistency.majority(Duration.ofSeconds(1)));     // n2 is 1 of the 3 members: it cannot succeed
    // end::minority[]
    ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> alone.toCompletableFuture().get(10, TimeUnit.SECONDS));
    assertThat(failed.getCause()).hasMessageContaining("1 of the 2 members needed");
    assertThat(quantity(carts.get(2).value(), "honey")).isEqualTo(1);     // the update stands on n2
    SnippetOutput.write("minority.txt", failed.getCause().getClass().getSimpleName() + ": "
        + failed.getCause().getMessage().replace("; ", ";\n  ").replace(". The", ".\nThe"));
    partitions.heal();
    await().atMost(DEADLINE).untilAsserted(() -> assertThat(carts).allSatisfy(c ->
        assertThat(quantity(c.value(), "honey")).isEqualTo(1)));
    Clusters.awaitOneView(List.of(n0, n1, n2));
  }

  @Test
  @Order(6)
  void aKeyCreatedOnOneMemberAppearsOnTheOthers() {
    // tag::runtime-keys[]
    CrdtKeyType<ORSet<String>> setOfStrings = CrdtKeyType.of(new TypeReference<>() {}, ORSet.empty());
    CrdtKey<ORSet<String>> wishlist = CrdtKey.of("wishlist", setOfStrings);
    List<String> createdOnN1 = new CopyOnWriteArrayList<>();
    for (CrdtNode member : List.of(n0, n1, n2)) {
      member.registerType(setOfStrings);                 // once per node, before keys of the type arrive
    }
    n1.onKeys((key, local) -> createdOnN1.add(key.name() + (local ? " (here)" : " (received)")));

    n0.replicated(wishlist).update((set, self) -> set.deltaAdd(self, "tea"));   // creates it on n0...
    // ...and n1 and n2 create it as its first update reaches them: n1's listener hears "wishlist (received)"
    // end::runtime-keys[]
    await().atMost(DEADLINE).until(() -> createdOnN1.contains("wishlist (received)"));
    assertThat(n1.replicated(wishlist).value().value()).containsExactly("tea");
    await().atMost(DEADLINE).until(() -> n2.stats().keys() == 2);
    assertThat(n2.replicated(wishlist).value().value()).containsExactly("tea");

    // tag::delete-key[]
    n2.replicated(wishlist).delete();        // on every member; wins over updates made concurrently elsewhere
    // every member holds the delete: the tombstone is collected everywhere, and the key is gone
    // end::delete-key[]
    await().atMost(DEADLINE).until(() -> List.of(n0, n1, n2).stream()
        .allMatch(member -> member.stats().deletedKeysCollected() == 1 && member.stats().keys() == 1));
    // tag::delete-key[]
    n0.replicated(wishlist).update((set, self) -> set.deltaAdd(self, "coffee"));   // a new wishlist, from empty
    // end::delete-key[]
    await().atMost(DEADLINE).until(() -> n1.stats().keys() == 2
        && n1.replicated(wishlist).value().value().toJavaSet().equals(java.util.Set.of("coffee")));
  }

  @Test
  @Order(7)
  void aDurableMemberRestartsFromItsDirectoryAsTheSameReplica(@TempDir java.nio.file.Path data) {
    java.nio.file.Path dataDirectory = data.resolve("member");
    String shop = "durable-" + UUID.randomUUID();
    // tag::durable[]
    CrdtNode member = CrdtNode.builder(shop).stack(JGroupsStack.inJvm())
        .durable(dataDirectory, Durability.SYNC)       // its own directory; the replica id is kept there
        .start();
    Replicated<PNCounter> stock = member.register("stock", PNCounter.empty(), PNCounter.class);
    stock.update((counter, self) -> counter.deltaIncrement(self, 40));   // on disk before update() returns
    ReplicaId before = member.replica();
    member.close();

    CrdtNode again = CrdtNode.builder(shop).stack(JGroupsStack.inJvm())
        .durable(dataDirectory, Durability.SYNC)
        .start();                                      // again.durableStart() == DurableStart.RESTORED
    Replicated<PNCounter> restored = again.register("stock", PNCounter.empty(), PNCounter.class);
    // restored.value().value() == 40, and again.replica() equals before: the same incarnation
    // end::durable[]
    try {
      assertThat(again.durableStart()).isEqualTo(io.crdtkit.net.DurableStart.RESTORED);
      assertThat(restored.value().value()).isEqualTo(40);
      assertThat(again.replica()).isEqualTo(before);
    } finally {
      again.close();
    }
  }

  private static long quantity(ORMap<String, PNCounter> cart, String item) {
    return cart.value().get(item).map(PNCounter::value).getOrElse(0L);
  }

  private static String describe(NetStats stats) {
    return String.join("\n",
        "replica             " + stats.replica(),
        "viewSize, members   " + stats.viewSize() + ", " + stats.members(),
        "suspected           " + stats.suspected(),
        "keys                " + stats.keys(),
        "peers               " + stats.peers(),
        "epoch, retired      " + stats.epoch() + ", " + stats.retired(),
        "messages sent       " + stats.messagesSent() + " (" + stats.bytesSent() + " bytes)",
        "messages received   " + stats.messagesReceived() + " (" + stats.bytesReceived() + " bytes)",
        "deltas, states sent " + stats.deltasSent() + ", " + stats.statesSent(),
        "anti-entropy rounds " + stats.antiEntropyRounds(),
        "MergeViews          " + stats.mergeViews(),
        "stabilityLag        " + stats.stabilityLag(),
        "tombstones          " + stats.tombstones(),
        "decodeErrors        " + stats.decodeErrors(),
        "refused             " + stats.refused());
  }
}
