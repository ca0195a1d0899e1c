package io.crdtkit.gc;

import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.LWWMap;
import io.crdtkit.ORSet;
import io.crdtkit.RWSet;
import io.crdtkit.clock.HlcTimestamp;
import io.crdtkit.clock.ReplicaId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Garbage collection end to end on a few replicas with their own collectors, messages passed by hand: it stalls
 * while a member is cut off, resumes after the heal, and stale states revive nothing afterwards.
 */
class GcScenariosTest {

  private static final ReplicaId A = ReplicaId.of("a");
  private static final ReplicaId B = ReplicaId.of("b");
  private static final ReplicaId C = ReplicaId.of("c");
  private static final List<ReplicaId> MEMBERS = List.of(A, B, C);

  /** One replica: its state and its collector. */
  private static final class Replica<S extends io.crdtkit.CausalCrdt<S> & io.crdtkit.Collectable<S>> {
    final GarbageCollector<S> gc;
    S state;

    Replica(ReplicaId id, S bottom) {
      this.gc = GarbageCollector.create(id, MEMBERS);
      this.state = bottom;
    }

    void update(java.util.function.UnaryOperator<S> change) {
      state = gc.afterChange(change.apply(state));
    }

    /** Receives the other's whole state with its report, as anti-entropy would. */
    void receiveFrom(Replica<S> other) {
      gc.receive(other.gc.report());
      state = gc.afterChange(state.merge(other.state));
    }
  }

  private static <S extends io.crdtkit.CausalCrdt<S> & io.crdtkit.Collectable<S>> void exchange(
      List<Replica<S>> replicas, int rounds) {
    for (int round = 0; round < rounds; round++) {
      for (Replica<S> to : replicas) {
        for (Replica<S> from : replicas) {
          if (from != to) {
            to.receiveFrom(from);
          }
        }
      }
    }
  }

  @Test
  void gcStallsWhileAMemberIsPartitionedAwayAndResumesAfterTheHeal() {
    Replica<RWSet<String>> a = new Replica<>(A, RWSet.empty());
    Replica<RWSet<String>> b = new Replica<>(B, RWSet.empty());
    Replica<RWSet<String>> c = new Replica<>(C, RWSet.empty());
    a.update(s -> s.add(A, "token"));
    exchange(List.of(a, b, c), 2);

    // c is cut off; a revokes the token, a and b gossip as much as they like
    a.update(s -> s.remove(A, "token"));
    exchange(List.of(a, b), 5);
    assertThat(a.state.tombstones()).isEqualTo(1);
    assertThat(b.state.tombstones()).isEqualTo(1);
    assertThat(a.gc.status().waitingFor()).isEmpty();
    assertThat(a.gc.status().lag().get(C).get()).isPositive();        // c lags behind: it has not seen the remove

    // heal: c catches up and reports; the tombstone goes everywhere
    exchange(List.of(a, b, c), 3);
    assertThat(List.of(a.state, b.state, c.state)).allSatisfy(state -> {
      assertThat(state.tombstones()).isZero();
      assertThat(state.value()).isEmpty();
    });
    // whoever collected it first reclaimed it; the others dropped it when merging that state
    assertThat(a.gc.status().reclaimed() + b.gc.status().reclaimed() + c.gc.status().reclaimed()).isPositive();
    assertThat(a.gc.status().tombstones()).isZero();
  }

  @Test
  void aStalePreGcStateMergedAfterGcResurrectsNothing() {
    Replica<ORSet<String>> a = new Replica<>(A, ORSet.empty());
    Replica<ORSet<String>> b = new Replica<>(B, ORSet.empty());
    Replica<ORSet<String>> c = new Replica<>(C, ORSet.empty());
    a.update(s -> s.add(A, "milk").add(A, "eggs"));
    exchange(List.of(a, b, c), 1);
    ORSet<String> staleBeforeGc = c.state;

    exchange(List.of(a, b, c), 3);                                       // everything stable: collapsed
    assertThat(a.state.parts().collapsed()).containsExactlyInAnyOrder("milk", "eggs");
    a.update(s -> s.remove(A, "milk"));
    exchange(List.of(a, b, c), 3);                                       // the token is stable: gone
    assertThat(a.state.tombstones()).isZero();

    assertThat(a.state.merge(staleBeforeGc).value()).containsExactly("eggs");
    assertThat(staleBeforeGc.merge(a.state).value()).containsExactly("eggs");
  }

  @Test
  void aStaleStateCannotReviveACollectedLwwTombstone() {
    Replica<LWWMap<String, String>> a = new Replica<>(A, LWWMap.empty());
    Replica<LWWMap<String, String>> b = new Replica<>(B, LWWMap.empty());
    Replica<LWWMap<String, String>> c = new Replica<>(C, LWWMap.empty());
    a.update(s -> s.put(HlcTimestamp.of(1_000, 0, A), "theme", "dark"));
    exchange(List.of(a, b, c), 1);
    LWWMap<String, String> stale = b.state;
    c.update(s -> s.remove(HlcTimestamp.of(2_000, 0, C), "theme"));
    exchange(List.of(a, b, c), 4);
    assertThat(a.state.tombstones()).isZero();

    assertThat(a.state.merge(stale).value()).isEmpty();
    assertThat(stale.merge(a.state).value()).isEmpty();
  }
}
