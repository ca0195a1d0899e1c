package io.crdtkit.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crdtkit.GCounter;
import io.crdtkit.clock.ReplicaId;
import io.vavr.collection.TreeMap;
import org.junit.jupiter.api.Test;

/** The GCounter page (type-gcounter.adoc): its timeline and snippets, and what they claim. */
class GCounterPageTest {

  private static final ReplicaId ALICE = ReplicaId.of("alice");
  private static final ReplicaId BOB = ReplicaId.of("bob");

  @Test
  void aStateDeliveredTwiceCountsOnce() {
    Timeline<GCounter> run = Timeline.of("GCounter", GCounter.empty(), counter -> String.valueOf(counter.value()),
            ALICE, BOB)
        .update(ALICE, "add 3", counter -> counter.increment(ALICE, 3))
        .meanwhile(BOB, "add 2", counter -> counter.increment(BOB, 2));
    Timeline.Message<GCounter> alicesState = run.send(ALICE);
    run.deliver(alicesState, BOB)
        .deliver(alicesState, BOB, "alice's state again")
        .merge(BOB, ALICE)
        .outcome("Each replica counts its own increments, and a merge takes the larger count per replica: the"
            + " same state merged twice counts once, and both read 5.");

    assertThat(run.state(ALICE).value()).isEqualTo(5);
    assertThat(run.state(BOB).value()).isEqualTo(5);
    assertThat(run.converged()).isTrue();
    TimelineSvg.write("gcounter", run);
  }

  @Test
  void theApi() {
    // tag::api[]
    GCounter views = GCounter.empty()
        .increment(ALICE)                 // 1
        .increment(ALICE, 2)              // 3
        .merge(GCounter.empty().increment(BOB, 4));

    views.value();                        // 7
    views.get(BOB);                       // 4
    views.entries();                      // {alice=3, bob=4}: all its metadata

    GCounter delta = views.deltaIncrement(BOB, 1);   // bob's entry alone: {bob=5}
    views.merge(delta).value();                      // 8
    // end::api[]

    assertThat(views.value()).isEqualTo(7);
    assertThat(views.get(BOB)).isEqualTo(4);
    assertThat(views.entries()).isEqualTo(TreeMap.of(ALICE, 3L, BOB, 4L));
    assertThat(delta.entries()).isEqualTo(TreeMap.of(BOB, 5L));
    assertThat(views.merge(delta)).isEqualTo(views.increment(BOB, 1));
    assertThat(views.merge(delta).value()).isEqualTo(8);
  }

  @Test
  void pitfalls() {
    assertThatThrownBy(() -> GCounter.empty().increment(ALICE, -1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PNCounter");

    // tag::pitfalls[]
    // two replicas counting under one id: the merge keeps the larger entry,
    // and one of the counts is lost
    GCounter onAlice = GCounter.empty().increment(ALICE, 1);
    GCounter onBob = GCounter.empty().increment(ALICE, 1);    // bob, wrongly, as alice
    onAlice.merge(onBob).value();                              // 1, not 2
    // end::pitfalls[]

    assertThat(onAlice.merge(onBob).value()).isEqualTo(1);

    // a replica that lost its state and kept its id: its increments vanish until it passes its old count
    GCounter heldByBob = GCounter.empty().increment(ALICE, 3);
    GCounter aliceAfterALoss = GCounter.empty().increment(ALICE, 2);
    assertThat(heldByBob.merge(aliceAfterALoss).value()).isEqualTo(3);
  }

  @Test
  void retirementFoldsAReplicasEntryIntoTheHeirs() {
    ReplicaId heir = ReplicaId.of("~retired");
    GCounter counter = GCounter.empty().increment(ALICE, 3).increment(BOB, 2);
    GCounter retired = counter.retire(BOB, heir);
    assertThat(retired.value()).isEqualTo(5);
    assertThat(retired.entries()).isEqualTo(TreeMap.of(ALICE, 3L, heir, 2L));
  }
}
