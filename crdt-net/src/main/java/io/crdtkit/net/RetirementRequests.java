package io.crdtkit.net;

import io.crdtkit.clock.ReplicaId;
import io.crdtkit.gc.RetirementLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The operator's side of retirement (CrdtNode#retire, #retireAbsent, #leave), on the caller's thread: checks the
 * request, registers the caller's future, and hands the request to the coordinator on the protocol thread.
 */
final class RetirementRequests {

  private final ReplicaId self;
  private final NodeStatus status;
  private final RetiredReplicas retired;
  private final Supplier<Set<ReplicaId>> knownReplicas;
  private final Membership membership;
  private final RetirementCoordinator coordinator;
  private final Executor protocol;
  private final Runnable flushDeltas;

  RetirementRequests(ReplicaId self, NodeStatus status, RetiredReplicas retired,
      Supplier<Set<ReplicaId>> knownReplicas, Membership membership, RetirementCoordinator coordinator,
      Executor protocol, Runnable flushDeltas) {
    this.self = self;
    this.status = status;
    this.retired = retired;
    this.knownReplicas = knownReplicas;
    this.membership = membership;
    this.coordinator = coordinator;
    this.protocol = protocol;
    this.flushDeltas = flushDeltas;
  }

  /** Retires other replicas; refused at once if one could never be retired (issue 17, failure 5). */
  CompletableFuture<Void> retire(List<ReplicaId> replicas) {
    status.requireOpen();
    if (replicas.contains(self)) {
      throw new IllegalArgumentException("a node retires itself with leave(), not retire()");
    }
    if (replicas.contains(RetirementLog.HEIR)) {
      throw new IllegalArgumentException(RetirementLog.HEIR + " is the heir of retired replicas: it is never retired");
    }
    Set<ReplicaId> known = knownReplicas.get();
    for (ReplicaId replica : replicas) {
      if (!known.contains(replica) && !retired.isRetired(replica)) {
        throw new IllegalArgumentException("replica " + replica + " is unknown to " + self + ": it was never in"
            + " a view nor in a state here, so its retirement could never complete (known: " + new TreeSet<>(known)
            + ")");
      }
    }
    return request(replicas, () -> coordinator.request(replicas));
  }

  /** Retires every known replica that is not in the view now. */
  CompletableFuture<Void> retireAbsent() {
    status.requireOpen();
    List<ReplicaId> absent = new ArrayList<>(knownReplicas.get());
    absent.removeAll(membership.memberReplicas());
    return absent.isEmpty() ? CompletableFuture.completedFuture(null) : retire(absent);
  }

  /** Stops writing, hands the pending deltas over, has the cluster retire this replica, then runs {@code close}. */
  CompletableFuture<Void> leave(Runnable close) {
    status.requireOpen();
    status.stopWriting();
    List<ReplicaId> own = List.of(self);
    CompletableFuture<Void> done = request(own, () -> {
      flushDeltas.run();
      coordinator.request(own);
    });
    return done.thenRunAsync(() -> {
      // If this node coordinated its own retirement, the others may not have the log yet: NAKACK2 retransmits
      // only while the sender is there. Stay until every peer has sent a frame of the new epoch (or 10 s pass).
      long epoch = retired.epoch();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!membership.allPeersAtEpoch(epoch) && System.nanoTime() < deadline) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
      }
      close.run();
    });
  }

  /** Registers the waiter, then hands the request to the protocol thread; a node closing meanwhile fails it. */
  private CompletableFuture<Void> request(List<ReplicaId> replicas, Runnable onProtocolThread) {
    CompletableFuture<Void> done = retired.awaitRetired(replicas);
    try {
      protocol.execute(onProtocolThread);
    } catch (RejectedExecutionException e) {
      done.completeExceptionally(new IllegalStateException("node " + self + " closed", e));
    }
    return done;
  }
}
