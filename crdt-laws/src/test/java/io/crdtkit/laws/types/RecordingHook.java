package io.crdtkit.laws.types;

import io.crdtkit.clock.ReplicaId;
import io.crdtkit.laws.SimulationHook;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A simulation hook that records every state change of every replica, before and after the hook it wraps (a
 * garbage collector, or nothing): what a list specification needs to see every order a replica ever showed, and the
 * state each update was made on. The simulator hands a local update's new state to {@link #afterChange} as it is
 * (the very object its {@code HistoryEvent} keeps), so an update's change is found by identity.
 *
 * @param <S> the CRDT type
 */
public final class RecordingHook<S> implements SimulationHook<S> {

  /**
   * One state change of a replica.
   *
   * @param replica the replica incarnation whose state changed
   * @param before  the state it held before (bottom for a new incarnation)
   * @param offered the new state, as the step made it (a local update's state, or a merge's)
   * @param kept    the state it kept: {@code offered} after the wrapped hook (a collection) replaced it
   * @param <S>     the CRDT type
   */
  public record Change<S>(ReplicaId replica, S before, S offered, S kept) {}

  private final S bottom;
  private final SimulationHook<S> wrapped;
  private final List<Change<S>> changes = new ArrayList<>();
  private final Map<ReplicaId, S> current = new HashMap<>();

  /** Records changes and does nothing else. */
  public RecordingHook(S bottom) {
    this(bottom, new SimulationHook<>() {});
  }

  /** Records the changes around {@code wrapped}, which does its work as if alone. */
  public RecordingHook(S bottom, SimulationHook<S> wrapped) {
    this.bottom = bottom;
    this.wrapped = wrapped;
  }

  /** Every change recorded, in the order they happened. */
  public List<Change<S>> changes() {
    return List.copyOf(changes);
  }

  @Override
  public @Nullable Object piggyback(ReplicaId sender, S state) {
    return wrapped.piggyback(sender, state);
  }

  @Override
  public void received(ReplicaId receiver, ReplicaId sender, @Nullable Object piggyback) {
    wrapped.received(receiver, sender, piggyback);
  }

  @Override
  public S afterChange(ReplicaId replica, S state) {
    S before = current.getOrDefault(replica, bottom);
    S kept = wrapped.afterChange(replica, state);
    changes.add(new Change<>(replica, before, state, kept));
    current.put(replica, kept);
    return kept;
  }

  @Override
  public void crashed(ReplicaId crashed, ReplicaId successor) {
    wrapped.crashed(crashed, successor);
  }

  @Override
  public void partitioned(Set<Set<ReplicaId>> sides) {
    wrapped.partitioned(sides);
  }
}
