package io.crdtkit.gc;

import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.EWFlag;
import io.crdtkit.ORSet;
import io.crdtkit.RWSet;
import io.crdtkit.clock.ReplicaId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a delta observed beyond the dots it lists travels as a floor on each of its entries (GC.md, rule 6): once a
 * replica has collected, its updates cannot list what collection folded away, and a replica that has not collected
 * yet must still lose it. Each test is a counterexample the differential law found.
 */
class FloorTest {

  private static final ReplicaId A = ReplicaId.of("a");
  private static final ReplicaId B = ReplicaId.of("b");
  private static final ReplicaId C = ReplicaId.of("c");

  /**
   * z is collapsed at a, which then clears the set: the clear's delta observed z's add only as a collapsed presence,
   * with no dot to list. b, which still held the add as a dot, kept z.
   */
  @Test
  void aRemoveMadeAsADeltaOnACollapsedElementRemovesTheAddItStoodFor() {
    List<ReplicaId> members = List.of(A, B);
    TestReplica<ORSet<String>> a = new TestReplica<>(A, members, ORSet.empty());
    TestReplica<ORSet<String>> b = new TestReplica<>(B, members, ORSet.empty());

    a.update(s -> s.deltaAdd(A, "z"));
    b.receiveStateOf(a);
    a.receiveReportOf(b);
    assertThat(a.state.parts().collapsed()).containsExactly("z");
    assertThat(b.state.parts().collapsed()).isEmpty();

    b.receive(a, a.update(s -> s.deltaClear(A)));

    assertThat(b.state.value()).isEmpty();
    TestReplica.exchange(List.of(a, b), 2);
    assertThat(List.of(a.state, b.state)).allSatisfy(set -> assertThat(set.value()).isEmpty());
  }

  /**
   * A delta group joins a's add of x (made before a collected anything) and a's later add of y (made after a had
   * merged b's concurrent remove of x, and collected). The group must not speak for x with what a had seen when it
   * added y: at that time a held b's remove, so x stays removed where the remove is held.
   */
  @Test
  void aDeltaGroupKeepsEachDeltasOwnFloor() {
    List<ReplicaId> members = List.of(A, B, C);
    TestReplica<RWSet<String>> a = new TestReplica<>(A, members, RWSet.empty());
    TestReplica<RWSet<String>> b = new TestReplica<>(B, members, RWSet.empty());
    TestReplica<RWSet<String>> c = new TestReplica<>(C, members, RWSet.empty());

    RWSet<String> addX = a.update(s -> s.deltaAdd(A, "x"));
    b.update(s -> s.deltaRemove(B, "x"));                           // concurrent: remove wins
    c.receiveStateOf(b);
    a.receiveStateOf(b);
    a.receiveReportOf(c);
    assertThat(a.gc.tracker().stableCut().get(B)).isEqualTo(1);
    RWSet<String> group = addX.merge(a.update(s -> s.deltaAdd(A, "y")));

    c.receive(a, group);

    assertThat(c.state.value()).containsExactly("y");
    TestReplica.exchange(List.of(a, b, c), 3);
    assertThat(List.of(a.state, b.state, c.state)).allSatisfy(set -> assertThat(set.value()).containsExactly("y"));
  }

  /**
   * b's enable is collapsed at b; a's enable observed it and a's disable observed a's enable. The two deltas reach b
   * as one group: without a floor the enable did not say it replaced b's collapsed enable, which survived, and the
   * flag read on at b only.
   */
  @Test
  void anEnableMadeAsADeltaReplacesTheCollapsedEnablesItObserved() {
    List<ReplicaId> members = List.of(A, B);
    TestReplica<EWFlag> a = new TestReplica<>(A, members, EWFlag.empty());
    TestReplica<EWFlag> b = new TestReplica<>(B, members, EWFlag.empty());

    EWFlag enables = b.update(f -> f.deltaEnable(B)).merge(b.update(f -> f.deltaEnable(B)));
    a.receive(b, enables);
    b.receiveReportOf(a);
    assertThat(b.state.parts().collapsed()).isTrue();
    EWFlag enable = a.update(f -> f.deltaEnable(A));
    EWFlag disable = a.update(f -> f.deltaDisable(A));

    b.receive(a, enable.merge(disable));

    assertThat(b.state.value()).isFalse();
    TestReplica.exchange(List.of(a, b), 2);
    assertThat(List.of(a.state, b.state)).allSatisfy(flag -> assertThat(flag.value()).isFalse());
  }
}
