package io.crdtkit.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crdtkit.GCounter;
import io.crdtkit.PNCounter;
import io.crdtkit.clock.ReplicaId;
import io.vavr.collection.TreeMap;
import org.junit.jupiter.api.Test;

/** The PNCounter page (type-pncounter.adoc): its timeline and snippets, and what they claim. */
class PNCounterPageTest {

  private static final ReplicaId ALICE = ReplicaId.of("alice");
  private static final ReplicaId BOB = ReplicaId.of("bob");

  @Test
  void twoReplicasSellTheLastItemAndTheStockGoesBelowZero() {
    Timeline<PNCounter> run = Timeline.of("PNCounter", PNCounter.empty(), counter -> String.valueOf(counter.value()),
            ALICE, BOB)
        .update(ALICE, "stock 1", counter -> counter.increment(ALICE, 1))
        .merge(ALICE, BOB)
        .update(ALICE, "sell 1", counter -> counter.decrement(ALICE, 1))
        .meanwhile(BOB, "sell 1", counter -> counter.decrement(BOB, 1))
        .merge(BOB, ALICE)
        .merge(ALICE, BOB)
        .outcome("Each replica saw one item left and sold it: every decrement counts, and the stock ends at -1"
            + " on both. A counter is not a guard.");

    assertThat(run.state(ALICE).value()).isEqualTo(-1);
    assertThat(run.converged()).isTrue();
    TimelineSvg.write("pncounter", run);
  }

  @Test
  void theApi() {
    // tag::api[]
    PNCounter likes = PNCounter.empty()
        .increment(ALICE)                  // +1
        .increment(BOB, 3)                 // +3
        .decrement(ALICE);                 // -1: alice takes her like back

    likes.value();                         // 3
    likes.increments();                    // a GCounter: {alice=1, bob=3}
    likes.decrements();                    // a GCounter: {alice=1}

    // bob's entries alone: +{bob=3}, -{bob=2}
    PNCounter delta = likes.deltaDecrement(BOB, 2);
    likes.merge(delta).value();                       // 1
    // end::api[]

    assertThat(likes.value()).isEqualTo(3);
    assertThat(likes.increments().entries()).isEqualTo(TreeMap.of(ALICE, 1L, BOB, 3L));
    assertThat(likes.decrements().entries()).isEqualTo(TreeMap.of(ALICE, 1L));
    assertThat(delta).isEqualTo(PNCounter.of(GCounter.empty().increment(BOB, 3), GCounter.empty().increment(BOB, 2)));
    assertThat(likes.merge(delta)).isEqualTo(likes.decrement(BOB, 2));
    assertThat(likes.merge(delta).value()).isEqualTo(1);
  }

  @Test
  void pitfalls() {
    assertThatThrownBy(() -> PNCounter.empty().increment(ALICE, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PNCounter.empty().decrement(ALICE, -1)).isInstanceOf(IllegalArgumentException.class);
    ReplicaId heir = ReplicaId.of("~retired");
    PNCounter counter = PNCounter.empty().increment(BOB, 5).decrement(BOB, 2).increment(ALICE, 1);
    assertThat(counter.retire(BOB, heir).value()).isEqualTo(4);
    assertThat(counter.retire(BOB, heir).increments().entries()).isEqualTo(TreeMap.of(ALICE, 1L, heir, 5L));
  }
}
