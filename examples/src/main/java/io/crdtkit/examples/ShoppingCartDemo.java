package io.crdtkit.examples;

import io.crdtkit.ORMap;
import io.crdtkit.PNCounter;
import io.crdtkit.clock.ReplicaId;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The README's demo: one shopping cart replicated on three replicas that keep accepting writes while they cannot
 * talk to each other, then heal by merging, in any order, to the same cart.
 *
 * <p>It shows the classic anomaly first: merging carts by union, as Amazon's Dynamo did (DeCandia et al., 2007,
 * §4.4), brings back an item the customer removed. The cart here is an {@link ORMap} from item to
 * {@link PNCounter} quantity, where a remove takes away exactly what it observed: the removed item stays removed.
 */
public final class ShoppingCartDemo {

  static final ReplicaId PHONE = ReplicaId.of("phone");
  static final ReplicaId LAPTOP = ReplicaId.of("laptop");
  static final ReplicaId TABLET = ReplicaId.of("tablet");

  private ShoppingCartDemo() {}

  /** What the demo ends with, for its test: each replica's cart after the exchange, and the naive union. */
  record Outcome(List<Map<String, Long>> replicaCarts, Map<String, Long> naiveUnion) {}

  public static void main(String[] args) {
    run(System.out);
  }

  static Outcome run(PrintStream out) {
    out.println("crdtkit demo: one shopping cart on three replicas (an ORMap of item -> PNCounter quantity)");
    out.println();

    out.println("1. On the phone the customer fills the cart; the laptop and tablet receive the deltas");
    ORMap<String, PNCounter> empty = ORMap.empty(PNCounter.empty());
    ORMap<String, PNCounter> milkDelta = empty.deltaUpdate(PHONE, "milk", qty -> qty.deltaIncrement(PHONE, 2));
    ORMap<String, PNCounter> phone = empty.merge(milkDelta);
    ORMap<String, PNCounter> eggsDelta = phone.deltaUpdate(PHONE, "eggs", qty -> qty.deltaIncrement(PHONE, 6));
    phone = phone.merge(eggsDelta);
    ORMap<String, PNCounter> laptop = empty.merge(milkDelta).merge(eggsDelta);
    ORMap<String, PNCounter> tablet = empty.merge(eggsDelta).merge(milkDelta); // deltas arrive in any order
    print(out, "phone", phone);
    print(out, "laptop", laptop);
    print(out, "tablet", tablet);
    out.println();

    out.println("2. The network splits; every replica keeps taking writes");
    phone = phone.remove(PHONE, "milk");
    print(out, "phone removes the milk", phone);
    laptop = laptop.update(LAPTOP, "eggs", qty -> qty.deltaIncrement(LAPTOP, 6));
    print(out, "laptop adds 6 more eggs", laptop);
    tablet = tablet.update(TABLET, "bread", qty -> qty.deltaIncrement(TABLET, 1));
    print(out, "tablet adds bread", tablet);
    out.println();

    out.println("3. The classic anomaly: merge the carts by union of items (Dynamo, 2007)");
    Map<String, Long> naive = naiveUnion(List.of(phone, laptop, tablet));
    out.printf("   %-34s -> %s   <- the removed milk is back%n", "union of phone, laptop, tablet", naive);
    out.println();

    out.println("4. The partition heals; crdtkit replicas exchange states in three different orders");
    ORMap<String, PNCounter> phoneAfter = phone.merge(laptop).merge(tablet);
    ORMap<String, PNCounter> laptopAfter = laptop.merge(tablet).merge(phone);
    ORMap<String, PNCounter> tabletAfter = tablet.merge(phone).merge(laptop);
    print(out, "phone merges laptop, then tablet", phoneAfter);
    print(out, "laptop merges tablet, then phone", laptopAfter);
    print(out, "tablet merges phone, then laptop", tabletAfter);
    boolean converged = phoneAfter.equals(laptopAfter) && laptopAfter.equals(tabletAfter);
    out.println();
    out.println("   converged to the same state: " + (converged ? "yes" : "NO"));
    out.println("   milk stays removed:          " + (phoneAfter.containsKey("milk") ? "NO" : "yes"));
    out.println("   every concurrent write kept: eggs " + quantity(phoneAfter, "eggs")
        + " (6 + 6), bread " + quantity(phoneAfter, "bread"));

    return new Outcome(List.of(cart(phoneAfter), cart(laptopAfter), cart(tabletAfter)), naive);
  }

  /** Dynamo's merge: every item any replica has, with the highest quantity seen. */
  private static Map<String, Long> naiveUnion(List<ORMap<String, PNCounter>> replicas) {
    Map<String, Long> union = new TreeMap<>();
    for (ORMap<String, PNCounter> replica : replicas) {
      cart(replica).forEach((item, quantity) -> union.merge(item, quantity, Math::max));
    }
    return union;
  }

  private static Map<String, Long> cart(ORMap<String, PNCounter> replica) {
    Map<String, Long> cart = new TreeMap<>();
    replica.value().forEach((item, quantity) -> cart.put(item, quantity.value()));
    return cart;
  }

  private static long quantity(ORMap<String, PNCounter> replica, String item) {
    return replica.get(item).map(PNCounter::value).getOrElse(0L);
  }

  private static void print(PrintStream out, String what, ORMap<String, PNCounter> replica) {
    out.printf("   %-34s -> %s%n", what, cart(replica));
  }
}
