package io.crdtkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import io.vavr.collection.HashMap;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Counterexamples found by a review of the merge fast paths (a delta's join skips the keys it cannot reach, see
 * {@link SeenDots}; equal stores are skipped). The skip relies on a small context being small, and on every store
 * being kept collapsed at its state's cuts; each test names the input that broke one of them.
 */
class MergeFastPathRegressionTest {

  private static final ReplicaId A = ReplicaId.of("a");
  private static final ReplicaId R = ReplicaId.of("r");

  /** Counters summing past Long.MAX_VALUE wrapped the context's size to 0, and the join enumerated 2^62 dots. */
  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)  // a deadline against a hang, not a measurement
  void aContextClaimingMoreDotsThanALongCountsIsNeverEnumerated() {
    long big = 1L << 62;
    CausalContext huge = CausalContext.of(VectorClock.of(Map.of(ReplicaId.of("p"), big, ReplicaId.of("q"), big,
        ReplicaId.of("s"), big, ReplicaId.of("t"), big)));
    assertThat(huge.size()).isEqualTo(Long.MAX_VALUE);

    ORSet<String> merged = ORSet.<String>empty().add(A, "x").merge(ORSet.of(HashMap.empty(), huge));

    assertThat(merged.value()).containsExactly("x");
  }

  /**
   * Retiring r moves its part of the cuts into the heir's block, which starts after a:2; the cuts cover a only up
   * to a:1, so they cannot also claim a:2 (z's add, never stable): r's part is dropped, not stretched over a:2
   * (GC.md, rule 9). The store stays collapsed at the cuts it has, and a join that skips equal stores keeps it so.
   */
  @Test
  void aRetirementNeverClaimsAnUncoveredDotOfTheHeirStable() {
    VectorClock both = VectorClock.of(Map.of(A, 1L, R, 1L));
    ORSet<String> set = ORSet.<String>empty().add(A, "x").add(R, "y").collect(both, both).add(A, "z");

    ORSet<String> retired = set.retire(R, A);

    assertThat(retired.collapsedElements()).containsExactlyInAnyOrder("x", "y");
    assertThat(retired.gcMetadata().stableCut()).isEqualTo(VectorClock.of(Map.of(A, 1L)));
    assertThat(retired.merge(ORSet.empty())).isSameAs(retired);
    assertThat(retired.merge(retired.deltaAdd(A, "w")).collapsedElements()).containsExactlyInAnyOrder("x", "y");
  }

  /** A collapsed presence stands for adds at or below the collapse cut: without one, a join cannot judge it. */
  @Test
  void aCollapsedElementOrFlagWithoutACollapseCutIsRefused() {
    CausalContext seen = CausalContext.of(VectorClock.of(Map.of(A, 1L)));
    assertThatThrownBy(() -> ORSet.fromParts(new ORSet.Parts<>(HashMap.<String, List<Dot>>empty(), HashSet.of("x"),
        HashMap.<String, List<Dot>>empty(), HashMap.empty(), seen, GcMetadata.NONE, HashSet.empty())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ORSet: collapsed (stable) presence without a collapse cut");
    assertThatThrownBy(() -> EWFlag.fromParts(new EWFlag.Parts(List.empty(), true, List.empty(), VectorClock.empty(),
        seen, GcMetadata.NONE)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("EWFlag: collapsed (stable) presence without a collapse cut");
  }
}
