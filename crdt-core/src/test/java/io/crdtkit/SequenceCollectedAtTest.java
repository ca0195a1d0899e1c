package io.crdtkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import org.junit.jupiter.api.Test;

/**
 * crdt-net collects after every update. A sequence remembers the stable cut it was last collected at, across its own
 * edits, so that a collection at the same cut does not walk the whole text again while a delete waits for
 * stability; a higher cut, or a merge, collects as before.
 */
class SequenceCollectedAtTest {

  private static final ReplicaId A = ReplicaId.of("a");
  private static final ReplicaId B = ReplicaId.of("b");

  @Test
  void aCollectionAtTheSameCutAfterLocalEditsChangesNothingAndAHigherCutStillCollects() {
    Sequence<Character> doc = Sequences.insertString(Sequence.empty(), A, 0, "hello brave world");
    VectorClock beforeDelete = doc.context().vectorClock();
    doc = doc.delete(A, 6, 6);                          // "brave " waits for stability
    Sequence<Character> collected = doc.collect(beforeDelete, VectorClock.empty());
    assertThat(collected).isSameAs(doc);               // the delete is above the cut: nothing goes

    Sequence<Character> typed = Sequences.insertString(collected, A, 11, "!").delete(A, 0, 1);
    assertThat(typed.collect(beforeDelete, VectorClock.empty())).isSameAs(typed);
    assertThat(typed.tombstones()).isEqualTo(7);

    Sequence<Character> stable = typed.collect(typed.context().vectorClock(), VectorClock.empty());
    assertThat(Sequences.text(stable)).isEqualTo("ello world!");
    assertThat(stable.tombstones()).isZero();
    stable.checkInvariants();
  }

  @Test
  void aMergeForgetsTheCutAndCollectsWhatItBrought() {
    Sequence<Character> doc = Sequences.insertString(Sequence.empty(), A, 0, "abc");
    Sequence<Character> other = doc.delete(B, 1, 1);
    VectorClock cut = doc.context().vectorClock();
    Sequence<Character> collected = doc.collect(cut, VectorClock.empty());

    Sequence<Character> merged = collected.merge(other);
    Sequence<Character> again = merged.collect(merged.context().vectorClock(), VectorClock.empty());

    assertThat(Sequences.text(again)).isEqualTo("ac");
    assertThat(again.tombstones()).isZero();
    again.checkInvariants();
  }
}
