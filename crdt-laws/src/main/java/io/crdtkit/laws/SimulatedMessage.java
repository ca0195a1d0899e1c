package io.crdtkit.laws;

import io.crdtkit.clock.ReplicaId;
import java.util.BitSet;
import org.jspecify.annotations.Nullable;

/** What travels on the simulated network. Each message carries the sender's hook payload, if any. */
sealed interface SimulatedMessage<S> {

  ReplicaId from();

  ReplicaId to();

  @Nullable Object piggyback();

  /** The join of the sender's deltas {@code from..upTo}, with the updates they carry. */
  record DeltaGroup<S>(ReplicaId from, ReplicaId to, S payload, BitSet events, long first, long upTo,
      @Nullable Object piggyback) implements SimulatedMessage<S> {
    @Override
    public String toString() {
      return from + " -> " + to + ": deltas " + first + ".." + upTo;
    }
  }

  /** The sender's whole state, and whether the sender had caught up (see Simulation#catchUpBeforeWriting). */
  record FullState<S>(ReplicaId from, ReplicaId to, S payload, BitSet events, boolean fromCaughtUp,
      @Nullable Object piggyback) implements SimulatedMessage<S> {
    @Override
    public String toString() {
      return from + " -> " + to + ": whole state";
    }
  }

  /** The receiver of a delta group acknowledges it, so that the sender stops resending those deltas. */
  record Ack<S>(ReplicaId from, ReplicaId to, long upTo, @Nullable Object piggyback) implements SimulatedMessage<S> {
    @Override
    public String toString() {
      return from + " -> " + to + ": ack " + upTo;
    }
  }
}
