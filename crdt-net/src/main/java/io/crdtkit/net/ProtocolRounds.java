package io.crdtkit.net;

import io.crdtkit.clock.ReplicaId;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jgroups.Address;
import org.jgroups.MergeView;
import org.jgroups.View;
import org.jspecify.annotations.Nullable;

/**
 * What the protocol thread starts by itself: an anti-entropy round with one peer every interval, the report tick
 * (stability reports, retirement, tombstones, the absence policy, durable snapshots), and the rounds a new view calls
 * for. Protocol thread.
 */
final class ProtocolRounds {

  private final Membership membership;
  private final AntiEntropy antiEntropy;
  private final RetirementCoordinator retirements;
  private final KeyDeletes deletes;
  private final KeyRegistry registry;
  private final ReportGossip reports;
  private final QuorumRequests quorums;
  private final ChunkAssembler chunks;
  private final @Nullable AbsenceWatch absences;
  private final Supplier<Set<ReplicaId>> knownReplicas;
  private final Consumer<ReplicaId> learned;
  private final Outbox outbox;
  private final NetCounters counters;
  private final boolean durable;
  private final long antiEntropyIntervalNanos;
  /** After a merge the bridges repair first; periodic rounds would only repeat their work meanwhile. */
  private long periodicRoundsFrom;

  /**
   * @param absences the opt-in retirement policy (retireAbsentAfter), or null when it is off
   * @param learned  told of every member's replica id in each view (its keys learn it)
   * @param durable  whether keys are journaled, and snapshot at the report tick when due
   */
  ProtocolRounds(Membership membership, AntiEntropy antiEntropy, RetirementCoordinator retirements,
      KeyDeletes deletes, KeyRegistry registry, ReportGossip reports, QuorumRequests quorums, ChunkAssembler chunks,
      @Nullable AbsenceWatch absences, Supplier<Set<ReplicaId>> knownReplicas, Consumer<ReplicaId> learned,
      Outbox outbox, NetCounters counters, boolean durable, long antiEntropyIntervalNanos) {
    this.membership = membership;
    this.antiEntropy = antiEntropy;
    this.retirements = retirements;
    this.deletes = deletes;
    this.registry = registry;
    this.reports = reports;
    this.quorums = quorums;
    this.chunks = chunks;
    this.absences = absences;
    this.knownReplicas = knownReplicas;
    this.learned = learned;
    this.outbox = outbox;
    this.counters = counters;
    this.durable = durable;
    this.antiEntropyIntervalNanos = antiEntropyIntervalNanos;
  }

  void onView(View view) {
    List<Address> joined = membership.install(view);
    chunks.retainSenders(view.getMembers());
    // The view names every member's replica: every member learns a joiner when it installs the view, before any
    // message sent in it, so no collector collects without waiting for the joiner (GC.md, rule 8).
    for (ReplicaId replica : membership.replicasOf(view)) {
      learned.accept(replica);
    }
    retirements.viewChanged();
    watchAbsences();    // a replica back in the view starts from zero at once, not at the next tick
    quorums.viewChanged();
    boolean merged = view instanceof MergeView;
    if (merged) {
      counters.mergeViews.increment();
    }
    if (merged || !joined.isEmpty()) {
      membership.resetSync();
      reports.resendAll();
      reportTick();
    }
    if (merged) {
      periodicRoundsFrom = System.nanoTime() + antiEntropyIntervalNanos;
      // The sides were in sync within themselves: only their coordinators compare, and each forwards what it
      // learned to its own side (EntryIntake), instead of every member comparing with every other.
      for (Address bridge : membership.bridgesAfterMerge((MergeView) view)) {
        antiEntropy.startRound(bridge);
      }
    } else if (!joined.isEmpty()) {
      Address successor = membership.successor();
      if (successor != null) {
        antiEntropy.startRound(successor);
      }
    }
  }

  void antiEntropyTick() {
    if (membership.peers().isEmpty() || System.nanoTime() - periodicRoundsFrom < 0) {
      return;
    }
    antiEntropy.startRound(membership.peerForAntiEntropy());
  }

  void reportTick() {
    WireMessage.Reports changed = reports.changedReports(registry.entries());
    boolean announce = reports.takeAnnounce();
    if (!changed.groups().isEmpty() || announce || !membership.allMembersKnown()) {
      counters.reportsSent.add(changed.groups().size());
      outbox.multicast(changed);
    }
    watchAbsences();
    retirements.tick();
    deletes.tick();
    if (durable) {
      registry.entries().forEach(entry -> entry.snapshotIfDue(false));
    }
  }

  /** A round with every peer: after keys were created, or when retirement footprints differ. */
  void antiEntropyWithAll() {
    membership.peers().forEach(antiEntropy::startRound);
  }

  /** The opt-in policy: hands the coordinator the replicas absent longer than {@code retireAbsentAfter}. */
  private void watchAbsences() {
    if (absences != null) {
      retirements.overdue(absences.overdue(knownReplicas.get(), membership.memberReplicas(), System.nanoTime()));
    }
  }
}
