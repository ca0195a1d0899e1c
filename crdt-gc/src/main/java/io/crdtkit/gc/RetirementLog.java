package io.crdtkit.gc;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.crdtkit.Crdt;
import io.crdtkit.Retirable;
import io.crdtkit.clock.ReplicaId;
import io.vavr.collection.Vector;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The cluster's retirements, in order: retirement number {@code e} moves every state from epoch {@code e - 1} to
 * epoch {@code e} by folding the retired replica into the {@link #HEIR}. The log is what lets a replica upgrade a
 * stale state (a snapshot, a message from before the retirement) deterministically, so that a retired replica's
 * late input neither double-counts nor revives anything. Immutable.
 *
 * <pre>{@code
 * RetirementLog log = RetirementLog.empty().retire(oldIncarnation);     // agreed by the cluster
 * Epoched<ORSet<String>> mine = log.upgrade(new Epoched<>(0, state));   // fold it into my state
 * Epoched<ORSet<String>> merged = log.mergeState(mine, lateStateFromEpoch0);
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class RetirementLog {

  /** The reserved replica that inherits every retired replica's entries; no live replica may use this id. */
  public static final ReplicaId HEIR = ReplicaId.of("~retired");

  private static final RetirementLog EMPTY = new RetirementLog(Vector.empty());

  private final Vector<ReplicaId> retired;

  private RetirementLog(Vector<ReplicaId> retired) {
    this.retired = retired;
  }

  /**
   * The log of a cluster that has retired no replica: epoch 0.
   *
   * @return the empty log, always the same instance
   */
  public static RetirementLog empty() {
    return EMPTY;
  }

  /**
   * The log with one more retirement: the epoch grows by one. Every replica must append the same retirements in
   * the same order (the cluster agrees on them, GC.md rule 9), or their folds differ.
   *
   * @param replica the replica incarnation retired; not null, not {@link #HEIR}, not already retired
   * @return a new log; this one is unchanged
   * @throws IllegalArgumentException if {@code replica} is the heir or is already retired
   * @throws NullPointerException     if {@code replica} is null
   */
  public RetirementLog retire(ReplicaId replica) {
    Objects.requireNonNull(replica, "replica");
    if (replica.equals(HEIR)) {
      throw new IllegalArgumentException("the heir " + HEIR + " cannot be retired");
    }
    if (retired.contains(replica)) {
      throw new IllegalArgumentException(replica + " is already retired (epoch " + (retired.indexOf(replica) + 1) + ")");
    }
    return new RetirementLog(retired.append(replica));
  }

  /**
   * The current epoch: the number of retirements.
   *
   * @return the epoch, at least 0
   */
  public long epoch() {
    return retired.size();
  }

  /**
   * Whether {@code replica} has been retired.
   *
   * @param replica a replica incarnation
   * @return true if it is in this log; false for the heir, which is never retired
   */
  public boolean isRetired(ReplicaId replica) {
    return retired.contains(replica);
  }

  /**
   * The retired replicas, in the order they were retired: retirement {@code e} is element {@code e - 1}.
   *
   * @return the retired replicas, as many as {@link #epoch()}; immutable
   */
  public Vector<ReplicaId> retired() {
    return retired;
  }

  /**
   * The whole state {@code stale} folded up to the current epoch: each retirement it has not seen is applied in
   * order. Pass only whole states (see {@link #acceptDelta} for deltas).
   *
   * @param <S>   the CRDT type
   * @param stale a whole state at this log's epoch or an earlier one; not null
   * @return the state at the current epoch: {@code stale} itself if it is already there
   *
   * @throws IllegalArgumentException if {@code stale} claims an epoch beyond this log (the log is behind: learn the
   *     missing retirements first)
   */
  public <S extends Retirable<S>> Epoched<S> upgrade(Epoched<S> stale) {
    requireKnown(stale.epoch());
    S state = stale.state();
    for (long epoch = stale.epoch(); epoch < epoch(); epoch++) {
      state = state.retire(retired.get((int) epoch), HEIR);
    }
    return state == stale.state() && stale.epoch() == epoch() ? stale : new Epoched<>(epoch(), state);
  }

  /**
   * {@code mine} (at the current epoch) merged with the whole state {@code other}, upgraded first if stale.
   *
   * @param <S>   the CRDT type
   * @param mine  the local state, at this log's epoch; not null
   * @param other a whole state received, at this log's epoch or an earlier one; not null
   * @return the merge at the current epoch: {@code mine} itself if the merge changed nothing
   * @throws IllegalArgumentException if {@code mine} is not at the current epoch (upgrade it first), or
   *     {@code other} is at an epoch beyond this log
   */
  public <S extends Retirable<S> & Crdt<S>> Epoched<S> mergeState(Epoched<S> mine, Epoched<S> other) {
    requireCurrent(mine);
    S merged = mine.state().merge(upgrade(other).state());
    return merged == mine.state() ? mine : new Epoched<>(epoch(), merged);
  }

  /**
   * {@code mine} (at the current epoch) merged with {@code delta}.
   *
   * @param <S>   the CRDT type
   * @param mine  the local state, at this log's epoch; not null
   * @param delta a delta received; not null
   * @return the merge at the current epoch: {@code mine} itself if the delta changed nothing
   * @throws IllegalArgumentException if {@code mine} is not at the current epoch, or {@code delta} is at an epoch
   *     beyond this log
   *
   * @throws StaleEpochException if the delta is from an earlier epoch: it is refused, the state unchanged
   */
  public <S extends Crdt<S>> Epoched<S> acceptDelta(Epoched<S> mine, Epoched<S> delta) {
    requireCurrent(mine);
    requireKnown(delta.epoch());
    if (delta.epoch() < epoch()) {
      throw new StaleEpochException(delta.epoch(), epoch());
    }
    S merged = mine.state().merge(delta.state());
    return merged == mine.state() ? mine : new Epoched<>(epoch(), merged);
  }

  private void requireKnown(long epoch) {
    if (epoch > epoch()) {
      throw new IllegalArgumentException("input from epoch " + epoch + " is ahead of this log (epoch " + epoch()
          + "): learn the missing retirements first");
    }
  }

  private void requireCurrent(Epoched<?> mine) {
    if (mine.epoch() != epoch()) {
      throw new IllegalArgumentException("the local state is at epoch " + mine.epoch() + ", the log at " + epoch()
          + ": upgrade it first");
    }
  }

  @Override
  public String toString() {
    return "RetirementLog(epoch " + epoch() + ", retired " + retired.mkString(", ") + ")";
  }
}
