package io.crdtkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crdtkit.clock.HlcTimestamp;
import io.crdtkit.clock.HybridLogicalClock;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import io.vavr.collection.HashMap;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * Scenario tests for settled LWWMap keys (crdt-gc's GC.md, refinement 9): a live key whose write is stable keeps
 * its value only. Each scenario is the one the join rule for that pair of forms exists for, in both merge orders.
 */
class LWWMapSettlingTest {

  private static final ReplicaId A = ReplicaId.of("a");
  private static final ReplicaId B = ReplicaId.of("b");

  private final HybridLogicalClock clockA = clock(A);
  private final HybridLogicalClock clockB = clock(B);

  private static HybridLogicalClock clock(ReplicaId replica) {
    return HybridLogicalClock.create(replica, Clock.fixed(Instant.ofEpochMilli(1_000), ZoneOffset.UTC),
        Duration.ofSeconds(5));
  }

  /** Collected at everything it has seen: what a collector does once every replica reported having it all. */
  private static LWWMap<String, String> collectedAtItsContext(LWWMap<String, String> map) {
    return map.collect(map.context().vectorClock(), VectorClock.empty());
  }

  @Test
  void collectionSettlesStableLiveKeysAndDropsStableTombstonesWithoutChangingTheValue() {
    LWWMap<String, String> map = LWWMap.<String, String>empty()
        .put(clockA, "theme", "dark").put(clockA, "lang", "en").remove(clockA, "lang").put(clockB, "font", "mono");

    LWWMap<String, String> collected = map.collect(VectorClock.of(java.util.Map.of(A, 3L)), VectorClock.empty());

    assertThat(collected.value()).isEqualTo(map.value());
    assertThat(collected.settled()).isEqualTo(HashMap.of("theme", "dark"));
    assertThat(collected.registers().keySet()).containsExactly("font");
    assertThat(collected.tombstones()).isZero();
    assertThat(collected.stableCut()).isEqualTo(VectorClock.of(java.util.Map.of(A, 3L)));
    assertThat(collected.get("theme")).contains("dark");
    assertThat(collected.size()).isEqualTo(2);
    assertThat(collected.latestTimestamp()).isEqualTo(map.latestTimestamp());
    assertThat(collected.collect(VectorClock.of(java.util.Map.of(A, 3L)), VectorClock.empty())).isSameAs(collected);
    assertThat(LWWMap.fromParts(collected.parts())).isEqualTo(collected);
    assertThat(collected.toString()).contains("settled {theme=dark}");
  }

  @Test
  void aWriteTheSettlingSideHasNotSeenWinsOverTheSettledValueInEitherOrder() {
    LWWMap<String, String> onA = LWWMap.<String, String>empty().put(clockA, "theme", "dark");
    LWWMap<String, String> onB = onA.put(clockB, "theme", "light");
    LWWMap<String, String> settledOnA = collectedAtItsContext(onA);

    assertThat(settledOnA.merge(onB).get("theme")).contains("light");
    assertThat(onB.merge(settledOnA).get("theme")).contains("light");
    assertThat(settledOnA.merge(onB)).isEqualTo(onB.merge(settledOnA));
    assertThat(settledOnA.merge(onB.deltaRemove(clockB, "theme")).containsKey("theme")).isFalse();
  }

  @Test
  void aStaleCopyOfAWriteTheSettledSideHasSeenChangesNothing() {
    LWWMap<String, String> old = LWWMap.<String, String>empty().put(clockA, "theme", "dark");
    LWWMap<String, String> newer = old.put(clockA, "theme", "light");
    LWWMap<String, String> settled = collectedAtItsContext(newer);

    assertThat(settled.merge(old)).isSameAs(settled);
    assertThat(old.merge(settled)).isEqualTo(settled);
    assertThat(settled.merge(newer)).isSameAs(settled);
    assertThat(newer.merge(settled)).isEqualTo(settled);
  }

  @Test
  void aKeyRemovedSinceItSettledIsNotRevivedByAStaleSettledCopy() {
    LWWMap<String, String> written = LWWMap.<String, String>empty().put(clockA, "theme", "dark");
    LWWMap<String, String> staleSettled = collectedAtItsContext(written);
    LWWMap<String, String> removedAndCollected = collectedAtItsContext(staleSettled.remove(clockB, "theme"));

    assertThat(removedAndCollected.value()).isEmpty();
    assertThat(removedAndCollected.merge(staleSettled).containsKey("theme")).isFalse();
    assertThat(staleSettled.merge(removedAndCollected).containsKey("theme")).isFalse();
    assertThat(staleSettled.merge(removedAndCollected)).isEqualTo(removedAndCollected.merge(staleSettled));
  }

  @Test
  void aSideThatHasNotSeenTheCutAKeySettledAtKeepsItAsNew() {
    LWWMap<String, String> settled = collectedAtItsContext(LWWMap.<String, String>empty().put(clockA, "theme", "dark"));
    LWWMap<String, String> blank = LWWMap.<String, String>empty().put(clockB, "font", "mono");

    assertThat(blank.merge(settled).get("theme")).contains("dark");
    assertThat(settled.merge(blank).get("theme")).contains("dark");
  }

  @Test
  void anOlderSettledValueLosesToANewerSettledOneInEitherOrder() {
    LWWMap<String, String> first = LWWMap.<String, String>empty().put(clockA, "theme", "dark");
    LWWMap<String, String> staleSettled = collectedAtItsContext(first);
    LWWMap<String, String> newerSettled = collectedAtItsContext(staleSettled.put(clockB, "theme", "light"));

    assertThat(newerSettled.settled()).isEqualTo(HashMap.of("theme", "light"));
    assertThat(newerSettled.merge(staleSettled)).isSameAs(newerSettled);
    assertThat(staleSettled.merge(newerSettled)).isEqualTo(newerSettled);
  }

  @Test
  void aWriteWithAnExplicitTimestampWinsOverASettledKeyOnlyIfAfterTheLatestTimestamp() {
    LWWMap<String, String> settled = collectedAtItsContext(LWWMap.<String, String>empty()
        .put(HlcTimestamp.of(1_000, 0, A), "theme", "dark").put(HlcTimestamp.of(5_000, 0, A), "lang", "en"));

    // 2,000 may have been newer than theme's write, or not: its timestamp is gone, so the write loses
    assertThat(settled.put(HlcTimestamp.of(2_000, 0, B), "theme", "light")).isSameAs(settled);
    assertThat(settled.deltaPut(HlcTimestamp.of(2_000, 0, B), "theme", "light")).isEqualTo(LWWMap.empty());
    LWWMap<String, String> overwritten = settled.put(HlcTimestamp.of(6_000, 0, B), "theme", "light");
    assertThat(overwritten.get("theme")).contains("light");
    assertThat(overwritten.settled().keySet()).containsExactly("lang");
    LWWMap<String, String> throughAClock = settled.merge(settled.deltaPut(clockB, "theme", "light"));
    assertThat(throughAClock.get("theme")).contains("light");
    assertThat(throughAClock.settled().keySet()).containsExactly("lang");
  }

  @Test
  void theFactoryRefusesAKeyBothSettledAndWrittenAndSettledKeysWithoutATimestamp() {
    LWWMap<String, String> map = LWWMap.<String, String>empty().put(clockA, "theme", "dark");
    assertThatThrownBy(() -> LWWMap.fromParts(new LWWMap.Parts<>(map.registers(), map.dots(),
        HashMap.of("theme", "light"), map.context(), VectorClock.empty(), null)))
        .hasMessage("LWWMap: key theme is both settled and written");
    assertThatThrownBy(() -> LWWMap.fromParts(new LWWMap.Parts<>(HashMap.<String, LWWRegister<String>>empty(),
        HashMap.empty(), HashMap.of("theme", "light"), map.context(), VectorClock.empty(), null)))
        .hasMessage("LWWMap: settled keys need the latest timestamp (they were written at one)");
    assertThatThrownBy(() -> LWWMap.fromParts(new LWWMap.Parts<>(map.registers(), map.dots(), HashMap.empty(),
        map.context(), VectorClock.of(java.util.Map.of(A, 2L)), null)))
        .hasMessageStartingWith("LWWMap: the stable cut {a:2}");
  }
}
