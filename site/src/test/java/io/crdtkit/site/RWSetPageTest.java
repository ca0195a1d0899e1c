package io.crdtkit.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.RWSet;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.gc.GarbageCollector;
import io.vavr.collection.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The RWSet page (type-rwset.adoc): its timeline and snippets, and what they claim. */
class RWSetPageTest {

  private static final ReplicaId ALICE = ReplicaId.of("alice");
  private static final ReplicaId BOB = ReplicaId.of("bob");

  @Test
  void theRemoveWinsTheRaceButALaterAddBringsItBack() {
    Timeline<RWSet<String>> run = Timeline.of("RWSet", RWSet.<String>empty(), set -> Show.set(set.value()),
            ALICE, BOB)
        .update(ALICE, "block mallory", set -> set.add(ALICE, "mallory"))
        .merge(ALICE, BOB)
        .update(ALICE, "unblock mallory", set -> set.remove(ALICE, "mallory"))
        .meanwhile(BOB, "block mallory again", set -> set.add(BOB, "mallory"))
        .merge(BOB, ALICE)
        .merge(ALICE, BOB)
        .update(BOB, "block mallory, later", set -> set.add(BOB, "mallory"))
        .merge(BOB, ALICE)
        .outcome("The remove wins over the add it raced, on both replicas. An add made after seeing the remove"
            + " is not racing it: mallory is back in the set.");

    assertThat(run.events().get(4).valueAfter()).as("alice, after the race").isEqualTo("{}");
    assertThat(run.events().get(5).valueAfter()).as("bob, after the race").isEqualTo("{}");
    assertThat(run.state(ALICE).value()).isEqualTo(HashSet.of("mallory"));
    assertThat(run.converged()).isTrue();
    TimelineSvg.write("rwset", run);
  }

  @Test
  void theApi() {
    // tag::api[]
    RWSet<String> blocked = RWSet.<String>empty()
        .add(ALICE, "mallory")               // mutators take the updating replica
        .add(ALICE, "trudy")
        .remove(ALICE, "trudy");

    blocked.contains("mallory");             // true
    blocked.value();                         // {mallory}

    RWSet<String> delta = blocked.deltaRemove(BOB, "mallory");   // just that remove
    blocked.merge(delta).value();                                // {}
    // end::api[]

    assertThat(blocked.contains("mallory")).isTrue();
    assertThat(blocked.value()).isEqualTo(HashSet.of("mallory"));
    assertThat(blocked.merge(delta)).isEqualTo(blocked.remove(BOB, "mallory"));
    assertThat(blocked.merge(delta).value()).isEmpty();
  }

  @Test
  void theMetadataAndWhatGcCollects() {
    // tag::metadata[]
    RWSet<String> blocked = RWSet.<String>empty()
        .add(ALICE, "mallory").add(ALICE, "trudy").remove(ALICE, "trudy");

    blocked.tombstones();   // 1: trudy's remove token, kept while an add could race it
    // end::metadata[]
    GarbageCollector<RWSet<String>> gc = Stability.everyoneHasMerged(blocked, ALICE, List.of(ALICE, BOB));
    // tag::gc[]

    // gc: alice's GarbageCollector (crdt-gc); every member has merged this state
    // and said so in its reports
    RWSet<String> collected = gc.afterChange(blocked);
    gc.status().stableCut();       // {alice:3}: every replica has merged these
    collected.tombstones();        // 0: stable, no add can race trudy's remove now
    // end::gc[]

    assertThat(gc.status().stableCut().toString()).isEqualTo("{alice:3}");

    assertThat(blocked.tombstones()).isEqualTo(1);
    assertThat(blocked.parts().removes().keySet()).isEqualTo(HashSet.of("trudy"));
    assertThat(collected.tombstones()).isZero();
    assertThat(collected.parts().removes()).isEmpty();
    assertThat(collected.value()).isEqualTo(blocked.value());
  }

  @Test
  void pitfalls() {
    // tag::pitfalls[]
    RWSet<String> onBob = RWSet.<String>empty().remove(BOB, "trudy");   // never saw her
    RWSet<String> onAlice = RWSet.<String>empty().add(ALICE, "trudy");  // meanwhile

    onBob.merge(onAlice).contains("trudy");                             // false
    // end::pitfalls[]

    assertThat(onBob.tombstones()).isEqualTo(1);
    assertThat(onBob.merge(onAlice).contains("trudy")).isFalse();
    assertThat(onAlice.merge(onBob).contains("trudy")).isFalse();
  }
}
