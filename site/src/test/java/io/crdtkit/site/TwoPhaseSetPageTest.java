package io.crdtkit.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crdtkit.TwoPhaseSet;
import io.crdtkit.clock.ReplicaId;
import io.vavr.collection.HashSet;
import org.junit.jupiter.api.Test;

/** The TwoPhaseSet page (type-twophaseset.adoc): its timeline and snippets, and what they claim. */
class TwoPhaseSetPageTest {

  private static final ReplicaId ALICE = ReplicaId.of("alice");
  private static final ReplicaId BOB = ReplicaId.of("bob");

  @Test
  void onceRemovedNoAddBringsItBack() {
    Timeline<TwoPhaseSet<String>> run = Timeline.of("TwoPhaseSet", TwoPhaseSet.<String>empty(),
            set -> Show.set(set.value()), ALICE, BOB)
        .update(ALICE, "add token-7", set -> set.add("token-7"))
        .merge(ALICE, BOB)
        .update(ALICE, "remove token-7", set -> set.remove("token-7"))
        .meanwhile(BOB, "add token-7 again", set -> set.add("token-7"))
        .merge(ALICE, BOB)
        .update(BOB, "add token-7 once more", set -> set.add("token-7"))
        .merge(BOB, ALICE)
        .outcome("The remove wins over the concurrent add, and over every add after it: once removed, token-7"
            + " never comes back, on any replica.");

    assertThat(run.state(ALICE).value()).isEmpty();
    assertThat(run.state(BOB).value()).isEmpty();
    assertThat(run.converged()).isTrue();
    TimelineSvg.write("twophaseset", run);
  }

  @Test
  void theApi() {
    // tag::api[]
    TwoPhaseSet<String> sessions = TwoPhaseSet.<String>empty()
        .add("s-1")
        .add("s-2")
        .remove("s-1");                   // for good

    sessions.value();                     // {s-2}
    sessions.isRemoved("s-1");            // true
    sessions.wasAdded("s-1");             // true: the added set keeps it too
    sessions.add("s-1").contains("s-1");  // false: no add brings it back
    sessions.removedElements();           // {s-1}: its metadata and its meaning

    TwoPhaseSet<String> delta = sessions.deltaRemove("s-2");
    sessions.merge(delta).value();        // {}
    // end::api[]

    assertThat(sessions.value()).isEqualTo(HashSet.of("s-2"));
    assertThat(sessions.isRemoved("s-1")).isTrue();
    assertThat(sessions.wasAdded("s-1")).isTrue();
    assertThat(sessions.add("s-1").contains("s-1")).isFalse();
    assertThat(sessions.removedElements()).isEqualTo(HashSet.of("s-1"));
    assertThat(sessions.merge(delta)).isEqualTo(sessions.remove("s-2"));
    assertThat(sessions.merge(delta).value()).isEmpty();
  }

  @Test
  void pitfalls() {
    // removing what was never added here is refused: it would ban the element before it exists
    assertThatThrownBy(() -> TwoPhaseSet.<String>empty().remove("s-9")).isInstanceOf(IllegalArgumentException.class);
    // to ban one on purpose, add it first
    assertThat(TwoPhaseSet.<String>empty().add("s-9").remove("s-9").merge(TwoPhaseSet.<String>empty().add("s-9"))
        .contains("s-9")).isFalse();
  }
}
