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
  private int tombstones;
  private long reclaimed;
  private long collections;

  private GarbageCollector(StabilityTracker tracker) {
    this.tracker = tracker;
  }

  /**
   * The collector of replica {@code self} in a replica set of (at least) {@code members}. Pass every member known:
   * a collector that believes itself alone considers everything it merged stable.
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
   */
  public synchronized S afterChange(S state) {
    Objects.requireNonNull(state, "state");
    tracker = tracker.progress(state.progress());
    S collected = state.collect(tracker.stableCut(), tracker.collapseCut());
    int before = state.tombstones();
    tombstones = collected.tombstones();
    if (collected != state) {
      reclaimed += Math.max(0, before - tombstones);
      collections++;
    }
    return collected;
  }

  /** Takes in a member's report (it counts once everything its sender originated up to it is merged here). */
  public synchronized void receive(StabilityReport report) {
    tracker = tracker.receive(report);
  }

  /** This replica's report, to send to every member, periodically and even when idle. */
  public synchronized StabilityReport report() {
    return tracker.report();
  }

  /** A member joined or was seen. */
  public synchronized void learn(ReplicaId member) {
    tracker = tracker.learn(member);
  }

  /** A member was retired: the cuts stop waiting for it (see {@link #retire(RetirementLog, Epoched)} for the rest). */
  public synchronized void retire(ReplicaId member) {
    tracker = tracker.retire(member);
  }

  /**
   * The one call a replica makes when the cluster's retirement log grows: folds into {@code state} every retirement
   * of {@code log} it has not seen ({@link RetirementLog#upgrade}), stops waiting for those replicas, and returns the
   * state collected at the new cuts. Call it only once every live member holds all of the retirees' updates (the
   * retirement protocol's job, GC.md §4).
   *
   * @throws IllegalArgumentException if the state's type cannot fold a retired replica ({@link Retirable}), or is
   *     at an epoch beyond the log
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

  public synchronized StabilityTracker tracker() {
    return tracker;
  }

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
        tracker.waitingFor(), lag, tombstones, reclaimed, collections);
  }

  @Override
  public synchronized String toString() {
    return "GarbageCollector{" + tracker + ", reclaimed " + reclaimed + "}";
  }
}
