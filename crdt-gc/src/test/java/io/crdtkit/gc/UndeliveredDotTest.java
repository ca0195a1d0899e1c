package io.crdtkit.gc;

import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.DWFlag;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A replica's progress counts the updates whose effects it holds, not the dots it has heard of (GC.md, rule 3). A
 * delta carries the dots its update replaced; a receiver that gets it before (or without) those updates' own
 * deltas has seen their dots, but not what they did.
 */
class UndeliveredDotTest {

  private static final ReplicaId A = ReplicaId.of("a");
  private static final ReplicaId B = ReplicaId.of("b");
  private static final ReplicaId C = ReplicaId.of("c");
  private static final List<ReplicaId> MEMBERS = List.of(A, B, C);

  /**
   * c disables, enables, enables again; the second enable's delta is lost. a gets the disable and the last
   * enable's delta (which observed c:2), b gets a's whole state: both have seen c:1 to c:3, but the enable that
   * removed the disable (c:2) never reached them. Counting c:3 as progress let them accept c's report and drop the
   * disable with the last enable as one "stable removal"; their states then removed c's enable too, and the flag
   * read off everywhere.
   */
  @Test
  void aDotSeenOnlyAsObservedByAnotherDeltaIsNotProgress() {
    TestReplica<DWFlag> a = new TestReplica<>(A, MEMBERS, DWFlag.empty());
    TestReplica<DWFlag> b = new TestReplica<>(B, MEMBERS, DWFlag.empty());
    TestReplica<DWFlag> c = new TestReplica<>(C, MEMBERS, DWFlag.empty());

    a.receive(c, c.update(f -> f.deltaDisable(C)));                // c:1
    c.update(f -> f.deltaEnable(C));                                // c:2 observes c:1; its delta is lost
    a.receive(c, c.update(f -> f.deltaEnable(C)));                 // c:3 observes c:2
    b.receiveStateOf(a);
    for (TestReplica<DWFlag> to : List.of(a, b, c)) {
      for (TestReplica<DWFlag> from : List.of(a, b, c)) {
        if (from != to) {
          to.receiveReportOf(from);
        }
      }
    }

    assertThat(a.state.context().vectorClock()).isEqualTo(VectorClock.of(Map.of(C, 3L)));
    assertThat(a.state.progress()).as("a holds the effects of c:1 and c:3, not c:2's")
        .isEqualTo(VectorClock.of(Map.of(C, 1L)));
    assertThat(a.gc.tracker().acceptedReport(C).get().progress().get(C)).as("c's report of c:3 waits").isEqualTo(1);
    assertThat(List.of(a.state, b.state)).as("the disable stays until they have what removed it")
        .allSatisfy(flag -> assertThat(flag.tombstones()).isEqualTo(1));

    TestReplica.exchange(List.of(a, b, c), 3);
    assertThat(List.of(a.state, b.state, c.state)).allSatisfy(flag -> {
      assertThat(flag.value()).isTrue();
      assertThat(flag.tombstones()).isZero();
    });
  }
}
