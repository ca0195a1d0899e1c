package io.crdtkit.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.ORMap;
import io.crdtkit.PNCounter;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;

/** The README's crdt-net snippet, line for line but on the in-JVM stack, so that it keeps compiling and working. */
class ReadmeSnippetTest {

  @Test
  void theReadmeSnippetRuns() {
    try (CrdtNode node = CrdtNode.builder("shop-" + UUID.randomUUID()).stack(JGroupsStack.inJvm()).start()) {
      Replicated<ORMap<String, PNCounter>> cart =
          node.register("cart", ORMap.empty(PNCounter.empty()), new TypeReference<>() {});
      cart.update((state, self) -> state.deltaUpdate(self, "milk", qty -> qty.deltaIncrement(self, 2)));
      assertThat(cart.value().get("milk").get().value()).isEqualTo(2);
    }
  }
}
