package io.crdtkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Collection of a {@link Sequence}'s tombstones at a stable cut: what goes, what stays, and why a stale state or a
 * late delta can neither bring a collected element back nor name it. The cuts here are given by hand; crdt-laws
 * runs the same with crdt-gc's tracker and arbitrary delivery.
 */
class SequenceGcTest {

  private static final ReplicaId A = ReplicaId.of("a");
  private static final ReplicaId B = ReplicaId.of("b");

  private static Sequence<Character> text(ReplicaId replica, String s) {
    return Sequences.insertString(Sequence.empty(), replica, 0, s);
  }

  /** Everything this state has seen, as a cut: stable when no other replica exists or all have merged it. */
  private static VectorClock all(Sequence<?> s) {
    return s.context().vectorClock();
  }

  @Nested
  class WhatGoes {

    @Test
    void aDeletedRunWithoutLiveDescendantsGoesEntirely() {
      // "brave " typed into "hello world" is a run of its own, the left child of "w": nothing hangs off it.
      Sequence<Character> doc = Sequences.insertString(text(A, "hello world"), A, 6, "brave ").delete(A, 6, 6);

      Sequence<Character> collected = doc.collect(all(doc), VectorClock.empty());

      assertThat(Sequences.text(collected)).isEqualTo("hello world");
      assertThat(doc.tombstones()).isEqualTo(6);
      assertThat(collected.parts().runs()).hasSize(1);
      assertThat(collected.tombstones()).isZero();
      assertThat(collected.parts().runs()).allSatisfy(run -> assertThat(run.deletedBy()).isEmpty());
      collected.checkInvariants();
    }

    @Test
    void aTombstoneInsideATypedRunIsSplicedOut_itsChildTakesItsPlace() {
      // "abc" is one run: c is the right child of b; once b is gone, c is the right child of a, in b's place.
      Sequence<Character> doc = text(A, "abc").delete(A, 1, 1);

      Sequence<Character> collected = doc.collect(all(doc), VectorClock.empty());

      assertThat(Sequences.text(collected)).isEqualTo("ac");
      assertThat(collected.tombstones()).isZero();
      assertThat(collected.parts().runs().get(1).parent()).isEqualTo(doc.idAt(0));
      collected.checkInvariants();
    }

    @Test
    void aTombstoneWithALeftChildStaysAsAnIdAndAPlaceWithoutItsValue() {
      // "ac", then "b" typed between them: b is the left child of c. With c deleted, c's id orders b's place.
      Sequence<Character> doc = text(A, "ac").insert(B, 1, 'b').insert(B, 3, 'd').delete(A, 2, 1);

      Sequence<Character> collected = doc.collect(all(doc), VectorClock.empty());

      assertThat(Sequences.text(collected)).isEqualTo("abd");
      assertThat(collected.tombstones()).isEqualTo(1);
      collected.checkInvariants();
    }

    @Test
    void aTombstoneLeftWithOneChildFromAnotherRunStays_asItsIdOrdersThatChild() {
      Sequence<Character> doc = text(A, "ac").insert(B, 1, 'b').insert(B, 3, 'd').delete(A, 2, 1);
      doc = doc.collect(all(doc), VectorClock.empty()).delete(A, 1, 1);

      Sequence<Character> collected = doc.collect(all(doc), VectorClock.empty());

      // b went (a leaf); c keeps d, its right child from another replica: a future right child of a would be
      // ordered against c's id on a replica that has not collected, so d cannot take c's place.
      assertThat(Sequences.text(collected)).isEqualTo("ad");
      assertThat(collected.tombstones()).isEqualTo(1);
      collected.checkInvariants();
    }

    @Test
    void aDeleteAboveTheStableCutIsKept() {
      Sequence<Character> base = text(A, "hello world");
      Sequence<Character> doc = base.delete(B, 0, 6);

      Sequence<Character> collected = doc.collect(all(base), VectorClock.empty());

      assertThat(collected).isSameAs(doc);
      assertThat(collected.tombstones()).isEqualTo(6);
    }

