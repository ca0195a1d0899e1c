package io.crdtkit.jackson;

import static io.crdtkit.jackson.GoldenVectors.A;
import static io.crdtkit.jackson.GoldenVectors.B;

import io.crdtkit.Sequence;
import io.crdtkit.Sequences;
import io.crdtkit.clock.VectorClock;

/**
 * Small sequences with the surprising parts in them, for the golden vectors and the codec's scenario tests. Never
 * change one once its vectors are checked in.
 */
final class SequenceStates {

  private SequenceStates() {}

  /** {@code a} typed "helo"; the one replica holding it. */
  static Sequence<Character> typed() {
    return Sequences.insertString(Sequence.empty(), A, 0, "helo");
  }

  /**
   * "hello!" with its "h" deleted: {@code a} typed "helo", then inserted the missing "l" before the "o" (a left
   * child, as the "l" before it already has a right child); {@code b} concurrently typed "!" at the end; {@code a}
   * merged it and deleted the "h".
   */
  static Sequence<Character> text() {
    Sequence<Character> onA = typed().insert(A, 3, 'l');
    Sequence<Character> onB = Sequences.insertString(typed(), B, 4, "!");
    return onA.merge(onB).delete(A, 0, 1);
  }

  /** The delta of {@code b} typing "!!" at the end of {@link #text()}: ids and a parent, nothing else. */
  static Sequence<Character> insertDelta() {
    return Sequences.deltaInsertString(text(), B, 5, "!!");
  }

  /** The delta of {@code b} deleting "ll" from {@link #text()}: two tombstones and the delete's dot. */
  static Sequence<Character> deleteDelta() {
    return text().deltaDelete(B, 1, 2);
  }

  /** A replica that received only the second of {@code a}'s two inserts: its element waits for its parent. */
  static Sequence<Character> pending() {
    Sequence<Character> first = Sequences.insertString(Sequence.empty(), A, 0, "ab");
    return Sequence.<Character>empty().merge(Sequences.deltaInsertString(first, A, 2, "c"));
  }

  /**
   * {@link #text()} with its "!" deleted, collected once everything was stable: both tombstones are gone (their ids
   * stay in the context); the "e" that hung from the "h" now hangs from the root.
   */
  static Sequence<Character> collected() {
    Sequence<Character> text = text().delete(A, 4, 1);
    return text.collect(text.context().vectorClock(), VectorClock.empty());
  }

  /** A sequence of strings (each written by the mapper), one deleted. */
  static Sequence<String> strings() {
    return Sequence.<String>empty().insert(A, 0, "milk").insert(A, 1, "eggs").insert(B, 0, "bread").delete(A, 1, 1);
  }
}
