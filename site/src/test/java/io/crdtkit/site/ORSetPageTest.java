package io.crdtkit.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.ORSet;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.gc.GarbageCollector;
import io.vavr.collection.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ORSet page (type-orset.adoc): its timelines and snippets, and what they claim. */
class ORSetPageTest {

  private static final ReplicaId ALICE = ReplicaId.of("alice");
  private static final ReplicaId BOB = ReplicaId.of("bob");
  private static final ReplicaId CAROL = ReplicaId.of("carol");

  @Test
  void theRemovedMilkStaysRemovedWhateverOldCopyArrives() {
    Timeline<ORSet<String>> run = Timeline.of("ORSet", ORSet.<String>empty(), set -> Show.set(set.value()),
            ALICE, BOB, CAROL)
        .update(ALICE, "add milk", set -> set.add(ALICE, "milk"))
        .merge(ALICE, BOB)
        .merge(ALICE, CAROL);
    Timeline.Message<ORSet<String>> carolsOldCopy = run.send(CAROL);   // carol goes quiet, holding milk
    run.update(ALICE, "remove milk", set -> set.remove(ALICE, "milk"))
        .meanwhile(BOB, "add eggs", set -> set.add(BOB, "eggs"))
        .merge(BOB, ALICE)
        .deliver(carolsOldCopy, ALICE, "merge carol's old copy")
        .merge(ALICE, BOB)
        .merge(ALICE, CAROL)
        .outcome("Bob's and carol's copies still held milk when they reached alice, but only the add her remove"
            + " had seen: no replica gets the milk back. A union of the copies, as Dynamo's carts did, would"
            + " have brought it back.");

    for (ReplicaId replica : List.of(ALICE, BOB, CAROL)) {
      assertThat(run.state(replica).value()).isEqualTo(HashSet.of("eggs"));
    }
    assertThat(run.converged()).isTrue();
    TimelineSvg.write("orset-removed-stays-removed", run);
  }

  @Test
  void anAddConcurrentWithARemoveWins() {
    Timeline<ORSet<String>> run = Timeline.of("ORSet", ORSet.<String>empty(), set -> Show.set(set.value()),
            ALICE, BOB)
        .update(ALICE, "add milk", set -> set.add(ALICE, "milk"))
        .merge(ALICE, BOB)
        .update(ALICE, "remove milk", set -> set.remove(ALICE, "milk"))
        .meanwhile(BOB, "add milk again", set -> set.add(BOB, "milk"))
        .merge(BOB, ALICE)
        .merge(ALICE, BOB)
        .outcome("Alice's remove had not seen bob's new add, so it cannot take it away: the add wins, on both.");

    assertThat(run.state(ALICE).value()).isEqualTo(HashSet.of("milk"));
    assertThat(run.converged()).isTrue();
    TimelineSvg.write("orset-add-wins", run);
  }

  @Test
  void theApi() {
    // tag::api[]
    ORSet<String> list = ORSet.<String>empty()
        .add(ALICE, "milk")                      // mutators take the updating replica
        .add(ALICE, "eggs")
        .remove(ALICE, "eggs");                  // a remove is an event too

    list.contains("milk");                       // true
    list.value();                                // {milk}: a Vavr Set
    list.size();                                 // 1

    // just that add, to send instead of the whole set
    ORSet<String> delta = list.deltaAdd(BOB, "jam");
    ORSet<String> onBob = list.merge(delta);     // the same as list.add(BOB, "jam")
    // end::api[]

    assertThat(list.contains("milk")).isTrue();
    assertThat(list.value()).isEqualTo(HashSet.of("milk"));
    assertThat(list.size()).isEqualTo(1);
    assertThat(onBob).isEqualTo(list.add(BOB, "jam"));
    assertThat(list.merge(onBob)).isEqualTo(onBob);
  }

  @Test
  void theMetadataAndWhatGcCollects() {
    // tag::metadata[]
    ORSet<String> list = ORSet.<String>empty()
        .add(ALICE, "milk").add(ALICE, "eggs").remove(ALICE, "eggs")
        .merge(ORSet.<String>empty().add(BOB, "milk"));   // bob added milk concurrently

    list.context();       // {alice:3, bob:1}: every event it has seen, the remove too
    list.tombstones();    // 0: a removed element leaves nothing behind
    // end::metadata[]
    GarbageCollector<ORSet<String>> gc = Stability.everyoneHasMerged(list, ALICE, List.of(ALICE, BOB));
    // tag::gc[]

    // gc: alice's GarbageCollector (crdt-gc); every member has merged this state
    // and said so in its reports
    ORSet<String> collected = gc.afterChange(list);
    gc.status().collapseCut();     // {alice:3, bob:1}: known stable everywhere
    collected.value();             // {milk}: collection never changes a value
    // end::gc[]

    assertThat(gc.status().collapseCut().toString()).isEqualTo("{alice:3, bob:1}");

    assertThat(list.context().toString()).isEqualTo("{alice:3, bob:1}");
    assertThat(list.tombstones()).isZero();
    assertThat(list.parts().adds().get("milk").get()).containsExactly(Dot.of(ALICE, 1), Dot.of(BOB, 1));
    assertThat(list.parts().adds().containsKey("eggs")).isFalse();
    assertThat(collected.parts().adds()).isEmpty();
    assertThat(collected.parts().collapsed()).isEqualTo(HashSet.of("milk"));
    assertThat(collected.value()).isEqualTo(list.value());
  }

  @Test
  void pitfalls() {
    ORSet<String> shared = ORSet.<String>empty().add(ALICE, "milk");
    // re-adding an element that is there replaces its dot, so a concurrent remove (which saw the old one) loses
    ORSet<String> readded = shared.add(BOB, "milk");
    assertThat(readded.parts().adds().get("milk").get()).containsExactly(Dot.of(BOB, 1));
    assertThat(shared.remove(ALICE, "milk").merge(readded).contains("milk")).isTrue();

    // a replica that lost its state and reuses its id mints a dot the others take for an old one
    ORSet<String> onBob = shared.remove(BOB, "milk");
    ORSet<String> aliceAfterALoss = ORSet.<String>empty().add(ALICE, "eggs");   // alice:1 again
    assertThat(onBob.merge(aliceAfterALoss).contains("eggs")).isFalse();
    ORSet<String> aliceFresh = ORSet.<String>empty().add(ReplicaId.fresh("alice"), "eggs");
    assertThat(onBob.merge(aliceFresh).contains("eggs")).isTrue();

    // an old copy merged in changes nothing, but its own value still shows what was removed since
    assertThat(shared.value()).contains("milk");
    assertThat(onBob.merge(shared)).isEqualTo(onBob);
  }
}