    @Test
    void withoutTombstonesCollectionReturnsTheSameState() {
      Sequence<Character> doc = text(A, "hello");
      assertThat(doc.collect(all(doc), all(doc))).isSameAs(doc);
    }
  }

  @Nested
  class StaleInput {

    @Test
    void aStaleStateThatStillHoldsTheElementLiveDoesNotBringItBack() {
      Sequence<Character> stale = Sequences.insertString(text(A, "hello world"), A, 6, "brave ");
      Sequence<Character> doc = stale.delete(A, 6, 6);
      Sequence<Character> collected = doc.collect(all(doc), VectorClock.empty());

      Sequence<Character> merged = collected.merge(stale);
      Sequence<Character> other = stale.merge(collected);

      assertThat(Sequences.text(merged)).isEqualTo("hello world");
      assertThat(other).isEqualTo(merged);
      merged.checkInvariants();
      other.checkInvariants();
    }

    @Test
    void aStaleStateThatHoldsTheTombstoneDoesNotBringItBackEitherWay() {
      Sequence<Character> doc = Sequences.insertString(text(A, "hello world"), A, 6, "brave ").delete(A, 6, 6);
      Sequence<Character> collected = doc.collect(all(doc), VectorClock.empty());

      assertThat(collected.merge(doc)).isEqualTo(collected);
      assertThat(doc.merge(collected)).isEqualTo(collected);
      assertThat(doc.isLessOrEqual(collected)).isTrue();
    }

    @Test
    void aStaleStateWithNewWorkKeepsTheWorkAndLosesTheCollectedElements() {
      Sequence<Character> base = Sequences.insertString(text(A, "hello world"), A, 6, "brave ");
      // B edits elsewhere, and has merged A's delete: it would be in the stable cut.
      Sequence<Character> doc = base.delete(A, 6, 6);
      Sequence<Character> onB = doc.insert(B, 0, '>');
      Sequence<Character> collected = doc.collect(all(doc), VectorClock.empty());

      Sequence<Character> merged = collected.merge(onB);

      assertThat(Sequences.text(merged)).isEqualTo(">hello world");
      assertThat(onB.merge(collected)).isEqualTo(merged);
      merged.checkInvariants();
    }

    @Test
    void aDeleteDeltaOfACollectedElementChangesNothing() {
      Sequence<Character> base = Sequences.insertString(text(A, "hello world"), A, 6, "brave ");
      Sequence<Character> deleteOnB = base.deltaDelete(B, 6, 6);
      Sequence<Character> doc = base.merge(deleteOnB).delete(A, 0, 1);
      Sequence<Character> collected = doc.collect(all(doc), VectorClock.empty());

      assertThat(collected.merge(deleteOnB)).isSameAs(collected);
    }
  }

  @Nested
  class LateDeltas {

    @Test
    void anInsertConcurrentWithTheDeleteIsMergedBeforeTheDeleteIsStable_soItsParentIsKept() {
      Sequence<Character> base = text(A, "ab");
      // A deletes "b"; B, not having seen that, types "!" after "b": "!" names the live "b" as its parent.
      Sequence<Character> deleteOnA = base.deltaDelete(A, 1, 1);
      Sequence<Character> insertOnB = base.deltaInsert(B, 2, '!');
      // crdt-gc's rule 2: A accepts B's report that it merged the delete only once A has merged what B did before.
      Sequence<Character> onA = base.merge(deleteOnA).merge(insertOnB);

      Sequence<Character> collected = onA.collect(all(onA), VectorClock.empty());

      assertThat(Sequences.text(collected)).isEqualTo("a!");
      assertThat(collected.tombstones()).isEqualTo(1);
      collected.checkInvariants();
    }

    @Test
    void aCutThatBreaksRuleTwoIsCaughtByTheInvariantCheck() {
      Sequence<Character> base = text(A, "ab");
      Sequence<Character> deleteOnA = base.deltaDelete(A, 1, 1);
      Sequence<Character> insertOnB = base.deltaInsert(B, 2, '!');
      Sequence<Character> onA = base.merge(deleteOnA);
      // Collecting before B's concurrent insert arrived: a cut crdt-gc would not give.
      Sequence<Character> tooEarly = onA.collect(all(onA), VectorClock.empty());

      Sequence<Character> orphaned = tooEarly.merge(insertOnB);

      assertThat(Sequences.text(orphaned)).isEqualTo("a");
      assertThatThrownBy(orphaned::checkInvariants)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("waits for its parent")
          .hasMessageContaining("collected");
    }

