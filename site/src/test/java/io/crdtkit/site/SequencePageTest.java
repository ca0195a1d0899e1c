package io.crdtkit.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crdtkit.Retirable;
import io.crdtkit.Sequence;
import io.crdtkit.Sequences;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.gc.GarbageCollector;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Sequence page (type-sequence.adoc): its timelines and snippets, and what they claim. */
class SequencePageTest {

  private static final ReplicaId ALICE = ReplicaId.of("alice");
  private static final ReplicaId BOB = ReplicaId.of("bob");

  /** The document both replicas hold before they type: two brackets, typed by alice and merged by bob. */
  private static final Sequence<Character> BRACKETS = Sequences.insertString(Sequence.empty(), ALICE, 0, "[]");

  /** {@code text} typed a key at a time from {@code index} on, as a person types it. */
  private static Sequence<Character> typeForward(Sequence<Character> doc, ReplicaId replica, int index,
      String text) {
    Sequence<Character> next = doc;
    for (int i = 0; i < text.length(); i++) {
      next = next.insert(replica, index + i, text.charAt(i));
    }
    return next;
  }

  /** {@code text} typed backwards: its last character first, each next one at {@code index}, before the last. */
  private static Sequence<Character> typeBackward(Sequence<Character> doc, ReplicaId replica, int index,
      String text) {
    Sequence<Character> next = doc;
    for (int i = text.length() - 1; i >= 0; i--) {
      next = next.insert(replica, index, text.charAt(i));
    }
    return next;
  }

  private static String shown(Sequence<Character> doc) {
    return Sequences.text(doc);
  }

  @Test
  void runsTypedForwardAtTheSamePlaceDoNotInterleave() {
    Timeline<Sequence<Character>> run = Timeline.of("Sequence", BRACKETS, SequencePageTest::shown, ALICE, BOB)
        .update(ALICE, "type abc after the first bracket", doc -> typeForward(doc, ALICE, 1, "abc"))
        .meanwhile(BOB, "type xyz after the first bracket", doc -> typeForward(doc, BOB, 1, "xyz"))
        .merge(BOB, ALICE)
        .merge(ALICE, BOB)
        .outcome("Both replicas end with abcxyz between the brackets: each run stays whole, one after the other,"
            + " never mixed key by key as in axbycz.");

    assertThat(run.events().get(0).valueAfter()).isEqualTo("[abc]");
    assertThat(run.events().get(1).valueAfter()).isEqualTo("[xyz]");
    assertThat(run.shown(ALICE)).isEqualTo("[abcxyz]");
    assertThat(run.converged()).isTrue();
    TimelineSvg.write("sequence-forward", run);
  }

  @Test
  void runsTypedBackwardAtTheSamePlaceDoNotInterleaveEither() {
    Timeline<Sequence<Character>> run = Timeline.of("Sequence", BRACKETS, SequencePageTest::shown, ALICE, BOB)
        .update(ALICE, "type abc backwards: c, then b, then a", doc -> typeBackward(doc, ALICE, 1, "abc"))
        .meanwhile(BOB, "type xyz backwards: z, then y, then x", doc -> typeBackward(doc, BOB, 1, "xyz"))
        .merge(BOB, ALICE)
        .merge(ALICE, BOB)
        .outcome("Again each run stays whole, one after the other: abcxyz on both replicas, although each"
            + " character went in before the one typed just before it.");

    assertThat(run.events().get(0).valueAfter()).isEqualTo("[abc]");
    assertThat(run.events().get(1).valueAfter()).isEqualTo("[xyz]");
    assertThat(run.shown(ALICE)).isEqualTo("[abcxyz]");
    assertThat(run.converged()).isTrue();
    TimelineSvg.write("sequence-backward", run);
  }

  @Test
  void theApi() {
    // tag::api[]
    Sequence<String> list = Sequence.<String>empty()
        .insertAll(ALICE, 0, List.of("milk", "eggs", "tea"))   // alice inserts
        .insert(ALICE, 1, "bread")                              // [milk, bread, eggs, tea]
        .delete(ALICE, 3, 1);                                   // [milk, bread, eggs]

    list.get(1);                                                // bread
    list.size();                                                // 3

    Sequence<String> delta = list.deltaInsert(BOB, 3, "jam");   // just that insert
    list.merge(delta).value();                                  // [milk, bread, eggs, jam]
    // end::api[]

    assertThat(list.value()).containsExactly("milk", "bread", "eggs");
    assertThat(list.get(1)).isEqualTo("bread");
    assertThat(list.size()).isEqualTo(3);
    assertThat(list.merge(delta).value()).containsExactly("milk", "bread", "eggs", "jam");
    assertThat(list.merge(delta)).isEqualTo(list.insert(BOB, 3, "jam"));
    assertThat(list.merge(list.deltaDelete(BOB, 0, 1))).isEqualTo(list.delete(BOB, 0, 1));
  }

