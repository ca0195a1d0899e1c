package io.crdtkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.ClockOffsetException;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.HlcTimestamp;
import io.crdtkit.clock.HybridLogicalClock;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import io.vavr.collection.HashMap;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Scenario tests for {@link LWWMap}: deletes against concurrent older puts in every merge order, tombstones, puts
 * through a clock after a remote delete, the replica-id tie-break, conflicting writes, same-instance merges,
 * equality over tombstones and text; each winning write's dot, losing writes that change nothing, dropped stable
 * tombstones that stale copies cannot revive, and entries without dots (as an earlier format decodes them).
 */
class LWWMapTest {

  private static final ReplicaId A = ReplicaId.of("a");
  private static final ReplicaId B = ReplicaId.of("b");
  private static final Duration MAX_OFFSET = Duration.ofSeconds(5);

  private static HybridLogicalClock clockAt(ReplicaId replica, long millis) {
    return HybridLogicalClock.create(replica, Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC), MAX_OFFSET);
  }

  private static LWWMap<String, String> empty() {
    return LWWMap.empty();
  }

  @Nested
  class DeleteVersusPut {

    @Test
    void aDeleteWinsOverAConcurrentOlderPutInEveryMergeOrder() {
      LWWMap<String, String> base = empty().put(HlcTimestamp.of(1_000, 0, A), "theme", "light");
      LWWMap<String, String> deleted = base.remove(HlcTimestamp.of(3_000, 0, A), "theme");
      LWWMap<String, String> olderPut = base.put(HlcTimestamp.of(2_000, 0, B), "theme", "dark");

      for (List<LWWMap<String, String>> order : List.of(
          List.of(base, deleted, olderPut), List.of(base, olderPut, deleted), List.of(deleted, base, olderPut),
          List.of(deleted, olderPut, base), List.of(olderPut, base, deleted), List.of(olderPut, deleted, base))) {
        LWWMap<String, String> merged = order.get(0).merge(order.get(1)).merge(order.get(2));

        assertThat(merged.get("theme")).as("merged in order %s", order).isEmpty();
        assertThat(merged.containsKey("theme")).isFalse();
        assertThat(merged.size()).isZero();
        assertThat(merged.tombstones()).isEqualTo(1);
        assertThat(merged.registers()).isEqualTo(deleted.registers());
        assertThat(merged.dots()).isEqualTo(deleted.dots());
        // the losing put is seen, not held
        assertThat(merged.context()).isEqualTo(deleted.context().add(Dot.of(B, 1)));
      }
    }

    @Test
    void aNewerPutRevivesADeletedKey() {
      LWWMap<String, String> deleted = empty()
          .put(HlcTimestamp.of(1_000, 0, A), "theme", "light")
          .remove(HlcTimestamp.of(2_000, 0, A), "theme");
      LWWMap<String, String> newerPut = empty().put(HlcTimestamp.of(3_000, 0, B), "theme", "dark");

      assertThat(deleted.merge(newerPut).get("theme")).containsExactly("dark");
      assertThat(newerPut.merge(deleted).get("theme")).containsExactly("dark");
      assertThat(deleted.merge(newerPut).tombstones()).isZero();
    }

    @Test
    void aDeleteAndAPutInTheSameMillisecondAreOrderedByReplicaId() {
      LWWMap<String, String> deletedByB = empty().remove(HlcTimestamp.of(1_000, 0, B), "theme");
      LWWMap<String, String> putByA = empty().put(HlcTimestamp.of(1_000, 0, A), "theme", "dark");

      assertThat(deletedByB.merge(putByA).get("theme")).isEmpty();
      assertThat(putByA.merge(deletedByB).get("theme")).isEmpty();
      assertThat(putByA.merge(deletedByB).registers()).isEqualTo(deletedByB.registers());
      assertThat(putByA.merge(deletedByB)).isEqualTo(deletedByB.merge(putByA));
    }

    @Test
    void removingAKeyThatWasNeverPresentStillLeavesATombstone() {
      LWWMap<String, String> removed = empty().remove(clockAt(A, 1_000), "never-there");

      assertThat(removed.value()).isEmpty();
      assertThat(removed.tombstones()).isEqualTo(1);
      assertThat(removed).isNotEqualTo(empty());
    }
  }

  @Nested
  class WritingThroughAClock {

    @Test
    void aPutThroughTheClockAfterARemoteDeleteWinsEvenWithTheLocalClockBehind() {
      LWWMap<String, String> base = empty().put(clockAt(A, 1_000), "theme", "light");
      LWWMap<String, String> deletedOnB = base.remove(clockAt(B, 9_000), "theme");
      HybridLogicalClock clockA = clockAt(A, 5_000);

      LWWMap<String, String> putAgainOnA = base.merge(deletedOnB).put(clockA, "theme", "dark");

      assertThat(putAgainOnA.get("theme")).containsExactly("dark");
      assertThat(putAgainOnA.registers().get("theme").get().timestamp()).containsExactly(HlcTimestamp.of(9_000, 1, A));
      assertThat(deletedOnB.merge(putAgainOnA).get("theme")).containsExactly("dark");
      assertThat(putAgainOnA.merge(deletedOnB)).isSameAs(putAgainOnA);
      assertThat(putAgainOnA.tombstones()).isZero();
    }

    @Test
    void aPutWithAnExplicitTimestampOlderThanTheDeleteIsIgnored() {
      LWWMap<String, String> deleted = empty().remove(HlcTimestamp.of(9_000, 0, B), "theme");

      assertThat(deleted.put(HlcTimestamp.of(5_000, 0, A), "theme", "dark")).isSameAs(deleted);
      assertThat(deleted.deltaPut(HlcTimestamp.of(5_000, 0, A), "theme", "dark")).isSameAs(LWWMap.empty());
      assertThat(deleted.remove(HlcTimestamp.of(5_000, 0, A), "theme")).isSameAs(deleted);
      assertThat(deleted.deltaRemove(HlcTimestamp.of(5_000, 0, A), "theme")).isSameAs(LWWMap.empty());
    }

    @Test
    void clockOpsOrderAfterEveryWriteTheMapHasMergedNotOnlyTheirOwnKeys() {
      // So that a key whose tombstone was collected cannot be revived by a write that would have lost to it.
      LWWMap<String, String> map = empty().put(HlcTimestamp.of(9_000, 0, B), "theme", "dark");

      LWWMap<String, String> withLanguage = map.put(clockAt(A, 5_000), "lang", "en");

      assertThat(withLanguage.registers().get("lang").get().timestamp()).containsExactly(HlcTimestamp.of(9_000, 1, A));
      assertThat(withLanguage.latestTimestamp()).containsExactly(HlcTimestamp.of(9_000, 1, A));
      assertThat(withLanguage.value()).isEqualTo(HashMap.of("theme", "dark", "lang", "en"));
    }

    @Test
    void aCollectedTombstonesTimestampStillOrdersLaterClockWrites() {
      LWWMap<String, String> removed = empty().put(HlcTimestamp.of(1_000, 0, A), "theme", "dark")
          .remove(HlcTimestamp.of(9_000, 0, B), "theme");
      LWWMap<String, String> collected = removed.dropStableTombstones(VectorClock.of(java.util.Map.of(A, 2L, B, 1L)));
      assertThat(collected.tombstones()).isZero();

      LWWMap<String, String> rewritten = collected.put(clockAt(A, 5_000), "theme", "light");
      assertThat(rewritten.registers().get("theme").get().timestamp().get().isAfter(HlcTimestamp.of(9_000, 0, B)))
          .isTrue();
    }

    @Test
    void aKeyWrittenFarInTheFutureRejectsAClockPutAndNothingChanges() {
      HlcTimestamp fromBrokenClock = HlcTimestamp.of(1_000 + Duration.ofHours(1).toMillis(), 0, B);
      LWWMap<String, String> map = empty().put(fromBrokenClock, "theme", "dark");
      HybridLogicalClock clock = clockAt(A, 1_000);
      HlcTimestamp before = clock.current();

      assertThatThrownBy(() -> map.put(clock, "theme", "light"))
          .isInstanceOf(ClockOffsetException.class)
          .hasMessageContaining(fromBrokenClock.toString());
      assertThatThrownBy(() -> map.remove(clock, "theme")).isInstanceOf(ClockOffsetException.class);
      assertThat(clock.current()).isEqualTo(before);
      assertThat(map.get("theme")).containsExactly("dark");
    }

    @Test
    void deltaFormsMergeToTheFullMutators() {
      LWWMap<String, String> map = empty().put(HlcTimestamp.of(2_000, 0, B), "theme", "dark");

      assertThat(map.merge(map.deltaPut(clockAt(A, 1_000), "theme", "light")))
          .isEqualTo(map.put(clockAt(A, 1_000), "theme", "light"));
      assertThat(map.merge(map.deltaRemove(clockAt(A, 1_000), "theme")))
          .isEqualTo(map.remove(clockAt(A, 1_000), "theme"));
      assertThat(map.deltaPut(clockAt(A, 1_000), "lang", "en").registers().keySet()).containsExactly("lang");
      assertThat(map.deltaRemove(HlcTimestamp.of(3_000, 0, A), "theme").tombstones()).isEqualTo(1);
      // a delta has seen its own dot only
      assertThat(map.deltaPut(clockAt(A, 1_000), "lang", "en").context())
          .isEqualTo(CausalContext.empty().add(Dot.of(A, 1)));
    }
  }

  @Nested
  class CausalMetadata {

    private final VectorClock stableUpToA2 = VectorClock.of(java.util.Map.of(A, 2L));

    @Test
    void eachWinningWriteIsRecordedUnderADotOfItsTimestampsReplica() {
      LWWMap<String, String> map = empty()
          .put(HlcTimestamp.of(1_000, 0, A), "theme", "dark")
          .put(HlcTimestamp.of(2_000, 0, B), "lang", "en")
          .put(HlcTimestamp.of(3_000, 0, A), "theme", "light");

      assertThat(map.dots()).isEqualTo(HashMap.of("theme", Dot.of(A, 2), "lang", Dot.of(B, 1)));
      // the overwritten put a:1 is seen, not held
      assertThat(map.context()).isEqualTo(CausalContext.of(VectorClock.of(java.util.Map.of(A, 2L, B, 1L))));
    }

    @Test
    void aWriteThatLosesWhereItIsMadeMintsNoDot() {
      LWWMap<String, String> map = empty().put(HlcTimestamp.of(3_000, 0, B), "theme", "dark");

      LWWMap<String, String> afterLosingPut = map.put(HlcTimestamp.of(2_000, 0, A), "theme", "light");

      assertThat(afterLosingPut).isSameAs(map);
      assertThat(afterLosingPut.context().maxCounter(A)).isZero();
    }

    @Test
    void theMapRebuiltFromItsRegistersDotsAndContextIsEqual() {
      LWWMap<String, String> map = empty()
          .put(HlcTimestamp.of(1_000, 0, A), "theme", "dark")
          .remove(HlcTimestamp.of(2_000, 0, B), "lang");

      assertThat(LWWMap.of(map.registers(), map.dots(), map.context())).isEqualTo(map);
      assertThat(LWWMap.of(HashMap.empty(), HashMap.empty(), CausalContext.empty())).isSameAs(LWWMap.empty());
    }

    @Test
    void aDroppedStableTombstoneLetsNoStaleCopyBackInEitherMergeOrder() {
      LWWMap<String, String> stale = empty().put(HlcTimestamp.of(1_000, 0, A), "theme", "light");
      LWWMap<String, String> removed = stale.remove(HlcTimestamp.of(2_000, 0, A), "theme");

      LWWMap<String, String> collected = removed.dropStableTombstones(stableUpToA2);

      assertThat(collected.tombstones()).isZero();
      assertThat(collected.value()).isEmpty();
      assertThat(collected.context()).isEqualTo(removed.context());
      // the collected tombstone's timestamp is still the latest the map has merged: clock writes go past it
      assertThat(collected.latestTimestamp()).contains(HlcTimestamp.of(2_000, 0, A));
      assertThat(LWWMap.of(collected.registers(), collected.dots(), collected.context(),
          collected.latestTimestamp().getOrNull())).isEqualTo(collected);
      assertThat(collected.merge(stale)).isSameAs(collected);
      assertThat(stale.merge(collected)).isEqualTo(collected);
      assertThat(collected.merge(removed)).isSameAs(collected);
      // regression: an early exit for "the other side holds nothing new" kept the tombstone in this order
      assertThat(removed.merge(collected)).isEqualTo(collected);
    }

    @Test
    void onlyTombstonesAtOrBelowTheCutAreDropped() {
      LWWMap<String, String> map = empty()
          .put(HlcTimestamp.of(1_000, 0, A), "theme", "dark")
          .remove(HlcTimestamp.of(2_000, 0, A), "lang")
          .remove(HlcTimestamp.of(3_000, 0, A), "font");

      LWWMap<String, String> collected = map.dropStableTombstones(stableUpToA2);

      assertThat(collected.registers().keySet()).containsExactlyInAnyOrder("theme", "font");
      assertThat(collected.dropStableTombstones(stableUpToA2)).isSameAs(collected);
      assertThat(map.dropStableTombstones(VectorClock.empty())).isSameAs(map);
    }

    /** Regression: each side kept its own form of the same write, so the two merge orders differed. */
    @Test
    void theSameWriteWithAndWithoutItsDotMergesToTheDottedFormInEitherOrder() {
      LWWMap<String, String> dotted = empty().put(HlcTimestamp.of(1_000, 0, A), "theme", "dark");
      LWWMap<String, String> withoutDot = LWWMap.of(dotted.registers());

      assertThat(dotted.merge(withoutDot)).isEqualTo(withoutDot.merge(dotted)).isEqualTo(dotted);
    }

    @Test
    void entriesWithoutDotsMergeByTimestampAloneAndAreNeverCollected() {
      LWWMap<String, String> stale = empty().put(HlcTimestamp.of(1_000, 0, A), "theme", "light");
      LWWMap<String, String> legacy = LWWMap.of(stale.remove(HlcTimestamp.of(2_000, 0, A), "theme").registers());

      assertThat(legacy.dots()).isEmpty();
      assertThat(legacy.context().isEmpty()).isTrue();
      assertThat(legacy.dropStableTombstones(stableUpToA2)).isSameAs(legacy);
      assertThat(legacy.merge(stale).get("theme")).isEmpty();
      assertThat(stale.merge(legacy).get("theme")).isEmpty();
    }
  }

  @Nested
  class MergeEqualityAndText {

    /** Two puts under one timestamp (a replica id reused without its clock): the merge keeps one, in any order. */
    @Test
    void conflictingPutsUnderOneTimestampKeepOneOfThemTheSameWayInEitherOrder() {
      HlcTimestamp reused = HlcTimestamp.of(1_000, 0, A);
      LWWMap<String, String> before = empty().put(reused, "theme", "light");
      LWWMap<String, String> after = empty().put(reused, "theme", "dark");

      assertThat(before.merge(after).value()).isEqualTo(after.merge(before).value());
      assertThat(before.merge(after).get("theme").get()).isIn("light", "dark");
    }

    @Test
    void mergeReturnsTheSameInstanceWhenTheOtherSideAddsNothing() {
      LWWMap<String, String> older = empty().put(HlcTimestamp.of(1_000, 0, A), "theme", "light");
      LWWMap<String, String> newer = older
          .put(HlcTimestamp.of(2_000, 0, A), "lang", "en")
          .remove(HlcTimestamp.of(3_000, 0, B), "theme");

      assertThat(newer.merge(older)).isSameAs(newer);
      assertThat(newer.merge(newer)).isSameAs(newer);
      assertThat(newer.merge(LWWMap.empty())).isSameAs(newer);
      assertThat(LWWMap.<String, String>empty().merge(newer)).isEqualTo(newer);
    }

    @Test
    void equalityIncludesTombstonesAndTimestamps() {
      LWWMap<String, String> live = empty().put(HlcTimestamp.of(1_000, 0, A), "theme", "dark");
      LWWMap<String, String> withTombstone = live.remove(HlcTimestamp.of(2_000, 0, A), "lang");
      LWWMap<String, String> rewritten = empty().put(HlcTimestamp.of(1_500, 0, B), "theme", "dark");

      assertThat(withTombstone.value()).isEqualTo(live.value());
      assertThat(withTombstone).isNotEqualTo(live);
      assertThat(rewritten).isNotEqualTo(live);
      assertThat(live.merge(rewritten)).isEqualTo(rewritten.merge(live)).hasSameHashCodeAs(rewritten.merge(live));
    }

    @Test
    void toStringShowsLiveRegistersAndTombstones() {
      LWWMap<String, String> map = empty()
          .put(HlcTimestamp.of(1_000, 0, A), "theme", "dark")
          .remove(HlcTimestamp.of(2_000, 1, B), "lang");

      assertThat(map.toString())
          .startsWith("LWWMap{")
          .contains("theme=LWWRegister(dark @ 1000.0@a) #a:1")
          .contains("lang=LWWRegister(cleared @ 2000.1@b) #b:1")
          .endsWith("} | seen {a:1, b:1}");
      assertThat(LWWMap.empty()).hasToString("LWWMap{} | seen {}");
    }
  }
}
