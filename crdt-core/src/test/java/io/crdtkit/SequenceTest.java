package io.crdtkit;

import static io.crdtkit.Sequences.characters;
import static io.crdtkit.Sequences.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Scenario tests for {@link Sequence}: concurrent runs never interleave, typed forward or backward; local edits by
 * index; deltas; runs; and convergence of three replicas under random edits and random merge orders (seeded).
 */
class SequenceTest {

  private static final ReplicaId A = ReplicaId.of("a");
  private static final ReplicaId B = ReplicaId.of("b");
  private static final ReplicaId C = ReplicaId.of("c");

  private static Sequence<Character> typed(ReplicaId replica, String text) {
    return Sequence.<Character>empty().insertAll(replica, 0, characters(text));
  }

  /** {@code text} typed one character at a time from {@code index}, forward. */
  private static Sequence<Character> typeForward(Sequence<Character> doc, ReplicaId replica, int index, String text) {
    Sequence<Character> next = doc;
    for (int i = 0; i < text.length(); i++) {
      next = next.insert(replica, index + i, text.charAt(i));
    }
    return next;
  }

  /** {@code text} typed backwards: its last character first, each one at {@code index}, before the previous one. */
  private static Sequence<Character> typeBackward(Sequence<Character> doc, ReplicaId replica, int index,
      String text) {
    Sequence<Character> next = doc;
    for (int i = text.length() - 1; i >= 0; i--) {
      next = next.insert(replica, index, text.charAt(i));
    }
    return next;
  }

  @Nested
  class NoInterleaving {

    @Test
    void concurrentRunsTypedForwardAtTheSamePlaceStayWhole() {
      Sequence<Character> base = typed(C, "[]");
      Sequence<Character> onA = typeForward(base, A, 1, "abc");
      Sequence<Character> onB = typeForward(base, B, 1, "xyz");

      assertThat(text(onA.merge(onB))).isIn("[abcxyz]", "[xyzabc]");
      assertThat(onA.merge(onB)).isEqualTo(onB.merge(onA));
    }

    @Test
    void concurrentRunsTypedBackwardAtTheSamePlaceStayWhole() {
      // The case where RGA interleaves: each character goes before the one typed just before it.
      Sequence<Character> base = typed(C, "[]");
      Sequence<Character> onA = typeBackward(base, A, 1, "abc");
      Sequence<Character> onB = typeBackward(base, B, 1, "xyz");

      assertThat(text(onA)).isEqualTo("[abc]");
      assertThat(text(onA.merge(onB))).isIn("[abcxyz]", "[xyzabc]");
      assertThat(onA.merge(onB)).isEqualTo(onB.merge(onA));
    }

    @Test
    void concurrentRunsIntoAnEmptyDocumentStayWhole() {
      Sequence<Character> onA = typeForward(Sequence.empty(), A, 0, "abc");
      Sequence<Character> onB = typeBackward(Sequence.empty(), B, 0, "xyz");

      assertThat(text(onA.merge(onB))).isIn("abcxyz", "xyzabc");
    }

    @Test
    void oneForwardOneBackwardStayWhole() {
      Sequence<Character> base = typed(C, "[]");
      Sequence<Character> onA = typeForward(base, A, 1, "abcd");
      Sequence<Character> onB = typeBackward(base, B, 1, "wxyz");

      assertThat(text(onA.merge(onB))).isIn("[abcdwxyz]", "[wxyzabcd]");
    }

    @Test
    void threeConcurrentRunsStayWholeInEveryMergeOrder() {
      Sequence<Character> base = typed(C, "[]");
      Sequence<Character> onA = typeForward(base, A, 1, "aaa");
      Sequence<Character> onB = typeBackward(base, B, 1, "bbb");
      Sequence<Character> onC = typeForward(base, C, 1, "ccc");

      String merged = text(onA.merge(onB).merge(onC));
      assertThat(merged).matches("\\[(aaa|bbb|ccc){3}]");
      assertThat(text(onC.merge(onA.merge(onB)))).isEqualTo(merged);
      assertThat(text(onB.merge(onC).merge(onA))).isEqualTo(merged);
    }
  }

  @Nested
  class LocalEdits {

    @Test
    void theClassCommentExampleHolds() {
      Sequence<Character> base = Sequence.<Character>empty().insertAll(A, 0, List.of('-', '-'));
      Sequence<Character> onA = base.insertAll(A, 1, List.of('a', 'b', 'c'));
      Sequence<Character> onB = base.insertAll(B, 1, List.of('x', 'y', 'z'));

      assertThat(onA.merge(onB).value()).containsExactly('-', 'a', 'b', 'c', 'x', 'y', 'z', '-');
      assertThat(Sequences.text(Sequences.insertString(Sequences.insertString(Sequence.empty(), A, 0, "hello"), B, 5,
          " world"))).isEqualTo("hello world");
    }

    @Test
    void insertDeleteAndGetByIndex() {
      Sequence<Character> doc = typed(A, "hello world").delete(A, 5, 6).insertAll(A, 0, characters("oh, "));

      assertThat(text(doc)).isEqualTo("oh, hello");
      assertThat(doc.size()).isEqualTo(9);
      assertThat(doc.get(4)).isEqualTo('h');
      assertThat(doc.idAt(4)).isEqualTo(Dot.of(A, 1));
    }

