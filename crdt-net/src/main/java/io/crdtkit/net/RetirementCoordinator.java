package io.crdtkit.net;

import io.crdtkit.clock.ReplicaId;
import io.crdtkit.gc.RetirementLog;
import io.crdtkit.net.WireMessage.FootprintQuery;
import io.crdtkit.net.WireMessage.FootprintReply;
import io.crdtkit.net.WireMessage.RetireRequest;
import io.crdtkit.net.WireMessage.Retirements;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jgroups.Address;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol that grows the cluster's retirement log (NET.md, "Retirement"; the log itself is RetiredReplicas, what
 * it does to this node RetirementEffects). Only the coordinator of a view appends to the log, and only when (1) every
 * replica of the replica set that is not being retired is in its view, so no other side of a partition can append a
 * different entry, (2) the replicas being retired are gone from the view (or asked to leave themselves), (3) every
 * member answered a footprint query with the same hash: every live member holds the same updates of the retirees, so
 * every member folds them identically, and (4) every member is ready: its keys have caught up and the earlier
 * retirements are stable there (crdt-gc's GC.md, rule 9). The log then travels whole; members apply the entries they
 * lack. Owned by the protocol thread; CrdtNode's requests reach it through RetirementRequests.
 */
final class RetirementCoordinator {

  private static final Logger log = LoggerFactory.getLogger(RetirementCoordinator.class);

  private record Query(long id, List<ReplicaId> replicas, Set<Address> awaited, long expected) {}

  private final ReplicaId self;
  private final @Nullable Duration retireAbsentAfter;
  private final Membership membership;
  private final KeyRegistry registry;
  private final Supplier<Set<ReplicaId>> knownReplicas;
  private final RetiredReplicas retired;
  private final RetirementEffects effects;
  private final Refusals refusals;
  private final BiConsumer<Address, WireMessage> send;
  private final Consumer<WireMessage> multicast;
  private final Runnable antiEntropyWithAll;
  private final Set<ReplicaId> requested = new LinkedHashSet<>();
  private final Set<ReplicaId> leaving = new LinkedHashSet<>();
  private final Map<Long, Query> queries = new HashMap<>();
  // The footprint queries this node answered, per coordinator: a log that adds retirements is taken in only from
  // the view's coordinator, and only for replicas it asked this node about.
  private final Map<Address, Set<ReplicaId>> answered = new HashMap<>();
  // The opt-in policy's candidates (AbsenceWatch), with how long each has been absent; replaced at every tick, so
  // a replica that came back drops out instead of staying requested as an operator's request does.
  private Map<ReplicaId, Duration> overdue = Map.of();
  // The members that told this node, by a log it could not take in, that the cluster retired it while it was away.
  private final Set<ReplicaId> toldRetired = new LinkedHashSet<>();
  private long nextQuery;

  /**
   * @param knownReplicas   the replica set as this node knows it (KeyRegistry#knownReplicas)
   * @param antiEntropyWithAll starts a round with every peer: what evens out footprints that differ
   */
  RetirementCoordinator(ReplicaId self, @Nullable Duration retireAbsentAfter, Membership membership,
      KeyRegistry registry, Supplier<Set<ReplicaId>> knownReplicas, RetiredReplicas retired,
      RetirementEffects effects, Refusals refusals, BiConsumer<Address, WireMessage> send,
      Consumer<WireMessage> multicast, Runnable antiEntropyWithAll) {
    this.self = self;
    this.retireAbsentAfter = retireAbsentAfter;
    this.membership = membership;
    this.registry = registry;
    this.knownReplicas = knownReplicas;
    this.retired = retired;
    this.effects = effects;
    this.refusals = refusals;
    this.send = send;
    this.multicast = multicast;
    this.antiEntropyWithAll = antiEntropyWithAll;
  }

  /** Protocol thread: ask the coordinator to retire {@code replicas}. */
  void request(List<ReplicaId> replicas) {
    Address coordinator = membership.coordinator();
    if (membership.isCoordinator()) {
      onRequest(membership.self(), self, new RetireRequest(replicas));
    } else if (coordinator != null) {
      send.accept(coordinator, new RetireRequest(replicas));
    }
  }

  void onRequest(Address from, ReplicaId sender, RetireRequest request) {
    for (ReplicaId replica : request.replicas()) {
      if (!retired.isRetired(replica) && !replica.equals(RetirementLog.HEIR)) {
        requested.add(replica);
        if (replica.equals(sender)) {
          leaving.add(replica);
        }
      }
    }
    tick();
  }

  /** The replicas absent longer than {@code retireAbsentAfter} now (every tick, on every member). */
  void overdue(Map<ReplicaId, Duration> absentTooLong) {
    this.overdue = Map.copyOf(absentTooLong);
  }

  /**
   * Coordinator: try to retire what was requested, and what the opt-in policy finds absent too long, if the view
   * allows it now. Both go through the same checks; a retirement that cannot proceed waits for a later tick.
   */
  void tick() {
    requested.removeIf(retired::isRetired);
    Set<ReplicaId> wanted = new LinkedHashSet<>(requested);
    overdue.keySet().stream().filter(replica -> !retired.isRetired(replica)).forEach(wanted::add);
    if (wanted.isEmpty() || !membership.isCoordinator() || !membership.allMembersKnown()) {
      return;
    }
    List<ReplicaId> inView = membership.memberReplicas();
    List<ReplicaId> candidates = new ArrayList<>();
    for (ReplicaId replica : wanted) {
      if (!inView.contains(replica) || leaving.contains(replica)) {
        candidates.add(replica);
      }
    }
    if (candidates.isEmpty()) {
      return;
    }
    for (ReplicaId member : knownReplicas.get()) {
      if (!candidates.contains(member) && !inView.contains(member) && !retired.isRetired(member)) {
        log.debug("retirement of {} waits: replica {} is neither in the view nor retired", candidates, member);
        return;
      }
    }
    if (!queries.isEmpty()) {
      return;
    }
    if (!registry.readyForRetirement()) {
      log.debug("retirement of {} waits: a key here has not caught up, or an earlier retirement is not stable yet",
          candidates);
      return;
    }
    long id = ++nextQuery;
    Set<Address> awaited = new LinkedHashSet<>(membership.peers());
    Query query = new Query(id, candidates, awaited, registry.footprint(candidates));
    if (awaited.isEmpty()) {
      commit(query);
      return;
    }
    queries.put(id, query);
    multicast.accept(new FootprintQuery(id, candidates));
  }

  /** Every member answers a footprint query, the coordinator included (the multicast comes back to it). */
  void onFootprintQuery(Address from, FootprintQuery query) {
    answered.computeIfAbsent(from, coordinator -> new LinkedHashSet<>()).addAll(query.replicas());
    send.accept(from, new FootprintReply(query.requestId(), registry.footprint(query.replicas()),
        registry.readyForRetirement()));
  }

  void onFootprintReply(Address from, FootprintReply reply) {
    Query query = queries.get(reply.requestId());
    if (query == null) {
      return;
    }
    if (reply.footprint() != query.expected()) {
      // Some member holds more or less of the retirees than this one: anti-entropy will even it out; ask again.
      queries.remove(query.id());
      antiEntropyWithAll.run();
      return;
    }
    if (!reply.ready()) {
      // A member has not caught up, or an earlier retirement is not stable there yet (GC.md, rule 9): ask again.
      queries.remove(query.id());
      return;
    }
    query.awaited().remove(from);
    if (query.awaited().isEmpty()) {
      queries.remove(query.id());
      commit(query);
    }
  }

  private void commit(Query query) {
    RetirementLog grown = retired.log();
    for (ReplicaId replica : query.replicas()) {
      if (!grown.isRetired(replica)) {
        grown = grown.retire(replica);
      }
    }
    List<String> automatic = new ArrayList<>();
    for (ReplicaId replica : query.replicas()) {
      Duration absence = overdue.get(replica);
      if (absence != null && !requested.contains(replica)) {
        automatic.add(replica + " absent from the view for " + absence.toMillis() + " ms");
      }
    }
    if (automatic.isEmpty()) {
      log.info("retiring {} at epoch {}", query.replicas(), grown.epoch());
    } else {
      log.info("retiring {} at epoch {}, automatically ({}; retireAbsentAfter {} ms)", query.replicas(),
          grown.epoch(), String.join(", ", automatic), retireAbsentAfter.toMillis());
    }
    Retirements message = new Retirements(grown.retired().asJava());
    multicast.accept(message);
    onRetirements(membership.self(), message);
  }

  /** A view changed: outstanding queries are void (their members changed), and so are the answers to them. */
  void viewChanged() {
    queries.clear();
    answered.keySet().retainAll(membership.peersAndSelf());
  }

  /** Someone's log, whole: apply what it adds, or send ours back if it is behind. */
  void onRetirements(Address from, Retirements message) {
    List<ReplicaId> theirs = message.retired();
    List<ReplicaId> ours = retired.log().retired().asJava();
    int common = Math.min(theirs.size(), ours.size());
    if (!theirs.subList(0, common).equals(ours.subList(0, common))) {
      refusals.refuse(RefusalCause.UNDECODABLE, from,
          "a retirement log that conflicts with ours (" + theirs + " vs " + ours + ")");
      return;
    }
    if (theirs.size() < ours.size()) {
      send.accept(from, new Retirements(ours));
      return;
    }
    if (theirs.size() == ours.size()) {
      return;
    }
    List<ReplicaId> added = theirs.subList(ours.size(), theirs.size());
    String refusal = refusal(from, added);
    if (refusal != null) {
      if (added.contains(self) && heardRetiredWhileAway(from)) {
        return;
      }
      refusals.refuse(RefusalCause.FORGED_RETIREMENT, from, "a retirement log that adds "
          + added + ": " + refusal);
      Address coordinator = membership.coordinator();
      if (coordinator != null && !coordinator.equals(from)) {
        send.accept(coordinator, new Retirements(ours));    // the coordinator answers with its log if it is ahead
      }
      return;
    }
    RetirementLog grown = retired.log();
    for (ReplicaId replica : added) {
      grown = grown.retire(replica);
    }
    effects.apply(List.copyOf(added));
    answered.values().forEach(asked -> asked.removeAll(added));
    requested.removeAll(added);
    leaving.removeAll(added);
    retired.grown(grown);
  }

  /**
   * Why a log from {@code from} that adds {@code added} is not taken in (null if it is): only the view's coordinator
   * grows the log, and only for replicas it asked this node about in a footprint round; a replica this node never
   * saw in a view (a joiner catches up with retirements made before it came) needs no round.
   */
  private @Nullable String refusal(Address from, List<ReplicaId> added) {
    if (from.equals(membership.self())) {
      return null;                                       // this node's own commit, after its own round
    }
    if (!from.equals(membership.coordinator())) {
      return "only the view's coordinator retires replicas";
    }
    Set<ReplicaId> asked = answered.getOrDefault(from, Set.of());
    for (ReplicaId replica : added) {
      if (!asked.contains(replica) && membership.everInView(replica)) {
        return "the coordinator did not ask this member for its footprint of " + replica;
      }
    }
    return null;
  }

  /**
   * A log that retires this replica, from a member of the view, that this node may not take in (it was not asked
   * for its footprint: it was away). One member's word is not enough (a rogue member could say it); once a strict
   * majority of the view's other members has said it, this replica was retired while away and the node closes
   * (RetirementEffects#retiredWhileAway). Whether it has.
   */
  private boolean heardRetiredWhileAway(Address from) {
    ReplicaId teller = membership.replicaOf(from);
    if (teller == null || leaving.contains(self)) {
      return false;
    }
    toldRetired.add(teller);
    List<ReplicaId> peers = membership.memberReplicas();
    peers.remove(self);
    long told = peers.stream().filter(toldRetired::contains).count();
    if (2 * told <= peers.size()) {
      return false;
    }
    effects.retiredWhileAway(teller);
    return true;
  }
}
