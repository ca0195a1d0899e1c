package io.crdtkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Scenario tests for {@link EWFlag}: an enable wins over a concurrent disable, a disable wins over the enables
 * it saw; one dot per concurrent enable; same-instance merges and disables; deltas; null replicas; equality over
 * the dots and the context.
 */
class EWFlagTest {

  private static final ReplicaId A = ReplicaId.of("a");
  private static final ReplicaId B = ReplicaId.of("b");
  private static final ReplicaId C = ReplicaId.of("c");

  @Nested
  class EnableWins {

    @Test
    void theFlagStartsDisabled() {
      assertThat(EWFlag.empty().value()).isFalse();
      assertThat(EWFlag.empty().dots()).isEmpty();
    }

    @Test
    void enableWinsOverConcurrentDisable() {
      EWFlag on = EWFlag.empty().enable(A);

      assertThat(on.disable(A).merge(on.enable(B)).value()).isTrue();
      assertThat(on.enable(B).merge(on.disable(A)).value()).isTrue();
    }

    @Test
    void aDisableThatSawTheEnableWinsWhateverTheMergeOrder() {
      EWFlag on = EWFlag.empty().enable(A);
      EWFlag off = on.disable(A);

      assertThat(off.merge(on).value()).isFalse();
      assertThat(on.merge(off).value()).isFalse();
    }

    @Test
    void aDisableMustSeeEveryConcurrentEnable() {
      EWFlag onA = EWFlag.empty().enable(A);
      EWFlag onB = EWFlag.empty().enable(B);

      EWFlag disabledOnA = onA.disable(A);

      assertThat(disabledOnA.merge(onB).value()).isTrue();
      assertThat(disabledOnA.merge(onB).dots()).containsExactly(Dot.of(B, 1));
      assertThat(onA.merge(onB).disable(A).merge(onB).value()).isFalse();
    }

    @Test
    void aDisableOnAReplicaThatNeverSawTheEnableDoesNothing() {
      EWFlag onA = EWFlag.empty().enable(A);
      EWFlag onC = EWFlag.empty().disable(C);

      assertThat(onC).isSameAs(EWFlag.empty());
      assertThat(onC.merge(onA).value()).isTrue();
    }

    @Test
    void threeReplicasConvergeWhateverTheMergeOrder() {
      EWFlag base = EWFlag.empty().enable(A);
      EWFlag onA = base.disable(A);
      EWFlag onB = base.enable(B);
      EWFlag onC = base.merge(EWFlag.empty().enable(C)).disable(C);

      EWFlag atA = onA.merge(onB).merge(onC);
      EWFlag atC = onC.merge(onB.merge(onA));

      assertThat(atA).isEqualTo(atC);
      assertThat(atA.value()).isTrue();
      assertThat(atA.dots()).containsExactly(Dot.of(B, 1));
    }
  }

  @Nested
  class SameInstanceWhenNothingChanges {

    @Test
    void disablingADisabledFlagReturnsTheSameFlag() {
      EWFlag off = EWFlag.empty().enable(A).disable(A);

      assertThat(off.disable(B)).isSameAs(off);
      assertThat(off.deltaDisable(B)).isSameAs(EWFlag.empty());
    }

    @Test
    void mergingAnOlderStateReturnsThisInstance() {
      EWFlag older = EWFlag.empty().enable(A);
      EWFlag newer = older.disable(A).enable(B);

      assertThat(newer.merge(older)).isSameAs(newer);
      assertThat(newer.merge(newer)).isSameAs(newer);
      assertThat(newer.merge(newer.bottom())).isSameAs(newer);
    }
  }

  @Nested
  class Deltas {

    @Test
    void mergingEachDeltaEqualsItsMutator() {
      EWFlag flag = EWFlag.empty().enable(A).merge(EWFlag.empty().enable(B));

      assertThat(flag.merge(flag.deltaEnable(C))).isEqualTo(flag.enable(C));
      assertThat(flag.merge(flag.deltaDisable(C))).isEqualTo(flag.disable(C));
      assertThat(flag.disable(C).merge(flag.disable(C).deltaDisable(C))).isEqualTo(flag.disable(C));
    }

