package io.crdtkit.examples;

import io.crdtkit.LWWMap;
import io.crdtkit.ORMap;
import io.crdtkit.PNCounter;
import io.crdtkit.clock.HybridLogicalClock;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.net.CrdtNode;
import io.crdtkit.net.DeltaMutator;
import io.crdtkit.net.JGroupsStack;
import io.crdtkit.net.PartitionInjector;
import io.crdtkit.net.Replicated;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.core.type.TypeReference;

/**
 * The README's demo: a real cluster of three members (phone, laptop, tablet) on 127.0.0.1, over JGroups' TCP
 * preset, replicating one shopping cart and the customer's coupons. The network splits; both sides keep taking
 * writes; the split heals by itself; every member converges with nothing lost; and garbage collection reclaims the
 * tombstone that was held while a member was away. Every step prints how long it took.
 *
 * <p>It shows the classic anomaly too: merging carts by union, as Amazon's Dynamo did (DeCandia et al., 2007,
 * §4.4), brings back an item the customer removed. The cart is an {@link ORMap} from item to {@link PNCounter}
 * quantity, where a remove takes away exactly what it observed: the removed item stays removed.
 */
public final class ShoppingCartDemo {

  private static final TypeReference<ORMap<String, PNCounter>> CART = new TypeReference<>() {};
  private static final TypeReference<LWWMap<String, String>> COUPONS = new TypeReference<>() {};
  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final String[] NAMES = {"phone", "laptop", "tablet"};

  private ShoppingCartDemo() {}

  /**
   * What the demo ends with, for its test: each member's cart after the heal, the naive union of the carts during
   * the split, and the coupon tombstones held during the split and after the heal.
   */
  record Outcome(List<Map<String, Long>> replicaCarts, Map<String, Long> naiveUnion, int tombstonesDuringSplit,
      int tombstonesAfterHeal) {}

  public static void main(String[] args) throws Exception {
    run(System.out);
  }

