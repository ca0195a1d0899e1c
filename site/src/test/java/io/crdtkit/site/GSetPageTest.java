package io.crdtkit.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.GSet;
import io.crdtkit.clock.ReplicaId;
import io.vavr.collection.HashSet;
import org.junit.jupiter.api.Test;

/** The GSet page (type-gset.adoc): its timeline and snippets, and what they claim. */
class GSetPageTest {

  private static final ReplicaId ALICE = ReplicaId.of("alice");
  private static final ReplicaId BOB = ReplicaId.of("bob");

  @Test
  void aFreshSetWithoutAnElementDoesNotRemoveIt() {
    Timeline<GSet<String>> run = Timeline.of("GSet", GSet.<String>empty(), set -> Show.set(set.value()),
            ALICE, BOB)
        .update(ALICE, "add milk", set -> set.add("milk"))
        .update(ALICE, "add eggs", set -> set.add("eggs"))
        .merge(ALICE, BOB)
        .update(BOB, "start over: a new set of eggs", set -> GSet.of("eggs"))
        .merge(BOB, ALICE)
        .merge(ALICE, BOB)
        .outcome("A GSet has no remove. Bob's new set without milk is merged like any other state, by union, and"
            + " the milk is back on bob too.");

    assertThat(run.state(ALICE).value()).isEqualTo(HashSet.of("milk", "eggs"));
    assertThat(run.state(BOB).value()).isEqualTo(HashSet.of("milk", "eggs"));
    TimelineSvg.write("gset", run);
  }

  @Test
  void theApi() {
    // tag::api[]
    GSet<String> seen = GSet.of("a1", "b7")      // no replica id: no metadata at all
        .add("c3");

    seen.contains("b7");                         // true
    seen.value();                                // {a1, b7, c3}

    GSet<String> delta = seen.deltaAdd("d9");    // {d9}: an add's delta is the element
    seen.merge(delta).size();                    // 4
    // end::api[]

    assertThat(seen.contains("b7")).isTrue();
    assertThat(seen.value()).isEqualTo(HashSet.of("a1", "b7", "c3"));
    assertThat(delta).isEqualTo(GSet.of("d9"));
    assertThat(seen.merge(delta)).isEqualTo(seen.add("d9"));
    assertThat(seen.merge(delta).size()).isEqualTo(4);
  }
}
