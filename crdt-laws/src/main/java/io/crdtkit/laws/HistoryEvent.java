package io.crdtkit.laws;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.crdtkit.clock.ReplicaId;
import java.util.BitSet;
import org.apiguardian.api.API;

/**
 * One update in a simulated run, as a semantic oracle sees it: which replica incarnation made it, which operation,
 * the state it produced there, and which updates that replica had received when it made it (directly, in a delta
 * group, or within a whole state). "Received" is what a replica could have observed: with non-causal delivery it is
 * not closed under happened-before, and an observed-remove type can only remove what its replica observed.
 *
 * @param id         the event's number, in the order events happened
 * @param replica    the incarnation that made the update
 * @param operation  the operation applied
 * @param stateAfter the updating replica's state right after it (e.g. to read the timestamp an LWW write chose)
 * @param received   the ids of the updates its replica had received before it
 * @param <S>        the CRDT type
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record HistoryEvent<S>(int id, ReplicaId replica, Operation<S> operation, S stateAfter, BitSet received) {

  /**
   * An event; {@code received} is copied, so later changes to it do not show here.
   *
   * @param id         the event's number, in the order events happened
   * @param replica    the incarnation that made the update
   * @param operation  the operation applied
   * @param stateAfter the updating replica's state right after it
   * @param received   the ids of the updates its replica had received before it
   */
  public HistoryEvent {
    received = (BitSet) received.clone();
  }

  /**
   * Whether this update's replica had received {@code other} when it made this update.
   *
   * @param other an update of the same run
   * @return true if {@code other}'s id is among the ids this update's replica had received
   */
  public boolean hadReceived(HistoryEvent<?> other) {
    return received.get(other.id);
  }

  /**
   * The ids of the updates its replica had received before it.
   *
   * @return a new bit set, which the caller may change
   */
  @Override
  public BitSet received() {
    return (BitSet) received.clone();
  }

  @Override
  public String toString() {
    return "#" + id + " " + replica + ": " + operation;
  }
}
