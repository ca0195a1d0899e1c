package io.crdtkit.gc;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import io.vavr.collection.HashMap;
import io.vavr.collection.Map;
import io.vavr.collection.Set;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One replica's view of causal stability: the replica set, the reports it has accepted, and the two cuts (GC.md
 * §1). Immutable; every event returns the new tracker. The network layer feeds it (local progress, reports, new
 * members, retirements) and GC prunes with its cuts.
 *
 * <p>The rules, each for a reason:
 * <ul>
 *   <li>a report from {@code j} is accepted only once this replica has merged everything {@code j} originated up
 *       to it, so nothing {@code j} did concurrently with a dot below the cut is still in flight here;
 *   <li>the cuts are minimums over the whole replica set, not the current view: a partitioned or crashed member
 *       freezes them until it reports again or is retired;
 *   <li>every replica seen in a context is a member until retired (an unknown writer could still send);
 *   <li>the cuts never go down: a member that has not reported yet freezes them instead of lowering them.
 * </ul>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class StabilityTracker {

  private final ReplicaId self;
  private final VectorClock progress;
  private final Set<ReplicaId> members;
  private final Set<ReplicaId> retired;
  private final Map<ReplicaId, StabilityReport> accepted;
  private final Map<ReplicaId, StabilityReport> pending;
  private final VectorClock stableCut;
  private final VectorClock collapseCut;

  private StabilityTracker(ReplicaId self, VectorClock progress, Set<ReplicaId> members, Set<ReplicaId> retired,
      Map<ReplicaId, StabilityReport> accepted, Map<ReplicaId, StabilityReport> pending, VectorClock stableCut,
      VectorClock collapseCut) {
    this.self = self;
    this.progress = progress;
    this.members = members;
    this.retired = retired;
    this.accepted = accepted;
    this.pending = pending;
    this.stableCut = stableCut;
    this.collapseCut = collapseCut;
  }

  /**
   * The tracker of a replica that knows only itself: alone, everything it merged is stable.
   *
   * @param self this replica's incarnation; not null
   * @return a new tracker, with no progress and empty cuts
   * @throws NullPointerException if {@code self} is null
   */
  public static StabilityTracker create(ReplicaId self) {
    Objects.requireNonNull(self, "self");
    return new StabilityTracker(self, VectorClock.empty(), TreeSet.of(self), TreeSet.empty(), HashMap.empty(),
        HashMap.empty(), VectorClock.empty(), VectorClock.empty()).recompute();
  }

  /**
   * This replica merged more: {@code compactContext} is the gap-free prefix of its causal context now. Replicas
   * seen in it become members (unless retired, or the heir), and pending reports it now covers are accepted.
   *
   * @param compactContext the gap-free prefix of what this replica has delivered ({@code Collectable.progress()},
   *                       GC.md rule 3); not null. Progress only grows: it is merged into what was known.
   * @return the new tracker: this one if nothing changed
   * @throws NullPointerException if {@code compactContext} is null
   */
  public StabilityTracker progress(VectorClock compactContext) {
    Objects.requireNonNull(compactContext, "compact context");
    VectorClock merged = progress.merge(compactContext);
    Set<ReplicaId> learned = learnedFrom(merged);
    return merged == progress && learned == members
        ? this
        : with(merged, learned, retired, accepted, pending).acceptPending().recompute();
  }

  /**
   * {@code member} exists (it joined, or was seen): the cuts wait for its reports from now on. The heir of retired
   * replicas ({@link RetirementLog#HEIR}) is not a member: it never reports, and what it holds every member folded
   * alike.
   *
   * @param member the replica incarnation; not null
   * @return the new tracker: this one if {@code member} is already a member, is retired, or is the heir
   * @throws NullPointerException if {@code member} is null
   */
  public StabilityTracker learn(ReplicaId member) {
    Objects.requireNonNull(member, "member");
    if (members.contains(member) || retired.contains(member) || member.equals(RetirementLog.HEIR)) {
      return this;
    }
    return with(progress, members.add(member), retired, accepted, pending).recompute();
  }

  /**
   * Takes in a report; it counts once this replica has merged everything its sender originated up to it. A report
   * from a retired replica is ignored. Its sender, and every replica its progress mentions, become members.
   *
   * @param report the report received; not null
   * @return the new tracker: this one if the report is this replica's own or a retired replica's
   * @throws NullPointerException if {@code report} is null
   */
  public StabilityTracker receive(StabilityReport report) {
    Objects.requireNonNull(report, "report");
    ReplicaId from = report.from();
    if (from.equals(self) || retired.contains(from)) {
      return this;
    }
    StabilityTracker known = learn(from);
    for (ReplicaId seen : report.progress().entries().keySet()) {
      known = known.learn(seen);
    }
    StabilityReport latest = known.pending.get(from).filter(older -> newer(older, report)).getOrElse(report);
    return known.with(known.progress, known.members, known.retired, known.accepted, known.pending.put(from, latest))
        .acceptPending().recompute();
  }

  /**
   * {@code member} is retired: it will never send again, and every live member holds all of its updates (the
   * caller's protocol ensures it, see {@link #holdsEverythingOf}; the states fold it with a {@link RetirementLog}).
   * It leaves the replica set, and the cuts stop waiting for it.
   *
   * @param member the retired replica incarnation; not null, not this replica
   * @return the new tracker: this one if {@code member} was already retired
   * @throws IllegalArgumentException if {@code member} is this replica
   * @throws NullPointerException     if {@code member} is null
   */
  public StabilityTracker retire(ReplicaId member) {
    Objects.requireNonNull(member, "member");
    if (member.equals(self)) {
      throw new IllegalArgumentException("a replica cannot retire itself from its own tracker: " + self);
    }
    if (retired.contains(member)) {
      return this;
    }
    return with(progress, members.remove(member), retired.add(member), accepted.remove(member),
        pending.remove(member)).recompute();
  }

  /**
   * Whether {@code replica} can be retired as far as this replica knows: every other member's accepted report, and
   * this replica, hold everything of {@code replica} that any of them has (what survived, if it crashed). Retire it
   * only when it is gone for good (a graceful leave, or declared dead): a live replica would keep writing.
   *
   * @param replica the replica to retire
   * @return true if this replica and every other member's accepted report hold all of {@code replica}'s updates
   *     that any of them has; false also while a member has no accepted report
   */
  public boolean holdsEverythingOf(ReplicaId replica) {
    long highest = progress.get(replica);
    for (StabilityReport report : accepted.values()) {
      highest = Math.max(highest, report.progress().get(replica));
    }
    if (progress.get(replica) < highest) {
      return false;
    }
    for (ReplicaId member : members) {
      if (member.equals(self) || member.equals(replica)) {
        continue;
      }
      StabilityReport report = accepted.get(member).getOrNull();
      if (report == null || report.progress().get(replica) < highest) {
        return false;
      }
    }
    return true;
  }

  /**
   * This replica's report, to send to every member.
   *
   * @return a new report of this replica's progress and stable cut
   */
  public StabilityReport report() {
    return new StabilityReport(self, progress, stableCut);
  }

  /**
   * Every dot at or below it has been merged by every member (GC.md §1).
   *
   * @return the stable cut; it never goes down
   */
  public VectorClock stableCut() {
    return stableCut;
  }

  /**
   * Every member knows that every dot at or below it is stable (GC.md §1).
   *
   * @return the collapse cut, at or below the stable cut; it never goes down
   */
  public VectorClock collapseCut() {
    return collapseCut;
  }

  /**
   * The replica this tracker belongs to.
   *
   * @return this replica's incarnation
   */
  public ReplicaId self() {
    return self;
  }

  /**
   * The replica set: every known, non-retired member, this one included.
   *
   * @return the members; immutable
   */
  public Set<ReplicaId> members() {
    return members;
  }

  /**
   * The replicas this tracker was told are retired: they are no members, and their reports are ignored.
   *
   * @return the retired replicas; immutable
   */
  public Set<ReplicaId> retired() {
    return retired;
  }

  /**
   * The members whose reports the cuts are waiting for: members other than this replica with no accepted report
   * yet. While it is not empty the cuts do not move.
   *
   * @return those members, empty when the cuts can move; immutable
   */
  public Set<ReplicaId> waitingFor() {
    return members.remove(self).filter(member -> accepted.get(member).isEmpty());
  }

  /**
   * The last accepted report of {@code member}, if any.
   *
   * @param member a replica incarnation
   * @return the report the cuts use for it, or none (it is this replica, unknown, or has none accepted yet)
   */
  public Option<StabilityReport> acceptedReport(ReplicaId member) {
    return accepted.get(member);
  }

  /**
   * A report received but not yet accepted: this replica has not merged all its sender had originated.
   *
   * @param member a replica incarnation
   * @return the newest such report of {@code member}, or none
   */
  public Option<StabilityReport> pendingReport(ReplicaId member) {
    return pending.get(member);
  }

  /**
   * This replica's own progress.
   *
   * @return the gap-free prefix of what it has delivered, as far as {@link #progress(VectorClock)} told it
   */
  public VectorClock progress() {
    return progress;
  }

  private Set<ReplicaId> learnedFrom(VectorClock clock) {
    Set<ReplicaId> learned = members;
    for (ReplicaId seen : clock.entries().keySet()) {
      if (!retired.contains(seen) && !seen.equals(RetirementLog.HEIR)) {
        learned = learned.add(seen);
      }
    }
    return learned;
  }

  private StabilityTracker acceptPending() {
    Map<ReplicaId, StabilityReport> nowAccepted = accepted;
    Map<ReplicaId, StabilityReport> stillPending = pending;
    for (var entry : pending) {
      StabilityReport report = entry._2;
      if (progress.get(report.from()) >= report.ownCounter() && holdsTheHeirBlockOf(report)) {
        StabilityReport previous = nowAccepted.get(report.from()).getOrNull();
        if (previous == null || newer(previous, report)) {
          nowAccepted = nowAccepted.put(report.from(), report);
        }
        stillPending = stillPending.remove(report.from());
      }
    }
    return stillPending == pending ? this : with(progress, members, retired, nowAccepted, stillPending);
  }

  /**
   * Whether this replica has delivered the heir's block as far as {@code report}'s sender had. The heir never
   * reports, and every member that took part in a retirement folded the same block; a replica that joined since
   * (or holds a stale copy) must have it before the cuts can speak for what is concurrent with the heir's dots.
   */
  private boolean holdsTheHeirBlockOf(StabilityReport report) {
    return progress.get(RetirementLog.HEIR) >= report.progress().get(RetirementLog.HEIR);
  }

  /** Recomputes both cuts; they only grow, and freeze while a member has no accepted report. */
  private StabilityTracker recompute() {
    VectorClock stable = progress;
    VectorClock collapse = null;
    for (ReplicaId member : members) {
      if (member.equals(self)) {
        continue;
      }
      StabilityReport report = accepted.get(member).getOrNull();
      if (report == null) {
        return with(stableCut, collapseCut);
      }
      stable = stable.intersect(report.progress());
      collapse = collapse == null ? report.stableCut() : collapse.intersect(report.stableCut());
    }
    VectorClock newStable = stableCut.merge(stable);
    VectorClock ownCut = newStable;
    VectorClock newCollapse = collapseCut.merge(collapse == null ? ownCut : collapse.intersect(ownCut));
    return with(newStable, newCollapse);
  }

  private StabilityTracker with(VectorClock newStable, VectorClock newCollapse) {
    return newStable.equals(stableCut) && newCollapse.equals(collapseCut)
        ? this
        : new StabilityTracker(self, progress, members, retired, accepted, pending, newStable, newCollapse);
  }

  private StabilityTracker with(VectorClock newProgress, Set<ReplicaId> newMembers, Set<ReplicaId> newRetired,
      Map<ReplicaId, StabilityReport> newAccepted, Map<ReplicaId, StabilityReport> newPending) {
    return new StabilityTracker(self, newProgress, newMembers, newRetired, newAccepted, newPending, stableCut,
        collapseCut);
  }

  private static boolean newer(StabilityReport older, StabilityReport candidate) {
    return older.progress().isLessOrEqual(candidate.progress()) && !older.equals(candidate);
  }

  @Override
  public String toString() {
    return "StabilityTracker{" + self + ", members " + members + ", stable " + stableCut + ", collapse "
        + collapseCut + (waitingFor().isEmpty() ? "" : ", waiting for " + waitingFor()) + "}";
  }
}
