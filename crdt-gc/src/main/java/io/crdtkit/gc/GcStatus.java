package io.crdtkit.gc;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import io.vavr.collection.Map;
import io.vavr.collection.Set;
import org.apiguardian.api.API;

/**
 * What garbage collection at one replica looks like now, for dashboards and tests.
 *
 * @param replica     the replica this status is from
 * @param stableCut   every dot at or below it has been merged by every member
 * @param collapseCut every member knows every dot at or below it is stable
 * @param members     the replica set
 * @param waitingFor  members with no accepted report: while not empty, the cuts do not move
 * @param lag         per member, how many dots this replica has merged that the member's last accepted report had
 *                    not (how far it lags behind this replica); absent for members without an accepted report
 * @param tombstones  tombstones held now
 * @param reclaimed   tombstones reclaimed so far
 * @param collections how many collections removed something
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record GcStatus(ReplicaId replica, VectorClock stableCut, VectorClock collapseCut, Set<ReplicaId> members,
    Set<ReplicaId> waitingFor, Map<ReplicaId, Long> lag, int tombstones, long reclaimed, long collections) {}
