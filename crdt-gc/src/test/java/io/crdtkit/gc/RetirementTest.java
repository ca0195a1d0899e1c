package io.crdtkit.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crdtkit.LWWMap;
import io.crdtkit.ORSet;
import io.crdtkit.PNCounter;
import io.crdtkit.clock.HlcTimestamp;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Retirement folds a gone replica into the heir, deterministically, so that states folded on different replicas
 * agree, stale input is upgraded the same way, and late input from the retired replica double-counts nothing and
 * revives nothing.
 */
class RetirementTest {

  private static final ReplicaId A = ReplicaId.of("a");
  private static final ReplicaId B = ReplicaId.of("b");
  private static final ReplicaId C = ReplicaId.of("c");
  private static final ReplicaId HEIR = RetirementLog.HEIR;

  @Nested
  class Counters {

    @Test
    void aLateMessageFromARetiredReplicaDoubleCountsNothing() {
      PNCounter fromC = PNCounter.empty().increment(C, 5).decrement(C, 1);
      PNCounter everywhere = PNCounter.empty().increment(A, 2).merge(fromC);     // every live replica holds c's 4
      RetirementLog log = RetirementLog.empty().retire(C);

      Epoched<PNCounter> onA = log.upgrade(new Epoched<>(0, everywhere));
      assertThat(onA.state().value()).isEqualTo(6);
      assertThat(onA.state().increments().entries().keySet()).containsExactlyInAnyOrder(A, HEIR);

      // c's whole state, sent before it retired, arrives late: upgraded, it counts nothing twice
      assertThat(log.mergeState(onA, new Epoched<>(0, fromC)).state().value()).isEqualTo(6);
      // a delta from before the retirement is refused, and the state is unchanged
      assertThatThrownBy(() -> log.acceptDelta(onA, new Epoched<>(0, PNCounter.empty().deltaIncrement(C, 5))))
          .isInstanceOf(StaleEpochException.class)
          .hasMessageContaining("from retirement epoch 0 arrived at epoch 1");
      assertThat(onA.state().value()).isEqualTo(6);
    }

    @Test
    void aStaleStateThatHadSeenLessOfTheRetiredReplicaIsFoldedWithoutLosingOrAddingCounts() {
      PNCounter early = PNCounter.empty().increment(C, 2);
      PNCounter late = early.increment(C, 3).increment(B, 1);
      RetirementLog log = RetirementLog.empty().retire(C);

      Epoched<PNCounter> current = log.upgrade(new Epoched<>(0, late));
      assertThat(log.mergeState(current, new Epoched<>(0, early)).state()).isEqualTo(current.state());
      assertThat(current.state().value()).isEqualTo(6);
    }
  }

  @Nested
  class CausalTypes {

    @Test
    void aStalePreRetirementStateRevivesNothingRemoved() {
      ORSet<String> withC = ORSet.<String>empty().add(C, "milk").add(A, "eggs");
      ORSet<String> removedOnA = withC.remove(A, "milk");                          // a removes c's milk
      RetirementLog log = RetirementLog.empty().retire(C);

      Epoched<ORSet<String>> onA = log.upgrade(new Epoched<>(0, removedOnA));
      Epoched<ORSet<String>> merged = log.mergeState(onA, new Epoched<>(0, withC));  // c's stale state

      assertThat(merged.state().value()).containsExactly("eggs");
      assertThat(merged.state().context().vectorClock().entries().keySet()).containsExactlyInAnyOrder(A, HEIR);
    }

    @Test
    void foldingOnDifferentReplicasGivesStatesThatMergeAsIfTheHeirHadWrittenThem() {
      ORSet<String> shared = ORSet.<String>empty().add(C, "milk").add(C, "jam").add(A, "eggs");
      ORSet<String> onA = shared.add(A, "bread");
      ORSet<String> onB = shared.remove(B, "jam");
      RetirementLog log = RetirementLog.empty().retire(C);

      ORSet<String> foldedA = log.upgrade(new Epoched<>(0, onA)).state();
      ORSet<String> foldedB = log.upgrade(new Epoched<>(0, onB)).state();

      assertThat(foldedA.merge(foldedB)).isEqualTo(foldedB.merge(foldedA));
      assertThat(foldedA.merge(foldedB).value()).isEqualTo(onA.merge(onB).value());
      assertThat(foldedA.merge(foldedB).parts().adds().get("milk").toList().flatMap(dots -> dots))
          .allMatch(dot -> dot.replica().equals(HEIR));
    }

