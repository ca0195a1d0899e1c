package io.crdtkit.laws;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.crdtkit.clock.ReplicaId;
import java.util.BitSet;
import org.apiguardian.api.API;

/**
 * A state a replica held at some point of a simulated run, with the updates it had received by then: a stale copy
 * of the kind a late message or an old snapshot brings back.
 *
 * @param replica  the incarnation that held it
 * @param state    the state
 * @param received the ids of the updates whose effects it holds
 * @param <S>      the CRDT type
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record HeldState<S>(ReplicaId replica, S state, BitSet received) {

  public HeldState {
    received = (BitSet) received.clone();
  }

  @Override
  public BitSet received() {
    return (BitSet) received.clone();
  }
}
