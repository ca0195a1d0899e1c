package io.crdtkit.net;

import io.crdtkit.clock.ReplicaId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a grown retirement log does to this node (RetirementCoordinator decides when the log grows): every key folds
 * the retired replicas into the heir, a durable node saves the log, and this node stops writing if it is retired
 * itself, or closes if the cluster retired it while it was away. Protocol thread.
 */
final class RetirementEffects {

  private static final Logger log = LoggerFactory.getLogger(RetirementEffects.class);

  private final ReplicaId self;
  private final KeyRegistry registry;
  private final RetiredReplicas retired;
  private final @Nullable DurableKeys durable;
  private final NodeStatus status;
  private final Membership membership;
  private final ReportGossip reports;
  private final Runnable closeNode;
  private final AtomicBoolean retiredAway = new AtomicBoolean();

  RetirementEffects(ReplicaId self, KeyRegistry registry, RetiredReplicas retired, @Nullable DurableKeys durable,
      NodeStatus status, Membership membership, ReportGossip reports, Runnable closeNode) {
    this.self = self;
    this.registry = registry;
    this.retired = retired;
    this.durable = durable;
    this.status = status;
    this.membership = membership;
    this.reports = reports;
    this.closeNode = closeNode;
  }

  /** New entries of the retirement log, before the log grows: fold them into every key. */
  void apply(List<ReplicaId> added) {
    registry.retire(added);
    if (durable != null) {
      // After the folded states' snapshots; the coordinator grows the log once this returns.
      List<ReplicaId> saved = new ArrayList<>(retired.log().retired().asJava());
      added.stream().filter(replica -> !saved.contains(replica)).forEach(saved::add);
      durable.saveRetirements(saved);
    }
    if (added.contains(self)) {
      status.stopWriting();
      log.warn("{}: this replica is retired; it takes no more updates", self);
    }
    membership.resetSync();
    reports.resendAll();
  }

  /**
   * The cluster retired this replica while it was away (NET.md, "Retirement"): whatever it writes now is dropped
   * by every member, so it closes instead of diverging silently, on a thread of its own (closing stops this one).
   */
  void retiredWhileAway(ReplicaId told) {
    if (retiredAway.getAndSet(true)) {
      return;
    }
    status.stopWriting();
    log.error("{}: the cluster retired this replica while it was away from the view (absent longer than"
        + " retireAbsentAfter, or retired by an operator); members drop its frames, so its updates they did not"
        + " receive are lost. The node closes: restart it as a new incarnation (a fresh ReplicaId, blank state)"
        + " (told by {} and a majority of the view)", self, told);
    Thread closing = new Thread(closeNode, "crdt-net-close-" + self);
    closing.setDaemon(true);
    closing.start();
  }
}
