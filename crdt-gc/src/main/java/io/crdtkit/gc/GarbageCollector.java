package io.crdtkit.gc;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.crdtkit.CausalCrdt;
import io.crdtkit.Collectable;
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

  /** A member was retired: the cuts stop waiting for it. */
  public synchronized void retire(ReplicaId member) {
    tracker = tracker.retire(member);
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
