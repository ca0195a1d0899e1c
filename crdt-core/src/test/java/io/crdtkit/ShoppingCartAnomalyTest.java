package io.crdtkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.clock.ReplicaId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shopping-cart anomaly of Amazon's Dynamo (DeCandia et al., SOSP 2007, §4.4): carts merged by union bring
 * back items the customer deleted. A grow-only set reproduces it; the observed-remove types do not, in any merge
 * order, while still keeping every concurrent addition.
 */
class ShoppingCartAnomalyTest {

  private static final ReplicaId PHONE = ReplicaId.of("phone");
  private static final ReplicaId LAPTOP = ReplicaId.of("laptop");

  @Test
  void unionOfItemsResurrectsTheDeletedItem() {
    // A grow-only set cannot express the delete, so "removing" means dropping the item locally.
    GSet<String> cart = GSet.of("milk", "eggs");
    GSet<String> onPhone = GSet.of("eggs");                 // the customer deleted the milk
    GSet<String> onLaptop = cart.add("bread");              // a stale replica adds bread

    assertThat(onPhone.merge(onLaptop).value()).contains("milk");
  }

  @Test
  void observedRemoveSetKeepsTheDeletedItemDeletedInEveryMergeOrder() {
    ORSet<String> cart = ORSet.<String>empty().add(PHONE, "milk").add(PHONE, "eggs");
    ORSet<String> onPhone = cart.remove(PHONE, "milk");
    ORSet<String> onLaptop = cart.add(LAPTOP, "bread");

    for (ORSet<String> merged : List.of(onPhone.merge(onLaptop), onLaptop.merge(onPhone),
        onLaptop.merge(cart).merge(onPhone), cart.merge(onPhone).merge(cart).merge(onLaptop))) {
      assertThat(merged.value()).containsExactlyInAnyOrder("eggs", "bread");
    }
  }

  @Test
  void observedRemoveMapKeepsTheDeletedItemDeletedAndTheConcurrentQuantities() {
    ORMap<String, PNCounter> cart = ORMap.<String, PNCounter>empty(PNCounter.empty())
        .update(PHONE, "milk", qty -> qty.deltaIncrement(PHONE, 2))
        .update(PHONE, "eggs", qty -> qty.deltaIncrement(PHONE, 6));
    ORMap<String, PNCounter> onPhone = cart.remove(PHONE, "milk");
    ORMap<String, PNCounter> onLaptop = cart.update(LAPTOP, "eggs", qty -> qty.deltaIncrement(LAPTOP, 6));

    ORMap<String, PNCounter> merged = onPhone.merge(onLaptop);
    assertThat(onLaptop.merge(onPhone)).isEqualTo(merged);
    assertThat(merged.containsKey("milk")).isFalse();
    assertThat(merged.get("eggs").map(PNCounter::value).get()).isEqualTo(12L);
  }

  @Test
  void anItemAddedAgainConcurrentlyWithTheDeleteIsKept() {
    // Add wins: the laptop's add was not observed by the phone's delete, so the customer still wants milk.
    ORSet<String> cart = ORSet.<String>empty().add(PHONE, "milk");
    ORSet<String> onPhone = cart.remove(PHONE, "milk");
    ORSet<String> onLaptop = cart.add(LAPTOP, "milk");

    assertThat(onPhone.merge(onLaptop).contains("milk")).isTrue();
    assertThat(onPhone.merge(onLaptop).dots("milk")).hasSize(1);
  }
}
