package io.crdtkit.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.ORMap;
import io.crdtkit.PNCounter;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.gc.GarbageCollector;
import io.vavr.collection.HashMap;
import io.vavr.collection.HashSet;
import io.vavr.control.Option;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ORMap page (type-ormap.adoc): its timeline and snippets, and what they claim. */
class ORMapPageTest {

  private static final ReplicaId ALICE = ReplicaId.of("alice");
  private static final ReplicaId BOB = ReplicaId.of("bob");

  private static String show(ORMap<String, PNCounter> cart) {
    return Show.map(cart.value(), PNCounter::value);
  }

  @Test
  void anUpdateRacingARemoveKeepsTheKeyWithThatUpdateOnly() {
    Timeline<ORMap<String, PNCounter>> run = Timeline.of("ORMap of counters",
            ORMap.<String, PNCounter>empty(PNCounter.empty()), ORMapPageTest::show, ALICE, BOB)
        .update(ALICE, "milk +2", cart -> cart.update(ALICE, "milk", qty -> qty.deltaIncrement(ALICE, 2)))
        .merge(ALICE, BOB)
        .update(ALICE, "remove milk", cart -> cart.remove(ALICE, "milk"))
        .meanwhile(BOB, "milk +1", cart -> cart.update(BOB, "milk", qty -> qty.deltaIncrement(BOB, 1)))
        .merge(BOB, ALICE)
        .merge(ALICE, BOB)
        .outcome("Alice's remove takes away the updates it saw, the 2, but not bob's concurrent +1: milk stays,"
            + " with a count of 1, on both.");

    assertThat(run.state(ALICE).get("milk").map(PNCounter::value)).isEqualTo(Option.of(1L));
    assertThat(run.converged()).isTrue();
    TimelineSvg.write("ormap", run);
  }

  @Test
  void theApi() {
    // tag::api[]
    // empty(..) takes the value a new key starts from; update(..), a nested delta
    ORMap<String, PNCounter> cart = ORMap.<String, PNCounter>empty(PNCounter.empty())
        .update(ALICE, "milk", qty -> qty.deltaIncrement(ALICE, 2))
        .update(ALICE, "eggs", qty -> qty.deltaIncrement(ALICE, 6))
        .remove(ALICE, "eggs");

    cart.get("milk").map(PNCounter::value);      // Some(2)
    cart.keySet();                               // {milk}
    cart.value();                                // {milk=PNCounter(2, ...)}: a Vavr Map

    ORMap<String, PNCounter> delta =
        cart.deltaUpdate(BOB, "milk", qty -> qty.deltaIncrement(BOB, 1));
    cart.merge(delta).get("milk").map(PNCounter::value);   // Some(3)
    // end::api[]

    assertThat(cart.get("milk").map(PNCounter::value)).isEqualTo(Option.of(2L));
    assertThat(cart.keySet()).isEqualTo(HashSet.of("milk"));
    assertThat(cart.value().mapValues(PNCounter::value)).isEqualTo(HashMap.of("milk", 2L));
    assertThat(cart.merge(delta)).isEqualTo(cart.update(BOB, "milk", qty -> qty.deltaIncrement(BOB, 1)));
    assertThat(cart.merge(delta).get("milk").map(PNCounter::value)).isEqualTo(Option.of(3L));
  }

  @Test
  void theMetadataAndWhatGcCollects() {
    // tag::metadata[]
    ORMap<String, PNCounter> cart = ORMap.<String, PNCounter>empty(PNCounter.empty())
        .update(ALICE, "milk", qty -> qty.deltaIncrement(ALICE, 2))
        .update(BOB, "milk", qty -> qty.deltaIncrement(BOB, 1));

    cart.context();     // {alice:1, bob:1}: each update's delta kept under its dot
    // end::metadata[]
    GarbageCollector<ORMap<String, PNCounter>> gc = Stability.everyoneHasMerged(cart, ALICE, List.of(ALICE, BOB));
    // tag::gc[]

    // gc: alice's GarbageCollector (crdt-gc); every member has merged this state
    // and said so in its reports
    ORMap<String, PNCounter> collected = gc.afterChange(cart);
    gc.status().collapseCut();     // {alice:1, bob:1}: known stable everywhere
    collected.get("milk").map(PNCounter::value);   // Some(3), folded into one counter
    // end::gc[]

    assertThat(gc.status().collapseCut().toString()).isEqualTo("{alice:1, bob:1}");

    assertThat(cart.context().toString()).isEqualTo("{alice:1, bob:1}");
    assertThat(cart.parts().deltas().get("milk").get().size()).isEqualTo(2);
    assertThat(collected.parts().deltas()).isEmpty();
    assertThat(collected.parts().collapsed().mapValues(PNCounter::value)).isEqualTo(HashMap.of("milk", 3L));
    assertThat(collected.get("milk").map(PNCounter::value)).isEqualTo(Option.of(3L));
    assertThat(collected.value()).isEqualTo(cart.value());
  }

  @Test
  void aFullNestedMutatorCopiesWhatItReadIntoItsUpdate() {
    ORMap<String, PNCounter> cart = ORMap.<String, PNCounter>empty(PNCounter.empty())
        .update(ALICE, "milk", qty -> qty.deltaIncrement(ALICE, 2));
    ORMap<String, PNCounter> onAlice = cart.remove(ALICE, "milk");
    // tag::pitfalls[]
    // concurrently with alice's remove of milk (which held 2), bob adds one
    ORMap<String, PNCounter> withDelta =
        cart.update(BOB, "milk", qty -> qty.deltaIncrement(BOB, 1));
    ORMap<String, PNCounter> withFull =
        cart.update(BOB, "milk", qty -> qty.increment(BOB, 1));

    onAlice.merge(withDelta).get("milk").map(PNCounter::value);   // Some(1): bob's +1
    onAlice.merge(withFull).get("milk").map(PNCounter::value);    // Some(3): and the 2
    // end::pitfalls[]

    assertThat(onAlice.merge(withDelta).get("milk").map(PNCounter::value)).isEqualTo(Option.of(1L));
    assertThat(onAlice.merge(withFull).get("milk").map(PNCounter::value)).isEqualTo(Option.of(3L));
  }
}