    @Test
    void noInsertNamesATombstone_evenWhereFugueWould() {
      // "abc", "c" deleted: Fugue would make "d" (typed after "b") the left child of the tombstone "c".
      Sequence<Character> doc = text(A, "abc").delete(A, 2, 1);

      Sequence<Character> delta = doc.deltaInsert(A, 2, 'd');

      Sequence.Run<Character> run = delta.parts().runs().get(0);
      assertThat(run.parent()).isEqualTo(doc.idAt(1));
      assertThat(run.leftChild()).isFalse();
      assertThat(Sequences.text(doc.merge(delta))).isEqualTo("abd");
      doc.merge(delta).checkInvariants();
    }
  }

  /** Found by crdt-laws' Sequence suite, each as its minimal history. */
  @Nested
  class FoundByTheLawSuite {

    @Test
    void aStableTombstoneInsideATypedRunIsCollected() {
      Sequence<Character> deleted = text(A, "zyxx").delete(A, 1, 1);
      Sequence<Character> collected = deleted.collect(deleted.progress(), deleted.progress());

      assertThat(Sequences.text(collected)).isEqualTo("zxx");
      assertThat(collected.tombstones()).isZero();
    }

    @Test
    void aDeleteDeltaArrivingBeforeTheInsertOfWhatItDeletesKeepsItsTombstone() {
      ReplicaId c = ReplicaId.of("c");
      ReplicaId d = ReplicaId.of("d");
      Sequence<Character> onD = text(d, "abc");
      Sequence<Character> insertDelta = Sequences.deltaInsertString(onD, c, 1, "xy");
      Sequence<Character> onC = Sequences.insertString(onD, c, 1, "xy");
      Sequence<Character> deleteDelta = onC.deltaDelete(c, 3, 1);

      Sequence<Character> early = Sequence.<Character>empty().merge(insertDelta).merge(deleteDelta);

      assertThat(early.tombstones()).isEqualTo(1);
      early.checkInvariants();
      assertThat(Sequences.text(early.merge(onD))).isEqualTo("axyc");
    }

    @Test
    void aStaleStateDoesNotBringBackWhatACollectedStateDeleted() {
      Sequence<Character> once = text(A, "o").delete(A, 0, 1);
      once = once.collect(once.progress(), once.progress());
      Sequence<Character> stale = Sequences.insertString(once, A, 0, "pqrs");
      Sequence<Character> deleted = stale.delete(A, 1, 1).delete(A, 2, 1);
      Sequence<Character> collected = deleted.collect(deleted.progress(), deleted.progress());
      assertThat(Sequences.text(collected)).isEqualTo("pr");

      assertThat(Sequences.text(collected.merge(stale))).isEqualTo("pr");
      assertThat(Sequences.text(stale.merge(collected))).isEqualTo("pr");
      assertThat(stale.merge(collected)).isEqualTo(collected.merge(stale));
    }

    @Test
    void aStateThatSplicedMergesWithOneThatDidNot_andTheChildsPlaceFollows() {
      Sequence<Character> doc = text(A, "abcd").delete(A, 1, 2);
      Sequence<Character> spliced = doc.collect(all(doc), VectorClock.empty());
      Sequence<Character> halfway = doc.collect(all(text(A, "ab")).merge(all(doc).without(A)), VectorClock.empty());

      for (Sequence<Character> other : List.of(doc, halfway)) {
        Sequence<Character> one = spliced.merge(other);
        Sequence<Character> two = other.merge(spliced);
        assertThat(Sequences.text(one)).isEqualTo("ad");
        assertThat(two).isEqualTo(one);
        one.checkInvariants();
        two.checkInvariants();
      }
    }
  }

  @Nested
  class SplicedDeltas {

