package io.crdtkit.laws;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.crdtkit.clock.ReplicaId;
import java.util.Set;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Code that runs inside a simulation's schedule, for machinery that lives beside the CRDT, such as garbage
 * collection: it can piggyback data on every message (a stability report), learn of membership changes, and
 * replace a replica's state after each of its steps with an equivalent one (a pruned state). The simulation's
 * final checks then show whether that machinery kept the replicas convergent and correct.
 *
 * @param <S> the CRDT type
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface SimulationHook<S> {

  /**
   * The payload {@code sender}, whose state is {@code state}, attaches to a message it sends.
   *
   * @param sender the replica incarnation sending (a delta group, a whole state or an acknowledgement)
   * @param state  its state as it sends
   * @return the payload, or null for none (the default)
   */
  default @Nullable Object piggyback(ReplicaId sender, S state) {
    return null;
  }

  /**
   * {@code receiver} got a message from {@code sender} carrying {@code piggyback} (null if none). Called before the
   * message is merged, and again for each duplicate the network delivers.
   *
   * @param receiver  the replica incarnation that got the message
   * @param sender    the incarnation that sent it (it may have crashed since)
   * @param piggyback what {@link #piggyback} returned when the message was sent, or null
   */
  default void received(ReplicaId receiver, ReplicaId sender, @Nullable Object piggyback) {}

  /**
   * After a step changed the state of {@code replica}: the state to keep instead (by default the same). It must be
   * equivalent for every observer: same value, and merging it must lose nothing that merging the original would
   * keep.
   *
   * @param replica the replica incarnation whose state changed
   * @param state   its new state
   * @return the state to keep: {@code state} itself (the default), or an equivalent one
   */
  default S afterChange(ReplicaId replica, S state) {
    return state;
  }

  /**
   * {@code crashed} lost its state and came back as {@code successor}.
   *
   * @param crashed   the incarnation that crashed; it never sends again, but its messages may still arrive
   * @param successor the new incarnation in the same slot, starting from bottom
   */
  default void crashed(ReplicaId crashed, ReplicaId successor) {}

  /**
   * The network was split into {@code sides}, or healed (one side holding every live replica).
   *
   * @param sides the live replica incarnations, grouped by the side they can reach
   */
  default void partitioned(Set<Set<ReplicaId>> sides) {}
}