    @Test
    void insertingInsideARunCutsItAndKeepsTheOrder() {
      Sequence<Character> doc = typed(A, "ace").insert(B, 1, 'b').insert(B, 3, 'd');

      assertThat(text(doc)).isEqualTo("abcde");
      assertThat(doc.merge(typed(A, "ace"))).isEqualTo(doc);
    }

    @Test
    void insertingNextToATombstoneKeepsItsPlaceForConcurrentEdits() {
      Sequence<Character> base = typed(A, "abc");
      Sequence<Character> onA = base.delete(A, 1, 1).insert(A, 1, 'X');
      Sequence<Character> onB = base.insert(B, 2, 'Y');

      assertThat(text(onA)).isEqualTo("aXc");
      assertThat(text(onA.merge(onB))).isEqualTo("aXYc");
      assertThat(onA.merge(onB)).isEqualTo(onB.merge(onA));
    }

    @Test
    void longRunsAreSplitIntoBoundedPiecesAndReadBackWhole() {
      String long1 = "x".repeat(150);
      Sequence<Character> doc = typed(A, long1).insertAll(A, 150, characters("y".repeat(70)));

      assertThat(text(doc)).isEqualTo(long1 + "y".repeat(70));
      assertThat(doc.delete(A, 10, 200).size()).isEqualTo(20);
    }

    @Test
    void outOfRangeIndexesAreRefused() {
      Sequence<Character> doc = typed(A, "ab");

      assertThatThrownBy(() -> doc.insert(A, 3, 'x')).isInstanceOf(IndexOutOfBoundsException.class);
      assertThatThrownBy(() -> doc.delete(A, 1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
      assertThatThrownBy(() -> doc.get(2)).isInstanceOf(IndexOutOfBoundsException.class);
      assertThat(doc.delete(A, 2, 0)).isSameAs(doc);
      assertThat(doc.insertAll(A, 1, List.of())).isSameAs(doc);
    }
  }

  @Nested
  class Deltas {

    @Test
    void mergingEachDeltaEqualsTheFullMutator() {
      Sequence<Character> doc = typed(A, "hello");

      assertThat(doc.merge(doc.deltaInsert(B, 2, 'X'))).isEqualTo(doc.insert(B, 2, 'X'));
      assertThat(doc.merge(doc.deltaInsertAll(B, 5, characters("!!")))).isEqualTo(doc.insertAll(B, 5,
          characters("!!")));
      assertThat(doc.merge(doc.deltaDelete(B, 1, 3))).isEqualTo(doc.delete(B, 1, 3));
      assertThat(text(doc.merge(doc.deltaDelete(B, 1, 3)))).isEqualTo("ho");
    }

    @Test
    void deltasDeliveredInAnyOrderConverge() {
      Sequence<Character> doc = Sequence.empty();
      List<Sequence<Character>> deltas = new ArrayList<>();
      for (String word : List.of("the ", "quick ", "brown ", "fox")) {
        Sequence<Character> delta = doc.deltaInsertAll(A, doc.size(), characters(word));
        deltas.add(delta);
        doc = doc.merge(delta);
      }
      Sequence<Character> deletion = doc.deltaDelete(A, 4, 6);
      deltas.add(deletion);
      doc = doc.merge(deletion);

      Random random = new Random(7);
      for (int round = 0; round < 20; round++) {
        List<Sequence<Character>> shuffled = new ArrayList<>(deltas);
        Collections.shuffle(shuffled, random);
        Sequence<Character> received = Sequence.empty();
        for (Sequence<Character> delta : shuffled) {
          received = received.merge(delta);
        }
        assertThat(received).isEqualTo(doc);
        assertThat(text(received)).isEqualTo("the brown fox");
      }
    }
  }

  @Nested
  class Convergence {

    @Test
    void threeReplicasWithRandomEditsAndRandomMergeOrdersEndEqual() {
      long seed = System.nanoTime();
      Random random = new Random(seed);
      List<ReplicaId> ids = List.of(A, B, C);
      for (int history = 0; history < 200; history++) {
        List<Sequence<Character>> replicas = new ArrayList<>(List.of(Sequence.empty(), Sequence.empty(),
            Sequence.empty()));
        for (int step = 0; step < 40; step++) {
          int r = random.nextInt(3);
          Sequence<Character> doc = replicas.get(r);
          int action = random.nextInt(10);
          if (action < 5) {
            String run = "abcdefgh".substring(0, 1 + random.nextInt(4));
            doc = doc.insertAll(ids.get(r), random.nextInt(doc.size() + 1), characters(run));
          } else if (action < 7 && doc.size() > 0) {
            int index = random.nextInt(doc.size());
            doc = doc.delete(ids.get(r), index, 1 + random.nextInt(Math.min(3, doc.size() - index)));
          } else {
            doc = doc.merge(replicas.get(random.nextInt(3)));
          }
          replicas.set(r, doc);
        }
        List<Integer> order = new ArrayList<>(List.of(0, 1, 2));
        List<Sequence<Character>> ends = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
          Collections.shuffle(order, random);
          Sequence<Character> end = replicas.get(r);
          for (int from : order) {
            end = end.merge(replicas.get(from));
          }
          ends.add(end);
        }
        String context = "seed " + seed + ", history " + history;
        assertThat(ends.get(1)).as(context).isEqualTo(ends.get(0));
        assertThat(ends.get(2)).as(context).isEqualTo(ends.get(0));
        assertThat(text(ends.get(2))).as(context).isEqualTo(text(ends.get(0)));
      }
    }
  }
}