    @Test
    void aDeleteDeltaFromASplicedReplicaLeavesTheChildUnderTheTombstoneWhereTheTombstoneIsKept() {
      Sequence<Character> doc = text(A, "abcd").delete(A, 1, 1);
      Sequence<Character> spliced = doc.collect(all(doc), VectorClock.empty());
      // The spliced replica deletes "c", whose place it moved up to "a"; the other still holds "b" above it.
      Sequence<Character> delta = spliced.deltaDelete(A, 1, 1);

      Sequence<Character> inPlace = doc.merge(delta);
      Sequence<Character> throughTheJoin = delta.merge(doc);
      Sequence<Character> pending = doc.merge(Sequence.<Character>empty().merge(delta).merge(text(B, "z")));

      assertThat(throughTheJoin).isEqualTo(inPlace);
      assertThat(Sequences.text(inPlace)).isEqualTo("ad");
      assertThat(Sequences.text(pending)).isIn("zad", "adz");
      pending.checkInvariants();
      inPlace.checkInvariants();
      throughTheJoin.checkInvariants();
    }
  }

  @Nested
  class Traces {

    @Test
    void replayingTheAutomergePaperWithCollectionEveryThousandPatchesGivesTheSameText() {
      EditingTrace trace = EditingTrace.load("automerge-paper");
      ReplicaId author = ReplicaId.of("author");
      Sequence<Character> doc = Sequence.empty();
      int done = 0;
      for (EditingTrace.Patch patch : trace.patches()) {
        doc = patch.applyTo(doc, author);
        if (++done % 1_000 == 0) {
          doc = doc.collect(all(doc), VectorClock.empty());
        }
      }
      Sequence<Character> collected = doc.collect(all(doc), VectorClock.empty());
      System.out.printf("trace automerge-paper with collection: %d tombstones left of %d elements%n",
          collected.tombstones(), collected.parts().runs().stream().mapToInt(r -> r.values().size()).sum());

      assertThat(Sequences.text(collected)).isEqualTo(trace.endContent());
      collected.checkInvariants();
    }

    @Test
    void replayingTheConcurrentTraceWithCollectionGivesTheFinalTextOnEveryReplica() {
      EditingTrace trace = EditingTrace.load("clownschool");
      List<EditingTrace.Txn> txns = trace.txns();
      // A transaction's document can be merged again until its last use as a parent: it is alive till then.
      int[] lastUse = new int[txns.size()];
      for (int t = 0; t < txns.size(); t++) {
        lastUse[t] = t;
        for (int parent : txns.get(t).parents()) {
          lastUse[parent] = t;
        }
      }
      List<Sequence<Character>> after = new java.util.ArrayList<>(txns.size());
      java.util.Set<Integer> alive = new java.util.TreeSet<>();
      int collections = 0;
      for (int t = 0; t < txns.size(); t++) {
        EditingTrace.Txn txn = txns.get(t);
        Sequence<Character> doc = txn.replay(after);
        final int now = t;
        alive.removeIf(i -> lastUse[i] < now);
        // The stable cut: what every document that can still be merged has seen. This one may collect at it once
        // it holds all of them (crdt-gc's rule 2: everything concurrent with a stable delete has arrived here).
        VectorClock cut = all(doc);
        boolean holdsAll = true;
        for (int i : alive) {
          cut = cut.intersect(all(after.get(i)));
          holdsAll &= after.get(i).context().isLessOrEqual(doc.context());
        }
        if (holdsAll && t % 50 == 0) {
          doc = doc.collect(cut, VectorClock.empty());
          doc.checkInvariants();
          collections++;
        }
        after.add(doc);
        alive.add(t);
      }
      Sequence<Character> end = after.get(after.size() - 1);
      System.out.printf("trace clownschool with %d collections: %d tombstones left%n", collections,
          end.tombstones());

      assertThat(collections).isGreaterThan(10);
      assertThat(Sequences.text(end)).isEqualTo(trace.endContent());
      // Every agent's last document, merged with the final one, reads the final text.
      for (int t = 0; t < txns.size(); t++) {
        if (lastUse[t] == t) {
          assertThat(Sequences.text(after.get(t).merge(end))).isEqualTo(trace.endContent());
        }
      }
      end.checkInvariants();
    }
  }
}
