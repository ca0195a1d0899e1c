package io.crdtkit.net;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.crdtkit.clock.ReplicaId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * A snapshot of a node's state and traffic, for dashboards, tests and the node's JMX bean.
 *
 * @param replica             this node's replica id
 * @param viewSize            how many members the current view has
 * @param members             the replicas of the view's members whose ids are known (this one included), in view
 *                            order
 * @param suspected           members that failure detection suspected and that have not been in a view since
 * @param keys                registered keys
 * @param peers               per peer, what anti-entropy last found
 * @param epoch               the retirement epoch (how many replicas the cluster has retired)
 * @param retired             the retired replicas, in order
 * @param messagesSent        messages sent (each multicast counts once)
 * @param bytesSent           their bytes
 * @param messagesReceived    messages received
 * @param bytesReceived       their bytes
 * @param decodeErrors        received messages dropped because they could not be decoded
 * @param deltasSent          deltas sent (one per key per batch)
 * @param statesSent          whole states sent by anti-entropy
 * @param staleDeltasRefused  deltas refused because they were from an older retirement epoch
 * @param unknownKeys         received entries for keys this node has not registered (ignored)
 * @param antiEntropyRounds   anti-entropy rounds this node started
 * @param mergeViews          MergeViews this node installed
 * @param stabilityLag        per member, the largest garbage-collection lag over the collected keys (how many dots
 *                            this node has merged that the member's last accepted report had not)
 * @param tombstones          tombstones held now over the collected keys
 * @param refused             what this node refused to take in, by cause (each refusal is also logged, at most
 *                            once a minute per cause and sender)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record NetStats(ReplicaId replica, int viewSize, List<ReplicaId> members, Set<ReplicaId> suspected, int keys,
    List<PeerSync> peers, long epoch, List<ReplicaId> retired, long messagesSent, long bytesSent,
    long messagesReceived, long bytesReceived, long decodeErrors, long deltasSent, long statesSent,
    long staleDeltasRefused, long unknownKeys, long antiEntropyRounds, long mergeViews,
    Map<ReplicaId, Long> stabilityLag, long tombstones, Map<RefusalCause, Long> refused) {

  /** Whether anti-entropy last found this node in sync with every peer in the view. */
  public boolean inSyncWithAllPeers() {
    return peers.size() == viewSize - 1 && peers.stream().allMatch(PeerSync::inSync);
  }
}
