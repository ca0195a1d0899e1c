package io.crdtkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.ORMap;
import io.crdtkit.PNCounter;
import io.crdtkit.clock.ReplicaId;
import org.junit.jupiter.api.Test;

/** The README's "A taste" snippet, run, so that what the README claims stays true. */
class ReadmeTasteTest {

  @Test
  void removedMilkStaysRemovedAndTheDeltaEqualsTheFullUpdate() {
    ReplicaId phone = ReplicaId.of("phone");
    ReplicaId laptop = ReplicaId.of("laptop");

    ORMap<String, PNCounter> cart = ORMap.<String, PNCounter>empty(PNCounter.empty())
        .update(phone, "milk", qty -> qty.deltaIncrement(phone, 2));

    ORMap<String, PNCounter> onPhone = cart.remove(phone, "milk");
    ORMap<String, PNCounter> onLaptop = cart.update(laptop, "eggs", qty -> qty.deltaIncrement(laptop, 6));

    assertThat(onPhone.merge(onLaptop).value().mapValues(PNCounter::value).toJavaMap())
        .containsExactlyEntriesOf(java.util.Map.of("eggs", 6L));
    assertThat(onLaptop.merge(onPhone)).isEqualTo(onPhone.merge(onLaptop));

    ORMap<String, PNCounter> delta = onLaptop.deltaUpdate(laptop, "eggs", qty -> qty.deltaIncrement(laptop, 1));
    assertThat(onLaptop.merge(delta))
        .isEqualTo(onLaptop.update(laptop, "eggs", qty -> qty.deltaIncrement(laptop, 1)));
  }
}
