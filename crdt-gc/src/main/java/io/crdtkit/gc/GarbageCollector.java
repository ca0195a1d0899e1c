package io.crdtkit.gc;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.crdtkit.CausalCrdt;
import io.crdtkit.Collectable;
import io.crdtkit.Retirable;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import io.vavr.collection.HashMap;
import io.vavr.collection.Map;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Garbage collection of one replicated value at one replica: feeds the {@link StabilityTracker} with the value's
 * progress and the members' reports, and collects the value at the tracker's cuts after each change. Thread-safe:
 * the network layer calls it from its receive threads.
 *
 * <pre>{@code
 * GarbageCollector<RWSet<String>> gc = GarbageCollector.create(self, members);
 * state = gc.afterChange(state.merge(received));   // after every local update or merge
 * gc.receive(reportFromPeer);                        // reports ride on gossip
 * send(gc.report());                                 // periodically, even when idle
 * }</pre>
 *
 * @param <S> the CRDT type
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class GarbageCollector<S extends CausalCrdt<S> & Collectable<S>> {

  private StabilityTracker tracker;
  // The value as last collected: its tombstones are counted when status() asks, not at every change (a count walks
  // the whole value, and afterChange runs after every update).
  private @Nullable S latest;
  private long reclaimed;
  private long collections;

  private GarbageCollector(StabilityTracker tracker) {
    this.tracker = tracker;
  }

  /**
   * The collector of replica {@code self} in a replica set of (at least) {@code members}. Pass every member known:
   * a collector that believes itself alone considers everything it merged stable.
   *
   * @param <S>     the CRDT type
   * @param self    this replica's incarnation; not null
   * @param members the replica set as known now, {@code self} may be among them; not null, nor any element.
   *                More are learned later from {@link #learn}, from reports and from the states' contexts.
   * @return a new collector; its cuts move once it has accepted a report from every other member
   * @throws NullPointerException if {@code self}, {@code members} or one of the members is null
   */
  public static <S extends CausalCrdt<S> & Collectable<S>> GarbageCollector<S> create(
      ReplicaId self, Iterable<ReplicaId> members) {
    StabilityTracker tracker = StabilityTracker.create(self);
    for (ReplicaId member : members) {
      tracker = tracker.learn(member);
    }
    return new GarbageCollector<>(tracker);
  }

  /**
   * Takes in the value's new state after a local update or a merge, and returns it collected at the current cuts
   * (the same instance if nothing was reclaimable).
   *
   * @param state the value's whole state just after the change; not null
   * @return the state collected: {@code state} itself if nothing was reclaimable at the current cuts
   * @throws NullPointerException if {@code state} is null
   */
  public synchronized S afterChange(S state) {
    Objects.requireNonNull(state, "state");
    tracker = tracker.progress(state.progress());
    S collected = state.collect(tracker.stableCut(), tracker.collapseCut());
    if (collected != state) {
      reclaimed += Math.max(0, state.tombstones() - collected.tombstones());
      collections++;
    }
    latest = collected;
    return collected;
  }

  /**
   * Takes in a member's report (it counts once everything its sender originated up to it is merged here, GC.md
   * rule 4). Reports from this replica itself and from retired replicas are ignored.
   *
   * @param report the report received; not null
   * @throws NullPointerException if {@code report} is null
   */
  public synchronized void receive(StabilityReport report) {
    tracker = tracker.receive(report);
  }

  /**
   * This replica's report, to send to every member, periodically and even when idle.
   *
   * @return a new report of this replica's progress and stable cut as of now
   */
  public synchronized StabilityReport report() {
    return tracker.report();
  }

  /**
   * A member joined or was seen: the cuts wait for its reports from now on. A member already known, a retired
   * replica and {@link RetirementLog#HEIR} change nothing.
   *
   * @param member the replica incarnation; not null
   * @throws NullPointerException if {@code member} is null
   */
  public synchronized void learn(ReplicaId member) {
    tracker = tracker.learn(member);
  }

  /**
   * A member was retired: the cuts stop waiting for it (see {@link #retire(RetirementLog, Epoched)} for the rest).
   *
   * @param member the retired replica incarnation; not null, not this replica
   * @throws IllegalArgumentException if {@code member} is this replica
   * @throws NullPointerException     if {@code member} is null
   */
  public synchronized void retire(ReplicaId member) {
    tracker = tracker.retire(member);
  }

  /**
   * The one call a replica makes when the cluster's retirement log grows: folds into {@code state} every retirement
   * of {@code log} it has not seen ({@link RetirementLog#upgrade}), stops waiting for those replicas, and returns the
   * state collected at the new cuts. Call it only once every live member holds all of the retirees' updates (the
   * retirement protocol's job, GC.md §4).
   *
   * @param log   the cluster's retirement log as this replica knows it now; not null
   * @param state the value's whole state with the epoch it is at; not null, at or below the log's epoch
   * @return the state at the log's epoch, collected: {@code state} itself if nothing was folded or reclaimed
   * @throws IllegalArgumentException if the state's type cannot fold a retired replica ({@link Retirable}), or is
   *     at an epoch beyond the log
   * @throws NullPointerException     if {@code log} or {@code state} is null
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public synchronized Epoched<S> retire(RetirementLog log, Epoched<S> state) {
    Objects.requireNonNull(log, "retirement log");
    Objects.requireNonNull(state, "state");
    if (!(state.state() instanceof Retirable<?>)) {
      throw new IllegalArgumentException(state.state().getClass().getSimpleName()
          + " cannot fold a retired replica (it is not Retirable)");
    }
    Epoched<S> upgraded = (Epoched<S>) log.upgrade((Epoched) state);
    for (long epoch = state.epoch(); epoch < log.epoch(); epoch++) {
      ReplicaId retired = log.retired().get((int) epoch);
      if (!retired.equals(tracker.self())) {              // a retired replica takes no more updates anyway
        tracker = tracker.retire(retired);
      }
    }
    S collected = afterChange(upgraded.state());
    return collected == upgraded.state() ? upgraded : new Epoched<>(upgraded.epoch(), collected);
  }

  /**
   * The tracker as it is now, for inspection (tests, diagnostics): it is immutable, so later events do not change
   * what this returns.
   *
   * @return the current tracker
   */
  public synchronized StabilityTracker tracker() {
    return tracker;
  }

  /**
   * What garbage collection of this value looks like now: the cuts, the members still awaited, how far each member
   * lags, and the tombstones held and reclaimed.
   *
   * @return a new snapshot; it does not change as the collector goes on
   */
  public synchronized GcStatus status() {
    VectorClock progress = tracker.progress();
    Map<ReplicaId, Long> lag = HashMap.empty();
    for (ReplicaId member : tracker.members().remove(tracker.self())) {
      for (StabilityReport report : tracker.acceptedReport(member)) {
        long behind = 0;
        for (var entry : progress.entries()) {
          behind += Math.max(0, entry._2 - report.progress().get(entry._1));
        }
        lag = lag.put(member, behind);
      }
    }
    return new GcStatus(tracker.self(), tracker.stableCut(), tracker.collapseCut(), tracker.members(),
        tracker.waitingFor(), lag, latest == null ? 0 : latest.tombstones(), reclaimed, collections);
  }

  @Override
  public synchronized String toString() {
    return "GarbageCollector{" + tracker + ", reclaimed " + reclaimed + "}";
  }
}
