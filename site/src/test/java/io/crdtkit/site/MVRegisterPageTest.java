package io.crdtkit.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.MVRegister;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.gc.GarbageCollector;
import io.vavr.collection.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The MVRegister page (type-mvregister.adoc): its timeline and snippets, and what they claim. */
class MVRegisterPageTest {

  private static final ReplicaId ALICE = ReplicaId.of("alice");
  private static final ReplicaId BOB = ReplicaId.of("bob");

  @Test
  void concurrentWritesBecomeSiblingsUntilAWriteThatSawThem() {
    Timeline<MVRegister<String>> run = Timeline.of("MVRegister", MVRegister.<String>empty(),
            register -> Show.set(register.value()), ALICE, BOB)
        .update(ALICE, "write Draft", register -> register.write(ALICE, "Draft"))
        .merge(ALICE, BOB)
        .update(ALICE, "write Plan", register -> register.write(ALICE, "Plan"))
        .meanwhile(BOB, "write Roadmap", register -> register.write(BOB, "Roadmap"))
        .merge(BOB, ALICE)
        .merge(ALICE, BOB)
        .update(BOB, "write Roadmap 2026", register -> register.write(BOB, "Roadmap 2026"))
        .merge(BOB, ALICE)
        .outcome("Plan and Roadmap were written concurrently: both are kept, as siblings, until a write that has"
            + " seen them both replaces them. Draft, which both writes had seen, is gone.");

    assertThat(run.events().get(4).valueAfter()).isEqualTo("{Plan, Roadmap}");
    assertThat(run.state(ALICE).value()).isEqualTo(HashSet.of("Roadmap 2026"));
    assertThat(run.converged()).isTrue();
    TimelineSvg.write("mvregister", run);
  }

  @Test
  void theApi() {
    // tag::api[]
    MVRegister<String> title = MVRegister.<String>empty().write(ALICE, "Plan")
        .merge(MVRegister.<String>empty().write(BOB, "Roadmap"));   // concurrently

    title.value();                               // {Plan, Roadmap}: the choice is yours
    MVRegister<String> resolved = title.write(ALICE, "Roadmap");   // replaces both
    resolved.value();                            // {Roadmap}

    MVRegister<String> delta = title.deltaWrite(BOB, "Plan B");
    title.merge(delta).value();                  // {Plan B}
    // end::api[]

    assertThat(title.value()).isEqualTo(HashSet.of("Plan", "Roadmap"));
    assertThat(resolved.value()).isEqualTo(HashSet.of("Roadmap"));
    assertThat(title.merge(delta)).isEqualTo(title.write(BOB, "Plan B"));
    assertThat(title.merge(delta).value()).isEqualTo(HashSet.of("Plan B"));
  }

  @Test
  void theMetadataAndWhatGcCollects() {
    // tag::metadata[]
    MVRegister<String> title = MVRegister.<String>empty().write(ALICE, "Plan")
        .merge(MVRegister.<String>empty().write(BOB, "Roadmap"));

    title.context();    // {alice:1, bob:1}: each kept value has its write's dot
    // end::metadata[]
    GarbageCollector<MVRegister<String>> gc = Stability.everyoneHasMerged(title, ALICE, List.of(ALICE, BOB));
    // tag::gc[]

    // gc: alice's GarbageCollector (crdt-gc); every member has merged this state
    // and said so in its reports
    MVRegister<String> collected = gc.afterChange(title);
    gc.status().collapseCut();     // {alice:1, bob:1}: known stable everywhere
    collected.value();             // {Plan, Roadmap}: the values stay, their dots go
    // end::gc[]

    assertThat(gc.status().collapseCut().toString()).isEqualTo("{alice:1, bob:1}");

    assertThat(title.context().toString()).isEqualTo("{alice:1, bob:1}");
    assertThat(title.parts().writes().toString()).isEqualTo("TreeMap((alice:1, Plan), (bob:1, Roadmap))");
    assertThat(collected.parts().writes()).isEmpty();
    assertThat(collected.parts().collapsed()).isEqualTo(HashSet.of("Plan", "Roadmap"));
    assertThat(collected.value()).isEqualTo(title.value());
  }

  @Test
  void pitfalls() {
    MVRegister<String> plan = MVRegister.<String>empty().write(ALICE, "Plan");
    MVRegister<String> roadmap = MVRegister.<String>empty().write(BOB, "Roadmap");
    // a write that has seen only one sibling leaves the other
    assertThat(plan.write(ALICE, "Plan v2").merge(roadmap).value()).isEqualTo(HashSet.of("Plan v2", "Roadmap"));
    // writing the same value again mints a new dot, which replaces the old one
    assertThat(plan.write(ALICE, "Plan").parts().writes().keySet().map(String::valueOf).toList().asJava())
        .containsExactly("alice:2");
  }
}