  static Outcome run(PrintStream out) throws Exception {
    out.println("crdtkit demo: one shopping cart on a cluster of three members on 127.0.0.1 (JGroups, TCP)");
    out.println();
    Stopwatch clock = new Stopwatch(DEADLINE);
    List<Integer> ports = LoopbackPorts.free(NAMES.length);
    String cluster = "carts-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    List<CrdtNode> nodes = new ArrayList<>();
    try {
      out.println("1. Three members start and find each other");
      for (int i = 0; i < NAMES.length; i++) {
        nodes.add(CrdtNode.builder(cluster).replica(ReplicaId.fresh(NAMES[i]))
            .stack(JGroupsStack.tcp(ports.get(i), ports)).bindAddress("127.0.0.1")
            .antiEntropyInterval(Duration.ofSeconds(1)).reportInterval(Duration.ofMillis(250)).start());
      }
      clock.await(() -> nodes.stream().allMatch(n -> n.members().size() == NAMES.length));
      out.printf("   %-44s %6d ms   ports %s%n", "one view: " + names(nodes.get(0).members()), clock.lap(), ports);
      List<Replicated<ORMap<String, PNCounter>>> carts = new ArrayList<>();
      List<Replicated<LWWMap<String, String>>> coupons = new ArrayList<>();
      List<HybridLogicalClock> clocks = new ArrayList<>();
      for (CrdtNode node : nodes) {
        carts.add(node.register("cart", ORMap.empty(PNCounter.empty()), CART));
        coupons.add(node.register("coupons", LWWMap.<String, String>empty(), COUPONS));
        clocks.add(HybridLogicalClock.create(node.replica(), Duration.ofSeconds(5)));
      }
      Replicated<ORMap<String, PNCounter>> phone = carts.get(0);
      Replicated<ORMap<String, PNCounter>> laptop = carts.get(1);
      Replicated<ORMap<String, PNCounter>> tablet = carts.get(2);
      out.println();

      out.println("2. On the phone the customer fills the cart and takes a coupon; the deltas reach every member");
      clock.lap();
      phone.update(add("milk", 2));
      phone.update(add("eggs", 6));
      coupons.get(0).update((map, self) -> map.deltaPut(clocks.get(0), "WELCOME10", "10% off"));
      clock.await(() -> carts.stream().allMatch(c -> items(c).equals(Map.of("milk", 2L, "eggs", 6L)))
          && coupons.stream().allMatch(c -> c.value().containsKey("WELCOME10")));
      printCarts(out, carts, "replicated to all three in " + clock.lap() + " ms");
      out.println();

      out.println("3. The network splits: phone and laptop on one side, tablet alone; every member keeps writing");
      PartitionInjector partitions = PartitionInjector.of(nodes.toArray(CrdtNode[]::new));
      partitions.split(nodes.subList(0, 2), nodes.subList(2, 3));
      clock.await(() -> nodes.get(0).members().size() == 2 && nodes.get(2).members().size() == 1);
      out.printf("   %-44s %6d ms%n", "split: " + names(nodes.get(0).members()) + " | "
          + names(nodes.get(2).members()), clock.lap());
      phone.update(remove("milk"));
      laptop.update(add("eggs", 6));
      tablet.update(add("bread", 1));
      coupons.get(2).update((map, self) -> map.deltaRemove(clocks.get(2), "WELCOME10"));
      clock.await(() -> items(phone).equals(items(laptop)) && items(phone).equals(Map.of("eggs", 12L)));
      printCarts(out, carts, "phone removed the milk, laptop added 6 eggs, tablet added bread");
      int tombstonesDuringSplit = coupons.get(2).value().tombstones();
      out.printf("   %-44s %s%n", "tablet used the coupon (a tombstone)", tombstonesDuringSplit
          + " tombstone held: the others have not seen it, GC must wait");
      out.println();

      out.println("4. The classic anomaly: merge the carts by union of items (Dynamo, 2007)");
      Map<String, Long> naive = naiveUnion(carts);
      out.printf("   %-44s -> %s   <- the removed milk is back%n", "union of phone, laptop, tablet", naive);
      out.println();

      out.println("5. The partition heals: MERGE3 finds the sides, anti-entropy sends only what differs");
      clock.lap();
      partitions.heal();
      clock.await(() -> nodes.stream().allMatch(n -> n.stats().viewSize() == NAMES.length));
      long merged = clock.lap();
      clock.await(() -> items(phone).equals(items(laptop)) && items(laptop).equals(items(tablet))
          && coupons.stream().allMatch(c -> c.value().value().isEmpty()));
      long converged = clock.lap();
      out.printf("   %-44s %6d ms%n", "MergeView installed after", merged);
      out.printf("   %-44s %6d ms%n", "every member converged after a further", converged);
      printCarts(out, carts, "");
      // The carts are collected too: the members reach the same state once they have collected at the same cuts.
      clock.await(() -> phone.value().equals(laptop.value()) && laptop.value().equals(tablet.value()));
      boolean sameState = phone.value().equals(laptop.value()) && laptop.value().equals(tablet.value());
      out.println();
      out.println("   converged to the same state: " + (sameState ? "yes" : "NO"));
      out.println("   milk stays removed:          " + (phone.value().containsKey("milk") ? "NO" : "yes"));
      out.println("   every concurrent write kept: eggs " + quantity(phone, "eggs") + " (6 + 6), bread "
          + quantity(phone, "bread"));
      out.println();

      out.println("6. Garbage collection: every member has seen the coupon's removal, so its tombstone goes");
      clock.await(() -> coupons.stream().allMatch(c -> c.value().tombstones() == 0));
      int tombstonesAfterHeal = coupons.stream().mapToInt(c -> c.value().tombstones()).sum();
      out.printf("   %-44s %6d ms%n", "tombstones " + tombstonesDuringSplit + " -> " + tombstonesAfterHeal
          + ", reclaimed on all three after", clock.lap());
      long bytes = nodes.stream().mapToLong(n -> n.stats().bytesSent()).sum();
      long messages = nodes.stream().mapToLong(n -> n.stats().messagesSent()).sum();
      out.printf("   %-44s %,d bytes in %,d messages, %d decode errors%n", "traffic of the whole demo", bytes, messages,
          nodes.stream().mapToLong(n -> n.stats().decodeErrors()).sum());
      List<Map<String, Long>> finalCarts = carts.stream().map(ShoppingCartDemo::items).toList();
      return new Outcome(finalCarts, naive, tombstonesDuringSplit, tombstonesAfterHeal);
    } finally {
      nodes.forEach(CrdtNode::close);
    }
  }

  private static DeltaMutator<ORMap<String, PNCounter>> add(String item, long quantity) {
    return (cart, self) -> cart.deltaUpdate(self, item, qty -> qty.deltaIncrement(self, quantity));
  }

  private static DeltaMutator<ORMap<String, PNCounter>> remove(String item) {
    return (cart, self) -> cart.deltaRemove(self, item);
  }

  /** Dynamo's merge: every item any replica has, with the highest quantity seen. */
  private static Map<String, Long> naiveUnion(List<Replicated<ORMap<String, PNCounter>>> replicas) {
    Map<String, Long> union = new TreeMap<>();
    for (Replicated<ORMap<String, PNCounter>> replica : replicas) {
      items(replica).forEach((item, quantity) -> union.merge(item, quantity, Math::max));
    }
    return union;
  }

  private static Map<String, Long> items(Replicated<ORMap<String, PNCounter>> cart) {
    Map<String, Long> items = new TreeMap<>();
    cart.value().value().forEach((item, quantity) -> items.put(item, quantity.value()));
    return items;
  }

  private static long quantity(Replicated<ORMap<String, PNCounter>> cart, String item) {
    return cart.value().get(item).map(PNCounter::value).getOrElse(0L);
  }

  private static void printCarts(PrintStream out, List<Replicated<ORMap<String, PNCounter>>> carts, String note) {
    for (int i = 0; i < carts.size(); i++) {
      out.printf("   %-44s -> %s%n", NAMES[i] + "'s cart", items(carts.get(i)));
    }
    if (!note.isEmpty()) {
      out.println("   (" + note + ")");
    }
  }

  static String names(List<ReplicaId> replicas) {
    return replicas.stream().map(r -> r.name().substring(0, r.name().lastIndexOf('-'))).sorted().toList().toString();
  }
}
