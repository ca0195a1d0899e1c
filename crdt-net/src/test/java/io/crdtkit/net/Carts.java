package io.crdtkit.net;

import io.crdtkit.ORMap;
import io.crdtkit.PNCounter;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.type.TypeReference;

/** The shopping cart the cluster tests replicate: item -> quantity. */
final class Carts {

  static final TypeReference<ORMap<String, PNCounter>> TYPE = new TypeReference<>() {};

  private Carts() {}

  static Replicated<ORMap<String, PNCounter>> register(CrdtNode node, String key) {
    return node.register(key, ORMap.empty(PNCounter.empty()), TYPE);
  }

  static DeltaMutator<ORMap<String, PNCounter>> add(String item, long quantity) {
    return (cart, self) -> cart.deltaUpdate(self, item, qty -> qty.deltaIncrement(self, quantity));
  }

  static DeltaMutator<ORMap<String, PNCounter>> remove(String item) {
    return (cart, self) -> cart.deltaRemove(self, item);
  }

  static Map<String, Long> items(ORMap<String, PNCounter> cart) {
    Map<String, Long> items = new TreeMap<>();
    cart.value().forEach((item, qty) -> items.put(item, qty.value()));
    return items;
  }
}
