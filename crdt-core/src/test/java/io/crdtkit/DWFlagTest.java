package io.crdtkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Scenario tests for {@link DWFlag}: a disable wins over a concurrent enable, an enable that saw the disable
 * wins; disable tokens and when they are dropped; same-instance merges; deltas; null replicas; equality over
 * the tokens and the context.
 */
class DWFlagTest {

  private static final ReplicaId A = ReplicaId.of("a");
  private static final ReplicaId B = ReplicaId.of("b");
  private static final ReplicaId C = ReplicaId.of("c");

  @Nested
  class DisableWins {

    @Test
    void theFlagStartsDisabled() {
      assertThat(DWFlag.empty().value()).isFalse();
      assertThat(DWFlag.empty().disableTokens()).isZero();
    }

    @Test
    void disableWinsOverConcurrentEnable() {
      DWFlag on = DWFlag.empty().enable(A);

      assertThat(on.disable(A).merge(on.enable(B)).value()).isFalse();
      assertThat(on.enable(B).merge(on.disable(A)).value()).isFalse();
    }

    @Test
    void anEnableThatSawTheDisableWins() {
      DWFlag on = DWFlag.empty().enable(A);
      DWFlag merged = on.disable(A).merge(on.enable(B));

      assertThat(on.disable(A).enable(B).value()).isTrue();
      assertThat(merged.enable(C).value()).isTrue();
    }

    @Test
    void aDisableOfANeverEnabledFlagStillBeatsAConcurrentEnable() {
      DWFlag onA = DWFlag.empty().disable(A);
      DWFlag onB = DWFlag.empty().enable(B);

      assertThat(onA.merge(onB).value()).isFalse();
      assertThat(onB.merge(onA).value()).isFalse();
    }

    @Test
    void threeReplicasConvergeToDisabledWhateverTheMergeOrder() {
      DWFlag base = DWFlag.empty().enable(A);
      DWFlag onA = base.disable(A);
      DWFlag onB = base.enable(B);
      DWFlag onC = base.enable(C);

      DWFlag atA = onA.merge(onB).merge(onC);
      DWFlag atC = onC.merge(onB.merge(onA));

      assertThat(atA).isEqualTo(atC);
      assertThat(atA.value()).isFalse();
    }
  }

  @Nested
  class DisableTokens {

    @Test
    void disableTokenIsDroppedOnceAnEnableObservesIt() {
      DWFlag off = DWFlag.empty().enable(A).disable(A);

      assertThat(off.disableTokens()).isEqualTo(1);
      assertThat(off.enable(B).disableTokens()).isZero();
    }

    @Test
    void concurrentDisablesKeepATokenEachUntilAnEnableSeesBoth() {
      DWFlag base = DWFlag.empty().enable(A);
      DWFlag merged = base.disable(A).merge(base.disable(B));

      assertThat(merged.disableTokens()).isEqualTo(2);
      assertThat(merged.enable(C).disableTokens()).isZero();
      assertThat(merged.enable(C).value()).isTrue();
    }

    @Test
    void anEnableThatMissedOneDisableKeepsThatToken() {
      DWFlag base = DWFlag.empty().enable(A);
      DWFlag offA = base.disable(A);
      DWFlag offB = base.disable(B);

      DWFlag reenabledOnA = offA.enable(A);
      DWFlag merged = reenabledOnA.merge(offB);

      assertThat(merged.disableTokens()).isEqualTo(1);
      assertThat(merged.value()).isFalse();
    }

    @Test
    void aSecondDisableOnTheSameReplicaReplacesItsToken() {
      DWFlag off = DWFlag.empty().disable(A).disable(A);

      assertThat(off.disableTokens()).isEqualTo(1);
      assertThat(off.context()).isEqualTo(CausalContext.empty().add(Dot.of(A, 1)).add(Dot.of(A, 2)));
    }
  }

  @Nested
  class SameInstanceWhenNothingChanges {

    @Test
    void mergingAnOlderStateReturnsThisInstance() {
      DWFlag older = DWFlag.empty().enable(A);
      DWFlag newer = older.disable(B).enable(C);

      assertThat(newer.merge(older)).isSameAs(newer);
      assertThat(newer.merge(newer)).isSameAs(newer);
      assertThat(newer.merge(newer.bottom())).isSameAs(newer);
    }

