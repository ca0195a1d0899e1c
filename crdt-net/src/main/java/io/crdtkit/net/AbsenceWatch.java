package io.crdtkit.net;

import io.crdtkit.clock.ReplicaId;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * How long each replica of the replica set has been absent from this node's view, for the opt-in policy that retires
 * the ones absent longer than {@code retireAbsentAfter} (NET.md, "Retirement"). Every member keeps the clocks, not
 * only the coordinator: if the coordinator goes, the next one has been counting since it saw each replica leave.
 * A replica's clock starts when this node first finds it absent (it left the view, or it is known only from a
 * state's clocks) and is forgotten as soon as it is back in the view, so a replica that comes back in time is
 * never retired, and one that leaves again starts from zero. Owned by the protocol thread.
 */
final class AbsenceWatch {

  private final long afterNanos;
  private final Map<ReplicaId, Long> absentSince = new HashMap<>();

  AbsenceWatch(Duration after) {
    this.afterNanos = after.toNanos();
  }

  /**
   * Updates the clocks, and returns the replicas absent longer than the timeout, with how long they have been
   * absent. It returns none unless the view holds a strict majority of the replica set: two sides of a partition
   * would otherwise each retire the other and append logs that never agree again; with a majority, at most one
   * side can.
   *
   * @param replicaSet the replicas of the replica set this node knows, retired ones left out
   * @param inView     the replicas of the view's members, this node's included
   * @param nowNanos   {@link System#nanoTime()}
   */
  Map<ReplicaId, Duration> overdue(Collection<ReplicaId> replicaSet, Collection<ReplicaId> inView, long nowNanos) {
    Set<ReplicaId> absent = new HashSet<>(replicaSet);
    absent.removeAll(inView);
    absentSince.keySet().retainAll(absent);
    absent.forEach(replica -> absentSince.putIfAbsent(replica, nowNanos));
    Set<ReplicaId> all = new HashSet<>(replicaSet);
    all.addAll(inView);
    if (2 * (all.size() - absent.size()) <= all.size()) {
      return Map.of();
    }
    Map<ReplicaId, Duration> overdue = new LinkedHashMap<>();
    absentSince.forEach((replica, since) -> {
      if (nowNanos - since >= afterNanos) {
        overdue.put(replica, Duration.ofNanos(nowNanos - since));
      }
    });
    return overdue;
  }
}
