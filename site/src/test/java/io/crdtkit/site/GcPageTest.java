package io.crdtkit.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.RWSet;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.gc.Epoched;
import io.crdtkit.gc.GarbageCollector;
import io.crdtkit.gc.GcStatus;
import io.crdtkit.gc.RetirementLog;
import io.vavr.collection.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The snippets of the garbage-collection page (gc.adoc) that need no cluster, and what they claim. */
class GcPageTest {

  private static final ReplicaId ALICE = ReplicaId.of("alice");
  private static final ReplicaId BOB = ReplicaId.of("bob");
  private static final ReplicaId CAROL = ReplicaId.of("carol");

  @Test
  void aTombstoneIsWhatKeepsAStaleCopyFromBringingARemovedElementBack() {
    // tag::why-tombstones[]
    RWSet<String> shared = RWSet.<String>empty().add(ALICE, "token-7");   // alice and bob hold it

    RWSet<String> onAlice = shared.remove(ALICE, "token-7");   // leaves a tombstone
    RWSet<String> staleOnBob = shared;                          // bob has not seen the remove

    RWSet<String> merged = onAlice.merge(staleOnBob);           // token-7 stays removed
    // end::why-tombstones[]

    assertThat(onAlice.tombstones()).isEqualTo(1);
    assertThat(merged.value()).isEmpty();
    assertThat(staleOnBob.merge(onAlice).value()).isEmpty();
    SnippetOutput.write("why-tombstones.txt", String.join("\n",
        "onAlice.value()      " + onAlice.value(),
        "onAlice.tombstones() " + onAlice.tombstones(),
        "staleOnBob.value()   " + staleOnBob.value(),
        "merged.value()       " + merged.value()));
  }

  @Test
  void aTombstoneGoesOnceEveryMemberHasReportedHavingMergedIt() {
    // tag::by-hand[]
    List<ReplicaId> members = List.of(ALICE, BOB);
    GarbageCollector<RWSet<String>> aliceGc = GarbageCollector.create(ALICE, members);
    GarbageCollector<RWSet<String>> bobGc = GarbageCollector.create(BOB, members);

    RWSet<String> onAlice = aliceGc.afterChange(RWSet.<String>empty().add(ALICE, "token-7"));
    onAlice = aliceGc.afterChange(onAlice.remove(ALICE, "token-7"));   // a tombstone
    RWSet<String> onBob = bobGc.afterChange(RWSet.<String>empty().merge(onAlice));

    GcStatus before = aliceGc.status();       // no report from bob yet: the cut cannot move
    aliceGc.receive(bobGc.report());          // bob: "I have merged alice:1..2"
    bobGc.receive(aliceGc.report());
    onAlice = aliceGc.afterChange(onAlice);   // collected at the new cut: the tombstone goes
    onBob = bobGc.afterChange(onBob);
    GcStatus after = aliceGc.status();
    // end::by-hand[]

    assertThat(before.waitingFor()).containsExactly(BOB);
    assertThat(before.tombstones()).isEqualTo(1);
    assertThat(after.tombstones()).isZero();
    assertThat(after.reclaimed()).isEqualTo(1);
    assertThat(onAlice.tombstones()).isZero();
    assertThat(onBob.tombstones()).isZero();
    // what is collected stays removed: a stale copy merged afterwards brings nothing back
    RWSet<String> stale = RWSet.<String>empty().add(ALICE, "token-7");
    assertThat(onAlice.merge(stale).value()).isEmpty();
    assertThat(onAlice.merge(stale).tombstones()).isZero();
    SnippetOutput.write("gc-by-hand.txt", String.join("\n",
        "before: " + before,
        "after:  " + after));
  }

  @Test
  void retirementFoldsAGoneReplicaIntoTheHeirAndTheCutStopsWaitingForIt() {
    RWSet<String> shared = RWSet.<String>empty().add(ALICE, "a").add(CAROL, "c");
    // tag::retire[]
    GarbageCollector<RWSet<String>> gc = GarbageCollector.create(ALICE, List.of(ALICE, BOB, CAROL));
    RWSet<String> state = gc.afterChange(shared.remove(ALICE, "c"));  // carol crashed: no more reports

    RetirementLog log = RetirementLog.empty().retire(CAROL);          // agreed: carol is gone for good
    Epoched<RWSet<String>> folded = gc.retire(log, new Epoched<>(0, state));
    // end::retire[]

    assertThat(gc.status().members()).doesNotContain(CAROL);
    assertThat(gc.status().waitingFor()).doesNotContain(CAROL);
    assertThat(folded.epoch()).isEqualTo(1);
    assertThat(folded.state().value()).isEqualTo(HashSet.of("a"));
    assertThat(folded.state().progress().entries().keySet().toJavaSet())
        .containsExactlyInAnyOrder(ALICE, RetirementLog.HEIR);
    SnippetOutput.write("retire.txt", String.join("\n",
        "before: progress " + state.progress() + ", members " + List.of(ALICE, BOB, CAROL),
        "after:  progress " + folded.state().progress() + ", members " + gc.status().members()
            + ", epoch " + folded.epoch()));
  }
}
