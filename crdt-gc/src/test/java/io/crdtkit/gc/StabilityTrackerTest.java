package io.crdtkit.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The stability rules, one scenario each: acceptance, the whole replica set, freezing, retirement, two cuts. */
class StabilityTrackerTest {

  private static final ReplicaId A = ReplicaId.of("a");
  private static final ReplicaId B = ReplicaId.of("b");
  private static final ReplicaId C = ReplicaId.of("c");

  private static VectorClock clock(long a, long b) {
    return VectorClock.of(Map.of(A, a, B, b));
  }

  private static StabilityReport report(ReplicaId from, VectorClock progress) {
    return new StabilityReport(from, progress, VectorClock.empty());
  }

  @Nested
  class Acceptance {

    @Test
    void aloneEverythingMergedIsStable() {
      StabilityTracker tracker = StabilityTracker.create(A).progress(VectorClock.of(Map.of(A, 3L)));
      assertThat(tracker.stableCut()).isEqualTo(VectorClock.of(Map.of(A, 3L)));
    }

    @Test
    void aReportCountsOnlyOnceEverythingItsSenderOriginatedIsMergedHere() {
      StabilityTracker tracker = StabilityTracker.create(A).progress(clock(2, 1)).learn(B)
          .receive(report(B, clock(2, 3)));            // b had made 3 updates; a has merged only 1

      assertThat(tracker.acceptedReport(B)).isEmpty();
      assertThat(tracker.pendingReport(B)).isNotEmpty();
      assertThat(tracker.stableCut()).isEqualTo(VectorClock.empty());

      StabilityTracker caughtUp = tracker.progress(clock(2, 3));
      assertThat(caughtUp.acceptedReport(B)).isNotEmpty();
      assertThat(caughtUp.stableCut()).isEqualTo(clock(2, 3));
    }

    @Test
    void theStableCutIsTheMinimumOfEveryMembersProgress() {
      StabilityTracker tracker = StabilityTracker.create(A).progress(clock(5, 2))
          .receive(report(B, clock(3, 2)));
      assertThat(tracker.stableCut()).isEqualTo(clock(3, 2));
    }

    @Test
    void anOlderReportArrivingLateIsIgnored() {
      StabilityTracker tracker = StabilityTracker.create(A).progress(clock(5, 4))
          .receive(report(B, clock(4, 4)))
          .receive(report(B, clock(2, 1)));
      assertThat(tracker.acceptedReport(B).get().progress()).isEqualTo(clock(4, 4));
      assertThat(tracker.stableCut()).isEqualTo(clock(4, 4));
    }

    @Test
    void aReportClaimingAStableCutBeyondItsProgressIsRefused() {
      assertThatThrownBy(() -> new StabilityReport(B, clock(1, 1), clock(2, 1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("stable cut {a:2, b:1} is beyond its own progress {a:1, b:1}");
    }
  }

  @Nested
  class ReplicaSet {

    @Test
    void aMemberWithoutAReportFreezesTheCutsInsteadOfLoweringThem() {
      StabilityTracker tracker = StabilityTracker.create(A).progress(clock(3, 3)).receive(report(B, clock(3, 3)));
      VectorClock before = tracker.stableCut();

      StabilityTracker withC = tracker.learn(C).progress(VectorClock.of(Map.of(A, 9L, B, 9L, C, 1L)))
          .receive(report(B, VectorClock.of(Map.of(A, 9L, B, 9L, C, 1L))));

      assertThat(withC.waitingFor()).containsExactly(C);
      assertThat(withC.stableCut()).isEqualTo(before);
    }

    @Test
    void aReplicaSeenInAContextIsAMemberUntilRetired() {
      StabilityTracker tracker = StabilityTracker.create(A).progress(VectorClock.of(Map.of(A, 1L, C, 4L)));
      assertThat(tracker.members()).contains(C);
      assertThat(tracker.waitingFor()).contains(C);
    }

    @Test
    void aPartitionedMemberStallsTheCutUntilItReportsAgain() {
      StabilityTracker tracker = StabilityTracker.create(A).progress(clock(2, 2)).receive(report(B, clock(2, 2)));
      assertThat(tracker.stableCut()).isEqualTo(clock(2, 2));

      // b is cut off: a keeps writing, no report from b arrives
      StabilityTracker during = tracker.progress(clock(10, 2));
      assertThat(during.stableCut()).isEqualTo(clock(2, 2));

      // heal: b merges a's updates and reports
      StabilityTracker healed = during.receive(report(B, clock(10, 2)));
      assertThat(healed.stableCut()).isEqualTo(clock(10, 2));
    }

    @Test
    void retiringAMemberUnfreezesTheCutsAndIgnoresItsLaterReports() {
      StabilityTracker tracker = StabilityTracker.create(A).progress(VectorClock.of(Map.of(A, 5L, C, 2L)))
          .receive(report(B, VectorClock.of(Map.of(A, 5L, C, 2L))));
      assertThat(tracker.waitingFor()).containsExactly(C);

      StabilityTracker retired = tracker.retire(C);
      assertThat(retired.members()).containsExactlyInAnyOrder(A, B);
      assertThat(retired.stableCut()).isEqualTo(VectorClock.of(Map.of(A, 5L, C, 2L)));
      assertThat(retired.receive(report(C, VectorClock.of(Map.of(C, 7L))))).isSameAs(retired);
      assertThat(retired.learn(C).members()).doesNotContain(C);
    }

    /** Regression (found by crdt-net): the heir, seen in every folded clock, was taken for a member that never reports. */
    @Test
    void theHeirOfRetiredReplicasIsNeverAMemberAndNeverFreezesTheCuts() {
      VectorClock folded = VectorClock.of(Map.of(A, 5L, RetirementLog.HEIR, 3L));
      StabilityTracker tracker = StabilityTracker.create(A).progress(folded).receive(report(B, folded));

      assertThat(tracker.members()).containsExactlyInAnyOrder(A, B);
      assertThat(tracker.waitingFor()).isEmpty();
      assertThat(tracker.stableCut()).isEqualTo(folded);
      assertThat(tracker.learn(RetirementLog.HEIR)).isSameAs(tracker);
    }

    @Test
    void aReplicaCannotRetireItself() {
      assertThatThrownBy(() -> StabilityTracker.create(A).retire(A))
          .hasMessageContaining("cannot retire itself");
    }
  }

  @Nested
  class TwoCuts {

    @Test
    void theCollapseCutWaitsUntilEveryMemberKnowsTheDotIsStable() {
      StabilityTracker tracker = StabilityTracker.create(A).progress(clock(4, 4))
          .receive(new StabilityReport(B, clock(4, 4), VectorClock.empty()));
      assertThat(tracker.stableCut()).isEqualTo(clock(4, 4));
      assertThat(tracker.collapseCut()).isEqualTo(VectorClock.empty());

      // b's next report says b, too, considers {a:4, b:4} stable
      StabilityTracker next = tracker.receive(new StabilityReport(B, clock(4, 4), clock(4, 4)));
      assertThat(next.collapseCut()).isEqualTo(clock(4, 4));
    }

    @Test
    void theOwnReportCarriesProgressAndStableCut() {
      StabilityTracker tracker = StabilityTracker.create(A).progress(clock(3, 1))
          .receive(report(B, clock(3, 1)));
      assertThat(tracker.report()).isEqualTo(new StabilityReport(A, clock(3, 1), clock(3, 1)));
    }
  }
}
