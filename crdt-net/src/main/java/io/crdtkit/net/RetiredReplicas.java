package io.crdtkit.net;

import io.crdtkit.clock.ReplicaId;
import io.crdtkit.gc.RetirementLog;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * This node's copy of the cluster's retirement log, and the callers waiting for replicas to be retired. The log is
 * grown only by the protocol thread (RetirementCoordinator); anyone reads it: frames carry its epoch, keys fold its
 * entries, reads and writes at a consistency level stop counting retired members.
 */
final class RetiredReplicas {

  private record Waiter(List<ReplicaId> replicas, CompletableFuture<Void> done) {}

  private volatile RetirementLog log = RetirementLog.empty();
  private final List<Waiter> waiters = new CopyOnWriteArrayList<>();

  /** A durable node's log as it stood when the node stopped (DurableKeys): taken before the node joins. */
  void restore(List<ReplicaId> retired) {
    RetirementLog restored = RetirementLog.empty();
    for (ReplicaId replica : retired) {
      restored = restored.retire(replica);
    }
    log = restored;
  }

  RetirementLog log() {
    return log;
  }

  long epoch() {
    return log.epoch();
  }

  boolean isRetired(ReplicaId replica) {
    return log.isRetired(replica);
  }

  /** The retirements a state of epoch {@code epoch} has not seen. */
  List<ReplicaId> missedSince(long epoch) {
    return log.retired().asJava().subList((int) epoch, (int) log.epoch());
  }

  /** Protocol thread: the log grown by the coordinator; the callers it satisfies are told. */
  void grown(RetirementLog grown) {
    log = grown;
    completeWaiters();
  }

  /** Any thread: a future completed once every replica in {@code replicas} is retired. */
  CompletableFuture<Void> awaitRetired(List<ReplicaId> replicas) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    waiters.add(new Waiter(List.copyOf(replicas), done));
    completeWaiters();
    return done;
  }

  private void completeWaiters() {
    for (Waiter waiter : waiters) {
      if (waiter.replicas().stream().allMatch(log::isRetired)) {
        waiter.done().complete(null);
        waiters.remove(waiter);
      }
    }
  }

  /** How many retirement requests wait here (tests: a refused request leaves none). */
  int waiting() {
    return waiters.size();
  }

  void failWaiters(Exception cause) {
    for (Waiter waiter : waiters) {
      waiter.done().completeExceptionally(cause);
    }
    waiters.clear();
  }
}