    @Test
    void theDeltaOfAnEnableHoldsTheNewDotAndTheReplacedOnesAsObserved() {
      EWFlag flag = EWFlag.empty().enable(A).merge(EWFlag.empty().enable(B));

      EWFlag delta = flag.deltaEnable(C);

      assertThat(delta.dots()).containsExactly(Dot.of(C, 1));
      assertThat(delta.context()).isEqualTo(CausalContext.empty().add(Dot.of(A, 1)).add(Dot.of(B, 1))
          .add(Dot.of(C, 1)));
      assertThat(flag.merge(delta).dots()).containsExactly(Dot.of(C, 1));
    }

    @Test
    void theDeltaOfADisableHoldsNoDotOnlyTheObservedOnesAndItsOwnInTheContext() {
      EWFlag on = EWFlag.empty().enable(A);
      EWFlag concurrent = on.enable(B);

      EWFlag delta = on.deltaDisable(A);

      assertThat(delta.value()).isFalse();
      assertThat(delta.dots()).isEmpty();
      assertThat(delta.context()).isEqualTo(CausalContext.empty().add(Dot.of(A, 1)).add(Dot.of(A, 2)));
      assertThat(on.merge(delta).value()).isFalse();
      assertThat(concurrent.merge(EWFlag.empty().enable(C)).merge(delta).value()).isTrue();
    }
  }

  @Nested
  class InvalidArguments {

    @Test
    void aNullReplicaIsRejectedAndTheFlagIsUnchanged() {
      EWFlag on = EWFlag.empty().enable(A);

      assertThatThrownBy(() -> on.enable(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("replica");
      assertThatThrownBy(() -> on.deltaEnable(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("replica");
      assertThatThrownBy(() -> on.disable(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("replica");
      assertThatThrownBy(() -> on.deltaDisable(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("replica");
      assertThat(on).isEqualTo(EWFlag.empty().enable(A));
    }
  }

  @Nested
  class EqualityAndMetadata {

    @Test
    void flagsWithTheSameValueButDifferentHistoriesAreNotEqual() {
      EWFlag neverEnabled = EWFlag.empty();
      EWFlag enabledThenDisabled = EWFlag.empty().enable(A).disable(A);

      assertThat(enabledThenDisabled.value()).isEqualTo(neverEnabled.value());
      assertThat(enabledThenDisabled).isNotEqualTo(neverEnabled);
      assertThat(EWFlag.empty().enable(A)).isNotEqualTo(EWFlag.empty().enable(B));
    }

    @Test
    void convergedReplicasAreEqualWithEqualHashCodes() {
      EWFlag onA = EWFlag.empty().enable(A).disable(A);
      EWFlag onB = EWFlag.empty().enable(B);

      EWFlag atA = onA.merge(onB);
      EWFlag atB = onB.merge(onA);

      assertThat(atA).isEqualTo(atB);
      assertThat(atA.hashCode()).isEqualTo(atB.hashCode());
    }

    @Test
    void aDisableDropsEveryDotButTheContextRemembersThem() {
      EWFlag off = EWFlag.empty().enable(A).enable(A).disable(A);

      assertThat(off.dots()).isEmpty();
      // the two enables and the disable, an event too: its dot a:3 is in the context only
      assertThat(off.context().vectorClock().get(A)).isEqualTo(3L);
      assertThat(off.context().dotCloud()).isEmpty();
    }

    @Test
    void aReEnableOnTheSameReplicaReplacesItsDot() {
      assertThat(EWFlag.empty().enable(A).enable(A).dots()).containsExactly(Dot.of(A, 2));
    }

    @Test
    void toStringShowsTheValueTheEnablesAndTheContext() {
      EWFlag on = EWFlag.empty().enable(A).enable(A);

      assertThat(on.toString()).isEqualTo("EWFlag(true, enables [a:2] | seen " + on.context() + ")");
      assertThat(on.disable(A).toString()).startsWith("EWFlag(false, enables []");
    }
  }
}
