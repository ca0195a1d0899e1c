package io.crdtkit.net;

import io.crdtkit.clock.ReplicaId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.jgroups.Address;
import org.jgroups.MergeView;
import org.jgroups.View;
import org.jspecify.annotations.Nullable;

/**
 * Who is in the view, which replica incarnation each member address is (learned from the frames it sends), who
 * was suspected, and what anti-entropy last found about each peer. Leaving the view changes nothing here for
 * garbage collection: a replica leaves the replica set only by retirement.
 */
final class Membership {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Membership.class);

  private record Status(boolean inSync, Set<String> differing, long lastCompared) {}

  private final Address self;
  private final ReplicaId selfReplica;
  private volatile @Nullable View view;
  private volatile Set<Address> bridges = Set.of();
  private final Map<Address, ReplicaId> replicas = new ConcurrentHashMap<>();
  private final Map<Address, Status> status = new ConcurrentHashMap<>();
  private final Map<Address, Long> epochs = new ConcurrentHashMap<>();
  private final Map<Address, ReplicaId> suspected = new ConcurrentHashMap<>();
  // Every replica that was ever a member of a view this node installed (retirement checks it, see
  // RetirementCoordinator); protocol thread only.
  private final Set<ReplicaId> everInView = ConcurrentHashMap.newKeySet();

  Membership(Address self, ReplicaId selfReplica) {
    this.self = self;
    this.selfReplica = selfReplica;
    replicas.put(self, selfReplica);
  }

  Address self() {
    return self;
  }

  /** Records which replica {@code address} is; whether it was new. */
  boolean learn(Address address, ReplicaId replica) {
    View current = view;
    if (current != null && current.containsMember(address)) {
      everInView.add(replica);
    }
    return !replica.equals(replicas.put(address, replica));
  }

  /** Whether {@code replica} was a member of a view this node installed. */
  boolean everInView(ReplicaId replica) {
    return everInView.contains(replica);
  }

  /** The members of the current view, this node included. */
  List<Address> peersAndSelf() {
    View current = view;
    return current == null ? List.of(self) : current.getMembers();
  }

  /**
   * The replicas of {@code newView}'s members, learned from the logical names the view carries (a node's channel is
   * named after its replica); members whose name is not known yet are learned from their first frame instead.
   */
  List<ReplicaId> replicasOf(View newView) {
    List<ReplicaId> learned = new ArrayList<>();
    for (Address member : newView.getMembers()) {
      String name = org.jgroups.util.NameCache.get(member);
      if (name != null && !member.equals(self) && !replicas.containsKey(member)) {
        ReplicaId replica = ReplicaId.of(name);
        replicas.put(member, replica);
        learned.add(replica);
      }
      ReplicaId known = replicas.get(member);
      if (known != null) {
        everInView.add(known);
      }
    }
    return learned;
  }

  @Nullable ReplicaId replicaOf(Address address) {
    return replicas.get(address);
  }

  /**
   * After a MergeView: if this node coordinates one of the merged subgroups, the coordinators of the subgroups after
   * it in the view's list (it starts a round with each; the others start theirs with it). Until the next view,
   * what this node learns from any subgroup coordinator is forwarded to its own side.
   */
  List<Address> bridgesAfterMerge(MergeView merge) {
    List<View> subgroups = merge.getSubgroups();
    List<Address> coordinators = subgroups.stream().map(View::getCoord).toList();
    bridges = coordinators.contains(self) ? Set.copyOf(coordinators) : Set.of();
    int mine = coordinators.indexOf(self);
    return mine < 0 ? List.of() : coordinators.subList(mine + 1, coordinators.size());
  }

  /** Whether {@code peer} coordinated another side of the last merge, while this node coordinated its own. */
  boolean isBridge(Address peer) {
    return !peer.equals(self) && bridges.contains(peer);
  }

  /** Installs a view; the members that are new in it (they get a round of anti-entropy). */
  List<Address> install(View newView) {
    View old = view;
    view = newView;
    bridges = Set.of();
    List<Address> joined = new ArrayList<>();
    for (Address member : newView.getMembers()) {
      suspected.remove(member); // back in a view: no longer suspected
      if (old == null || !old.containsMember(member)) {
        joined.add(member);
      }
    }
    if (old != null) {
      for (Address member : old.getMembers()) {
        if (!newView.containsMember(member)) {
          // The one line a peer's crash is worth (JGroups' own connection errors about it go to DEBUG: PeerCrashLog).
          log.info("{}: {} left the view (closed, crashed or cut off); it stays in the replica set until retired",
              selfReplica, replicas.containsKey(member) ? replicas.get(member) : member);
        }
      }
    }
    status.keySet().retainAll(newView.getMembers());
    epochs.keySet().retainAll(newView.getMembers());
    replicas.keySet().removeIf(address -> !address.equals(self) && !newView.containsMember(address));
    return joined;
  }

  /** The retirement epoch {@code member} last sent a frame in. */
  void sawEpoch(Address member, long epoch) {
    epochs.merge(member, epoch, Math::max);
  }

  /** Whether every peer of the view has sent a frame from {@code epoch} or later (it applied the log so far). */
  boolean allPeersAtEpoch(long epoch) {
    return peers().stream().allMatch(peer -> epochs.getOrDefault(peer, -1L) >= epoch);
  }

  void suspect(Collection<Address> members) {
    for (Address member : members) {
      ReplicaId replica = replicas.get(member);
      if (replica != null) {
        suspected.put(member, replica);
      }
    }
  }

  /** The other members of the view, in view order. */
  List<Address> peers() {
    View current = view;
    if (current == null) {
      return List.of();
    }
    List<Address> peers = new ArrayList<>(current.getMembers());
    peers.remove(self);
    return peers;
  }

  /** The member after this one in the view, wrapping around: after a merge every node syncs with its successor. */
  @Nullable Address successor() {
    View current = view;
    if (current == null || current.size() < 2) {
      return null;
    }
    List<Address> members = current.getMembers();
    return members.get((members.indexOf(self) + 1) % members.size());
  }

  /** A peer for a periodic round: one not known to be in sync if there is one, else any; at random. */
  Address peerForAntiEntropy() {
    List<Address> peers = peers();
    List<Address> unsettled = new ArrayList<>();
    for (Address peer : peers) {
      Status known = status.get(peer);
      if (known == null || !known.inSync()) {
        unsettled.add(peer);
      }
    }
    List<Address> pool = unsettled.isEmpty() ? peers : unsettled;
    return pool.get(ThreadLocalRandom.current().nextInt(pool.size()));
  }

  @Nullable Address coordinator() {
    View current = view;
    return current == null ? null : current.getCoord();
  }

  boolean isCoordinator() {
    return self.equals(coordinator());
  }

  /** Replicas of the view's members, this one included, as far as they are known. */
  List<ReplicaId> memberReplicas() {
    View current = view;
    List<ReplicaId> members = new ArrayList<>();
    if (current != null) {
      for (Address address : current.getMembers()) {
        ReplicaId replica = replicas.get(address);
        if (replica != null) {
          members.add(replica);
        }
      }
    } else {
      members.add(selfReplica);
    }
    return members;
  }

  /** Whether every view member has announced its replica id. */
  boolean allMembersKnown() {
    View current = view;
    return current != null && current.getMembers().stream().allMatch(replicas::containsKey);
  }

  Set<ReplicaId> suspectedReplicas() {
    return new HashSet<>(suspected.values());
  }

  void comparedInSync(Address peer) {
    status.put(peer, new Status(true, Set.of(), System.currentTimeMillis()));
  }

  void comparedDifferent(Address peer, List<String> differingKeys) {
    Status old = status.get(peer);
    Set<String> differing = new HashSet<>(old == null ? Set.of() : old.differing());
    differing.addAll(differingKeys);
    status.put(peer, new Status(false, differing, System.currentTimeMillis()));
  }

  /** Forgets what anti-entropy found: after a view change, every peer must be compared again. */
  void resetSync() {
    status.clear();
  }

  /** Keys that anti-entropy found different with some peer and has not seen equal with it since. */
  Set<String> outOfSyncKeys() {
    Set<String> keys = new java.util.TreeSet<>();
    status.values().forEach(known -> keys.addAll(known.differing()));
    return keys;
  }

  List<PeerSync> peerSyncs() {
    List<PeerSync> result = new ArrayList<>();
    for (Address peer : peers()) {
      ReplicaId replica = replicas.get(peer);
      Status known = status.get(peer);
      if (replica != null) {
        result.add(known == null
            ? new PeerSync(replica, false, 0, 0)
            : new PeerSync(replica, known.inSync(), known.differing().size(), known.lastCompared()));
      }
    }
    return result;
  }
}
