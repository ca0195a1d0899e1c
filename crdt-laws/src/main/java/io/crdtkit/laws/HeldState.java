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

  /**
   * A held state; {@code received} is copied, so later changes to it do not show here.
   *
   * @param replica  the incarnation that held it
   * @param state    the state
   * @param received the ids of the updates whose effects it holds
   */
  public HeldState {
    received = (BitSet) received.clone();
  }

  /**
   * The ids of the updates whose effects the state holds.
   *
   * @return a new bit set, which the caller may change
   */
  @Override
  public BitSet received() {
    return (BitSet) received.clone();
  }
}