    @Test
    void mergingAnEqualStateOfAnotherReplicaReturnsThisInstance() {
      DWFlag onA = DWFlag.empty().enable(A);
      DWFlag onB = DWFlag.empty().disable(B);
      DWFlag atA = onA.merge(onB);

      assertThat(atA.merge(onB.merge(onA))).isSameAs(atA);
    }
  }

  @Nested
  class Deltas {

    @Test
    void mergingEachDeltaEqualsItsMutator() {
      DWFlag base = DWFlag.empty().enable(A);
      DWFlag flag = base.disable(A).merge(base.enable(B));

      assertThat(flag.merge(flag.deltaEnable(C))).isEqualTo(flag.enable(C));
      assertThat(flag.merge(flag.deltaDisable(C))).isEqualTo(flag.disable(C));
      assertThat(DWFlag.empty().merge(DWFlag.empty().deltaDisable(A))).isEqualTo(DWFlag.empty().disable(A));
    }

    @Test
    void theDeltaOfADisableHoldsOneTokenAndTheObservedDots() {
      DWFlag base = DWFlag.empty().enable(A);
      DWFlag flag = base.disable(A).merge(base.enable(B));

      DWFlag delta = flag.deltaDisable(C);

      assertThat(delta.disableTokens()).isEqualTo(1);
      assertThat(delta.value()).isFalse();
      assertThat(delta.context()).isEqualTo(CausalContext.empty().add(Dot.of(A, 2)).add(Dot.of(B, 1))
          .add(Dot.of(C, 1)));
      assertThat(flag.merge(delta).disableTokens()).isEqualTo(1);
    }

    @Test
    void theDeltaOfAnEnableClearsTheTokensItObservedOnAnotherReplica() {
      DWFlag off = DWFlag.empty().enable(A).disable(A);
      DWFlag onC = off.merge(DWFlag.empty().disable(C));

      DWFlag delta = off.deltaEnable(B);

      assertThat(onC.merge(delta).disableTokens()).isEqualTo(1);
      assertThat(onC.merge(delta).value()).isFalse();
      assertThat(off.merge(delta).value()).isTrue();
    }
  }

  @Nested
  class InvalidArguments {

    @Test
    void aNullReplicaIsRejectedAndTheFlagIsUnchanged() {
      DWFlag on = DWFlag.empty().enable(A);

      assertThatThrownBy(() -> on.enable(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("replica");
      assertThatThrownBy(() -> on.disable(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("replica");
      assertThatThrownBy(() -> on.deltaEnable(null)).isInstanceOf(NullPointerException.class);
      assertThatThrownBy(() -> on.deltaDisable(null)).isInstanceOf(NullPointerException.class);
      assertThat(on).isEqualTo(DWFlag.empty().enable(A));
      assertThat(on.disableTokens()).isZero();
    }
  }

  @Nested
  class EqualityAndToString {

    @Test
    void flagsWithTheSameValueButDifferentTokensAreNotEqual() {
      DWFlag neverTouched = DWFlag.empty();
      DWFlag disabledWhileOff = DWFlag.empty().disable(A);

      assertThat(disabledWhileOff.value()).isEqualTo(neverTouched.value());
      assertThat(disabledWhileOff).isNotEqualTo(neverTouched);
      assertThat(DWFlag.empty().enable(A)).isNotEqualTo(DWFlag.empty().enable(B));
    }

    @Test
    void convergedReplicasAreEqualWithEqualHashCodes() {
      DWFlag onA = DWFlag.empty().enable(A).disable(A);
      DWFlag onB = DWFlag.empty().enable(B);

      DWFlag atA = onA.merge(onB);
      DWFlag atB = onB.merge(onA);

      assertThat(atA).isEqualTo(atB);
      assertThat(atA.hashCode()).isEqualTo(atB.hashCode());
    }

    @Test
    void toStringShowsTheValueTheEnablesAndTheDisableTokens() {
      DWFlag base = DWFlag.empty().enable(A);
      DWFlag flag = base.disable(A).merge(base.enable(B));

      assertThat(flag.toString()).isEqualTo("DWFlag(false, adds[b:1] removes[a:2] | seen " + flag.context() + ")");
    }
  }
}
