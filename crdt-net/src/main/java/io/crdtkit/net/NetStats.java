package io.crdtkit.net;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.crdtkit.clock.ReplicaId;
import io.crdtkit.gc.GcStatus;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * A snapshot of a node's state and traffic, for dashboards, tests and the node's JMX bean. Take one with
 * {@link CrdtNode#stats()}; counters count from the node's start.
 *
 * <p>A final class with accessors rather than a record, so that a counter added in a later version breaks no
 * caller: nothing outside this package constructs one.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class NetStats {

  private final ReplicaId replica;
  private final int viewSize;
  private final List<ReplicaId> members;
  private final Set<ReplicaId> suspected;
  private final int keys;
  private final List<PeerSync> peers;
  private final long epoch;
  private final List<ReplicaId> retired;
  private final long messagesSent;
  private final long bytesSent;
  private final long messagesReceived;
  private final long bytesReceived;
  private final long deltasSent;
  private final long statesSent;
  private final long antiEntropyRounds;
  private final long mergeViews;
  private final Map<ReplicaId, Long> stabilityLag;
  private final long tombstones;
  private final long deletedKeys;
  private final long deletedKeysCollected;
  private final long supersededByDelete;
  private final Map<RefusalCause, Long> refused;

  private NetStats(ReplicaId replica, ReplicationEngine engine) {
    this.replica = replica;
    this.viewSize = engine.channel().getView() == null ? 0 : engine.channel().getView().size();
    Membership membership = engine.membership();
    this.members = membership.memberReplicas();
    this.suspected = membership.suspectedReplicas();
    this.peers = membership.peerSyncs();
    this.keys = engine.keys().size();
    RetiredReplicas retirements = engine.retired();
    this.epoch = retirements.epoch();
    this.retired = List.copyOf(retirements.log().retired().asJava());
    NetCounters counters = engine.counters();
    this.messagesSent = counters.messagesSent.sum();
    this.bytesSent = counters.bytesSent.sum();
    this.messagesReceived = counters.messagesReceived.sum();
    this.bytesReceived = counters.bytesReceived.sum();
    this.deltasSent = counters.deltasSent.sum();
    this.statesSent = counters.statesSent.sum();
    this.antiEntropyRounds = counters.antiEntropyRounds.sum();
    this.mergeViews = counters.mergeViews.sum();
    this.deletedKeysCollected = counters.tombstonesCollected.sum();
    this.supersededByDelete = counters.supersededByDelete.sum();
    this.deletedKeys = engine.keys().values().stream().filter(KeyEntry::isTombstone).count();
    this.refused = Collections.unmodifiableMap(counters.refusals.snapshot());
    Map<ReplicaId, Long> lag = new HashMap<>();
    long held = 0;
    for (KeyEntry<?> entry : engine.keys().values()) {
      for (GcStatus status : entry.gcStatus()) {
        held += status.tombstones();
        status.lag().forEach((member, behind) -> lag.merge(member, behind, Math::max));
      }
    }
    this.stabilityLag = Map.copyOf(lag);
    this.tombstones = held;
  }

  /** The snapshot of {@code engine}'s node, whose replica is {@code replica}, now. */
  static NetStats of(ReplicaId replica, ReplicationEngine engine) {
    return new NetStats(replica, engine);
  }

  /**
   * This node's replica id.
   *
   * @return the replica id it writes under
   */
  public ReplicaId replica() {
    return replica;
  }

  /**
   * How many members the current view has.
   *
   * @return the view's size, this node included; 0 before the first view
   */
  public int viewSize() {
    return viewSize;
  }

  /**
   * The replicas of the view's members whose ids are known, this node's included.
   *
   * @return their replica ids, in view order
   */
  public List<ReplicaId> members() {
    return members;
  }

  /**
   * Members that failure detection suspected and that have not been in a view since.
   *
   * @return their replica ids
   */
  public Set<ReplicaId> suspected() {
    return suspected;
  }

  /**
   * How many keys are registered on this node.
   *
   * @return the number of registered keys
   */
  public int keys() {
    return keys;
  }

  /**
   * Per peer, what anti-entropy last found.
   *
   * @return one entry per peer that anti-entropy has compared with
   */
  public List<PeerSync> peers() {
    return peers;
  }

  /**
   * The retirement epoch.
   *
   * @return how many replicas the cluster has retired
   */
  public long epoch() {
    return epoch;
  }

  /**
   * The retired replicas.
   *
   * @return their ids, in the order they were retired
   */
  public List<ReplicaId> retired() {
    return retired;
  }

  /**
   * Messages sent.
   *
   * @return how many; each multicast counts once
   */
  public long messagesSent() {
    return messagesSent;
  }

  /**
   * Bytes sent.
   *
   * @return the bytes of {@link #messagesSent()}
   */
  public long bytesSent() {
    return bytesSent;
  }

  /**
   * Messages received.
   *
   * @return how many
   */
  public long messagesReceived() {
    return messagesReceived;
  }

  /**
   * Bytes received.
   *
   * @return the bytes of {@link #messagesReceived()}
   */
  public long bytesReceived() {
    return bytesReceived;
  }

  /**
   * Received messages dropped because they could not be decoded or merged.
   *
   * @return the refusals for {@link RefusalCause#UNDECODABLE} and {@link RefusalCause#UNMERGEABLE}
   */
  public long decodeErrors() {
    return count(RefusalCause.UNDECODABLE) + count(RefusalCause.UNMERGEABLE);
  }

  /**
   * Deltas sent.
   *
   * @return how many; one per key per batch
   */
  public long deltasSent() {
    return deltasSent;
  }

  /**
   * Whole states sent by anti-entropy.
   *
   * @return how many
   */
  public long statesSent() {
    return statesSent;
  }

  /**
   * Deltas refused because they were from an older retirement epoch.
   *
   * @return the refusals for {@link RefusalCause#STALE_DELTA}
   */
  public long staleDeltasRefused() {
    return count(RefusalCause.STALE_DELTA);
  }

  /**
   * Received entries for keys this node has not registered, which it ignored.
   *
   * @return the refusals for {@link RefusalCause#UNKNOWN_KEY}
   */
  public long unknownKeys() {
    return count(RefusalCause.UNKNOWN_KEY);
  }

  /**
   * Anti-entropy rounds this node started.
   *
   * @return how many
   */
  public long antiEntropyRounds() {
    return antiEntropyRounds;
  }

  /**
   * MergeViews this node installed (partitions that healed).
   *
   * @return how many
   */
  public long mergeViews() {
    return mergeViews;
  }

  /**
   * Per member, the largest garbage-collection lag over the collected keys.
   *
   * @return how many dots this node has merged that the member's last accepted report had not, per member
   */
  public Map<ReplicaId, Long> stabilityLag() {
    return stabilityLag;
  }

  /**
   * Tombstones held now over the collected keys.
   *
   * @return how many
   */
  public long tombstones() {
    return tombstones;
  }

  /**
   * Deleted keys held now as tombstones: each waits until every member holds its delete (NET.md, "Deleting a key").
   *
   * @return how many; they are also in {@link #keys()}
   */
  public long deletedKeys() {
    return deletedKeys;
  }

  /**
   * Tombstones of deleted keys this node collected since it started.
   *
   * @return how many
   */
  public long deletedKeysCollected() {
    return deletedKeysCollected;
  }

  /**
   * Updates from other members dropped because a delete of their key won over them (they were concurrent with it,
   * or older); a delete wins over concurrent updates by design, so this counts what it won over, not errors.
   *
   * @return how many key entries were dropped
   */
  public long supersededByDelete() {
    return supersededByDelete;
  }

  /**
   * What this node refused to take in, by cause. Each refusal is also logged, at most once a minute per cause and
   * sender.
   *
   * @return the count per cause (a cause this node never refused may be absent); unmodifiable
   */
  public Map<RefusalCause, Long> refused() {
    return refused;
  }

  /**
   * Whether anti-entropy last found this node in sync with every peer in the view.
   *
   * @return true when every other member of the view was last found in sync
   */
  public boolean inSyncWithAllPeers() {
    return peers.size() == viewSize - 1 && peers.stream().allMatch(PeerSync::inSync);
  }

  private long count(RefusalCause cause) {
    return refused.getOrDefault(cause, 0L);
  }

  @Override
  public String toString() {
    return "NetStats[replica=" + replica + ", viewSize=" + viewSize + ", members=" + members + ", suspected="
        + suspected + ", keys=" + keys + ", peers=" + peers + ", epoch=" + epoch + ", retired=" + retired
        + ", messagesSent=" + messagesSent + ", bytesSent=" + bytesSent + ", messagesReceived=" + messagesReceived
        + ", bytesReceived=" + bytesReceived + ", deltasSent=" + deltasSent + ", statesSent=" + statesSent
        + ", antiEntropyRounds=" + antiEntropyRounds + ", mergeViews=" + mergeViews + ", stabilityLag="
        + stabilityLag + ", tombstones=" + tombstones + ", deletedKeys=" + deletedKeys + ", deletedKeysCollected="
        + deletedKeysCollected + ", supersededByDelete=" + supersededByDelete + ", refused=" + refused + "]";
  }
}