    @Test
    void lostDotsOfACrashedReplicaCountAsSeenSoTheyCouldNeverComeBack() {
      // c's dot 1 was lost with it; its dot 2 survived
      ORSet<String> onA = ORSet.<String>empty().add(C, "lost").add(C, "kept");
      ORSet<String> survivor = ORSet.<String>empty().merge(onA.deltaAdd(C, "after"));
      assertThat(survivor.context().dotCloud()).isNotEmpty();

      ORSet<String> folded = RetirementLog.empty().retire(C).upgrade(new Epoched<>(0, survivor)).state();
      assertThat(folded.context().dotCloud()).isEmpty();
      assertThat(folded.context().vectorClock()).isEqualTo(VectorClock.of(Map.of(HEIR, 3L)));
    }
  }

  @Test
  void aRollingRestartEndsWithClocksHoldingOnlyTheLiveReplicasAndTheHeir() {
    List<ReplicaId> incarnations = List.of(A, B, C);
    RetirementLog log = RetirementLog.empty();
    ORSet<String> set = ORSet.<String>empty();
    LWWMap<String, Integer> map = LWWMap.empty();
    PNCounter counter = PNCounter.empty();
    long wallTime = 1;
    // every replica writes, then restarts as a new incarnation; the old one is retired once its writes are merged
    List<ReplicaId> live = new java.util.ArrayList<>(incarnations);
    for (int round = 0; round < 3; round++) {
      for (int slot = 0; slot < live.size(); slot++) {
        ReplicaId writer = live.get(slot);
        set = set.add(writer, "item-" + round + "-" + slot);
        map = map.put(HlcTimestamp.of(wallTime++, 0, writer), "key-" + slot, round);
        counter = counter.increment(writer, 1);
      }
      for (int slot = 0; slot < live.size(); slot++) {
        ReplicaId old = live.get(slot);
        live.set(slot, ReplicaId.of(old.name().replaceAll("\\..*", "") + "." + (round + 2)));
        log = log.retire(old);
        set = log.upgrade(new Epoched<>(log.epoch() - 1, set)).state();
        map = log.upgrade(new Epoched<>(log.epoch() - 1, map)).state();
        counter = log.upgrade(new Epoched<>(log.epoch() - 1, counter)).state();
      }
    }

    assertThat(set.size()).isEqualTo(9);
    assertThat(counter.value()).isEqualTo(9);
    assertThat(map.value().values()).containsOnly(2);
    assertThat(set.context().vectorClock().entries().keySet()).containsExactly(HEIR);
    assertThat(map.context().vectorClock().entries().keySet()).containsExactly(HEIR);
    assertThat(counter.increments().entries().keySet()).containsExactly(HEIR);
  }

  @Test
  void theLogRefusesToRetireTwiceOrToRetireTheHeir() {
    RetirementLog log = RetirementLog.empty().retire(C);
    assertThatThrownBy(() -> log.retire(C)).hasMessageContaining("c is already retired (epoch 1)");
    assertThatThrownBy(() -> log.retire(HEIR)).hasMessageContaining("cannot be retired");
    assertThatThrownBy(() -> log.upgrade(new Epoched<>(2, PNCounter.empty())))
        .hasMessageContaining("ahead of this log");
  }

  @Nested
  class InOneCall {

    /**
     * Retiring a replica took three steps (fold the state with the log, tell the collector, and tell it about the
     * heir too); one call of the collector now does all of it, and the heir is never a member to begin with.
     */
    @Test
    void aCollectorFoldsTheStateStopsWaitingAndCollectsInOneCall() {
      GarbageCollector<ORSet<String>> gc = GarbageCollector.create(A, List.of(A, B, C));
      ORSet<String> state = gc.afterChange(ORSet.<String>empty().add(C, "milk").add(A, "eggs").remove(A, "eggs"));
      gc.receive(new io.crdtkit.gc.StabilityReport(B, state.context().vectorClock(), VectorClock.empty()));
      assertThat(gc.tracker().waitingFor()).containsExactly(C);

      RetirementLog log = RetirementLog.empty().retire(C);
      Epoched<ORSet<String>> retired = gc.retire(log, new Epoched<>(0, state));

      assertThat(retired.epoch()).isEqualTo(1);
      assertThat(retired.state().value()).containsExactly("milk");
      assertThat(retired.state().context().vectorClock().entries().keySet()).containsExactlyInAnyOrder(A, HEIR);
      assertThat(gc.tracker().members()).containsExactlyInAnyOrder(A, B);
      assertThat(gc.tracker().waitingFor()).isEmpty();
      assertThat(gc.retire(log, retired)).isEqualTo(retired);
    }
  }
}
