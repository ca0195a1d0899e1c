package io.crdtkit.gc;

import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.RWSet;
import io.crdtkit.clock.ReplicaId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A cut is a promise about what the replica that computed it has delivered, not about the receiver, so only a
 * whole state carries one (GC.md, rule 5). Three replicas, messages passed by hand, each with its sender's report;
 * updates travel as deltas, as crdt-net sends them. Before the rule, deltas carried their sender's cuts and the
 * receiver adopted them.
 */
class DeltaCarriedCutTest {

  private static final ReplicaId A = ReplicaId.of("a");
  private static final ReplicaId B = ReplicaId.of("b");
  private static final ReplicaId C = ReplicaId.of("c");
  private static final List<ReplicaId> MEMBERS = List.of(A, B, C);

  @Test
  void aRemovedRwSetElementStaysRemovedWhenADeltaCarriesAnotherReplicasStableCut() {
    TestReplica<RWSet<String>> a = new TestReplica<>(A, MEMBERS, RWSet.empty());
    TestReplica<RWSet<String>> b = new TestReplica<>(B, MEMBERS, RWSet.empty());
    TestReplica<RWSet<String>> c = new TestReplica<>(C, MEMBERS, RWSet.empty());

    RWSet<String> addOfX = a.update(s -> s.deltaAdd(A, "x"));          // 1. concurrently: a adds x,
    b.update(s -> s.deltaRemove(B, "x"));                                 //    b removes it (remove wins)
    c.receiveStateOf(b);                                                  // 2. b -> c, b -> a, a -> c
    a.receiveStateOf(b);
    c.receiveStateOf(a);
    assertThat(c.gc.tracker().stableCut().get(B)).isEqualTo(1);          //    c: b's remove is stable here

    b.receive(c, c.update(s -> s.deltaAdd(C, "y")));                     // 3. c's delta reaches b
    assertThat(b.state.tombstones()).as("b has not merged a's concurrent add: its token stays").isEqualTo(1);
    b.receive(a, addOfX);                                                 // 4. a's add reaches b late

    TestReplica.exchange(List.of(a, b, c), 2);
    assertThat(List.of(a.state, b.state, c.state)).allSatisfy(state -> assertThat(state.value()).containsExactly("y"));
  }
}
