package io.crdtkit.gc;

import io.crdtkit.CausalCrdt;
import io.crdtkit.Collectable;
import io.crdtkit.clock.ReplicaId;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One replica of a hand-run scenario: its state and its collector. Messages are passed by hand, each with its
 * sender's stability report, as crdt-net sends them; updates go out as deltas.
 */
final class TestReplica<S extends CausalCrdt<S> & Collectable<S>> {

  final GarbageCollector<S> gc;
  S state;

  TestReplica(ReplicaId id, List<ReplicaId> members, S bottom) {
    this.gc = GarbageCollector.create(id, members);
    this.state = bottom;
  }

  /** A local update through its delta mutator; returns the delta, to be sent. */
  S update(UnaryOperator<S> deltaMutator) {
    S delta = deltaMutator.apply(state);
    state = gc.afterChange(state.merge(delta));
    return delta;
  }

  /** Receives {@code payload} (a delta, or a state) from {@code sender}, with the sender's report. */
  void receive(TestReplica<S> sender, S payload) {
    gc.receive(sender.gc.report());
    state = gc.afterChange(state.merge(payload));
  }

  /** Receives the sender's whole state, as anti-entropy would. */
  void receiveStateOf(TestReplica<S> sender) {
    receive(sender, sender.state);
  }

  /** Receives the sender's report alone (reports go out even when nothing changes). */
  void receiveReportOf(TestReplica<S> sender) {
    gc.receive(sender.gc.report());
    state = gc.afterChange(state);
  }

  /** Every replica sends its whole state to every other, {@code rounds} times. */
  static <S extends CausalCrdt<S> & Collectable<S>> void exchange(List<TestReplica<S>> replicas, int rounds) {
    for (int round = 0; round < rounds; round++) {
      for (TestReplica<S> to : replicas) {
        for (TestReplica<S> from : replicas) {
          if (from != to) {
            to.receiveStateOf(from);
          }
        }
      }
    }
  }
}
