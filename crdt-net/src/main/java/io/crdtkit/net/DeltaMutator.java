package io.crdtkit.net;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.crdtkit.Crdt;
import io.crdtkit.clock.ReplicaId;
import org.apiguardian.api.API;

/**
 * An update, as the delta it makes: given the current state and this node's replica id, return the small state
 * that, merged in, performs the update. The node merges it locally at once and sends it to the others. It runs
 * under the key's lock, so that no other update slips in between reading the state and merging the delta: keep it
 * a quick, pure function of its arguments.
 *
 * <pre>{@code
 * cart.update((state, self) -> state.deltaUpdate(self, "milk", qty -> qty.deltaIncrement(self, 2)));
 * }</pre>
 *
 * @param <S> the CRDT type
 */
@API(status = EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface DeltaMutator<S extends Crdt<S>> {

  /**
   * The delta of the update; it must be made from {@code current} (mint dots with {@code replica}).
   *
   * @param current the key's state at this node now, never null; the mutator runs under the key's lock, so it is
   *                still the state when the delta is merged
   * @param replica this node's replica id, to mint dots and write counter entries with; never null
   * @return the delta, not null: a state of the same type that, merged into {@code current}, performs the update
   *     (a delta that {@code current} already holds changes nothing and is not sent)
   */
  S delta(S current, ReplicaId replica);
}