  @Test
  void text() {
    // tag::text[]
    Sequence<Character> doc = Sequences.insertString(Sequence.empty(), ALICE, 0, "hello world");
    Sequence<Character> comma = Sequences.deltaInsertString(doc, BOB, 5, ",");   // to send

    Sequences.text(doc.merge(comma));   // "hello, world"
    // end::text[]

    assertThat(Sequences.text(doc.merge(comma))).isEqualTo("hello, world");
    assertThat(doc.merge(comma)).isEqualTo(Sequences.insertString(doc, BOB, 5, ","));
  }

  @Test
  void idsAreStablePositions() {
    // tag::ids[]
    Sequence<Character> doc = Sequences.insertString(Sequence.empty(), ALICE, 0, "hello world");
    Dot w = doc.idAt(6);   // alice:7, the dot of the insert that made the 'w'

    Sequence<Character> onBob = Sequences.insertString(doc, BOB, 0, "oh, ");
    onBob.idAt(10);        // alice:7 again: "oh, " moved the 'w', not its id
    // end::ids[]

    assertThat(w).isEqualTo(Dot.of(ALICE, 7));
    assertThat(Sequences.text(onBob)).isEqualTo("oh, hello world");
    assertThat(onBob.get(10)).isEqualTo('w');
    assertThat(onBob.idAt(10)).isEqualTo(w);
  }

  @Test
  void theMetadataAndWhatGcCollects() {
    // tag::metadata[]
    Sequence<Character> doc = Sequences.insertString(Sequence.empty(), ALICE, 0, "hello world");
    doc = Sequences.insertString(doc, BOB, 11, "!");   // "hello world!": bob's run
    doc = Sequences.insertString(doc, ALICE, 6, "brave ");   // "hello brave world!"
    doc = doc.delete(ALICE, 6, 6)                             // "hello world!"
        .delete(ALICE, 5, 6);                                 // "hello!"

    doc.tombstones();   // 12: an id and a place each, no value
    // end::metadata[]
    GarbageCollector<Sequence<Character>> gc = Stability.everyoneHasMerged(doc, ALICE, List.of(ALICE, BOB));
    // tag::gc[]

    // gc: alice's GarbageCollector (crdt-gc); every member has merged this state
    // and said so in its reports
    Sequence<Character> collected = gc.afterChange(doc);
    Sequences.text(collected);   // "hello!": the same text
    collected.tombstones();      // 1: the 'd' stays, as the parent of bob's "!"
    // end::gc[]

    assertThat(doc.tombstones()).isEqualTo(12);
    assertThat(gc.status().stableCut()).isEqualTo(doc.context().vectorClock());
    assertThat(Sequences.text(collected)).isEqualTo("hello!");
    assertThat(collected.tombstones()).isEqualTo(1);
    collected.checkInvariants();
    // "hello", then the 'd' (alice:11) as an id and a place without its value, then bob's "!" below it
    List<Sequence.Run<Character>> runs = collected.parts().runs();
    assertThat(runs).extracting(Sequence.Run::first)
        .containsExactly(Dot.of(ALICE, 1), Dot.of(ALICE, 11), Dot.of(BOB, 1));
    assertThat(runs.get(1).values()).containsExactly((Character) null);
    assertThat(runs.get(2).parent()).isEqualTo(Dot.of(ALICE, 11));
  }

  @Test
  void pitfalls() {
    // tag::pitfalls[]
    Sequence<Character> doc = Sequences.insertString(Sequence.empty(), ALICE, 0, "ab");
    Sequence<Character> onAlice = doc.delete(ALICE, 1, 1);   // "a": b deleted
    Sequence<Character> onBob = doc.insert(BOB, 2, '!');     // meanwhile "ab!": after b

    Sequence<Character> merged = onAlice.merge(onBob);       // "a!"
    // end::pitfalls[]
    GarbageCollector<Sequence<Character>> gc = Stability.everyoneHasMerged(merged, ALICE, List.of(ALICE, BOB));
    // tag::pitfalls[]

    // gc: alice's collector, once every member has merged "a!"
    gc.afterChange(merged).tombstones();                     // 1: b stays, the parent of "!"
    // end::pitfalls[]

    assertThat(Sequences.text(merged)).isEqualTo("a!");
    assertThat(onBob.merge(onAlice)).isEqualTo(merged);
    assertThat(gc.status().stableCut()).isEqualTo(merged.context().vectorClock());
    assertThat(gc.afterChange(merged).tombstones()).isEqualTo(1);
    assertThat(Sequences.text(gc.afterChange(merged))).isEqualTo("a!");
  }

  @Test
  void aSequenceIsNotRetirable() {
    // the page's pitfall: no fold of a retired replica, since ids order concurrent siblings
    assertThat(Retirable.class.isAssignableFrom(Sequence.class)).isFalse();
    assertThatThrownBy(() -> BRACKETS.renameReplica(ALICE, BOB, 0))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("reorder the document");
  }
}
