package io.crdtkit.net;

import io.crdtkit.Crdt;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.net.WireMessage.QuorumMessage;
import io.crdtkit.net.WireMessage.ReadReply;
import io.crdtkit.net.WireMessage.ReadRequest;
import io.crdtkit.net.WireMessage.WriteReply;
import io.crdtkit.net.WireMessage.WriteRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.jgroups.Address;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's reads and writes at a consistency level (NET.md, "Consistency levels"), after Pekko Distributed Data's
 * read and write aggregators. A call asks as many members of the view as it needs (at random), the others too after
 * a fifth of its timeout or when one refuses, and every member that joins the view while it waits (a partition that
 * heals). It completes when enough members hold the write or sent their state, and fails at its timeout, or as soon
 * as refusals leave too few members to answer. No thread waits: the protocol thread sends, counts the answers and
 * runs the timers; the stage is completed on a pool thread, so what a caller chains to it never runs on the
 * protocol thread.
 */
final class QuorumRequests {

  private static final Logger log = LoggerFactory.getLogger(QuorumRequests.class);

  private final ScheduledExecutorService protocol;
  private final Membership membership;
  private final Predicate<ReplicaId> retired;
  private final DocumentIntake intake;
  private final BiConsumer<Address, WireMessage> send;
  private final ReplicaId self;
  private final Executor completions = ForkJoinPool.commonPool();
  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, QuorumCall<?>> calls = new ConcurrentHashMap<>();
  /** Every replica seen as a member of a view: a member that leaves the view still counts until it is retired. */
  private final Set<ReplicaId> replicaSet = new LinkedHashSet<>();

  QuorumRequests(ScheduledExecutorService protocol, Membership membership, Predicate<ReplicaId> retired,
      DocumentIntake intake, BiConsumer<Address, WireMessage> send, ReplicaId self) {
    this.protocol = protocol;
    this.membership = membership;
    this.retired = retired;
    this.intake = intake;
    this.send = send;
    this.self = self;
  }

  /** Any thread: a write whose {@code delta} is applied here already. */
  <S extends Crdt<S>> CompletionStage<S> write(KeyEntry<S> entry, S delta, long generation, ConsistencyLevel level) {
    return begin(new QuorumCall<>(ids.incrementAndGet(), entry, level, delta, generation));
  }

  /** Any thread: a read of {@code entry} from the members {@code level} needs. */
  <S extends Crdt<S>> CompletionStage<S> read(KeyEntry<S> entry, ConsistencyLevel level) {
    return begin(new QuorumCall<>(ids.incrementAndGet(), entry, level, null, 0));
  }

  private <S extends Crdt<S>> CompletionStage<S> begin(QuorumCall<S> call) {
    try {
      protocol.execute(() -> guarded(call, () -> start(call)));
    } catch (RejectedExecutionException e) {
      call.done.completeExceptionally(new IllegalStateException("node " + self + " is closed"));
    }
    return call.done.minimalCompletionStage();
  }

  private <S extends Crdt<S>> void start(QuorumCall<S> call) {
    Membership members = membership;
    int size = replicaSetSize(members);
    call.needed = call.level.required(size);
    if (call.needed > size) {
      fail(call, new ConsistencyException(call.entry.name, 1, call.needed, (call.write ? "write" : "read")
          + " of key '" + call.entry.name + "' at " + call.level + " cannot succeed: it needs " + call.needed
          + " members, the replica set has " + size + " (" + currentReplicaSet() + ")"
          + (call.write ? ". The update stays applied here" : "")));
      return;
    }
    if (call.isDone()) {
      succeed(call);
      return;
    }
    S delta = call.delta;
    call.request = delta != null
        ? new WriteRequest(call.id, call.entry.name, call.entry.encode(delta), call.entry.type, call.generation)
        : new ReadRequest(call.id, call.entry.name, call.entry.type);
    calls.put(call.id, call);
    List<Address> peers = new ArrayList<>(members.peers());
    Collections.shuffle(peers);
    ask(call, peers.subList(0, Math.min(peers.size(), call.needed - 1)));
    long timeoutMillis = Math.max(1, call.level.timeout().toMillis());
    call.timeout = protocol.schedule(() -> guarded(call, () -> timedOut(call)), timeoutMillis, TimeUnit.MILLISECONDS);
    if (peers.size() >= call.needed) {
      // Pekko's aggregators do the same: the members asked first may be slow or gone, so the rest are asked too.
      call.askMore = protocol.schedule(() -> guarded(call, () -> askEveryone(call)), timeoutMillis / 5,
          TimeUnit.MILLISECONDS);
    }
    if (peers.size() + 1 < call.needed) {
      log.debug("{}: {} of key '{}' at {} needs {} members; {} are in the view (absent: {}): it waits for them",
          self, call.write ? "write" : "read", call.entry.name, call.level, call.needed, peers.size() + 1,
          absent(members));
    }
  }

  private void ask(QuorumCall<?> call, List<Address> peers) {
    WireMessage request = call.request;
    for (Address peer : peers) {
      if (request != null && calls.containsKey(call.id) && call.asked.add(peer)) {
        send.accept(peer, request);
      }
    }
  }

  private void askEveryone(QuorumCall<?> call) {
    ask(call, membership.peers());
  }

  /** Protocol thread: the answer of {@code from} to one of this node's calls. */
  void onReply(Address from, boolean sameEpoch, QuorumMessage reply) {
    QuorumCall<?> call = calls.get(reply.requestId());
    if (call == null || !call.awaits(from)) {
      return;     // late (the call is over), or repeated, or from a member never asked: nothing to count
    }
    String refusal;
    if (reply instanceof WriteReply written) {
      refusal = written.refusal();    // the member merged the delta: that holds across a retirement it applied since
    } else if (reply instanceof ReadReply read && read.state() != null) {
      refusal = sameEpoch ? intake.merge(from, call.entry, read.state(), read.generation(), read.tombstone())
          : "its state is from another retirement epoch (the retirement logs are being exchanged; retry)";
    } else {
      refusal = ((ReadReply) reply).refusal();
    }
    if (refusal == null) {
      call.answered.add(from);
      if (call.isDone()) {
        succeed(call);
      }
      return;
    }
    call.refused.put(from, refusal);
    log.debug("{}: {} refused call {} on key '{}': {}", self, from, call.id, call.entry.name, refusal);
    List<Address> peers = membership.peers();
    if (!call.reachableAmong(peers)) {
      fail(call, call.failure("cannot succeed", this::name, absent(membership)));
    } else {
      ask(call, peers);     // the others stand in for the member that refused
    }
  }

  /** Protocol thread: a new view; members that joined it (a partition healed) are asked too. */
  void viewChanged() {
    Membership members = membership;
    replicaSet.addAll(members.memberReplicas());
    for (QuorumCall<?> call : calls.values()) {
      ask(call, members.peers());
    }
  }

  private void timedOut(QuorumCall<?> call) {
    if (calls.containsKey(call.id)) {
      fail(call, call.failure("timed out after " + call.level.timeout().toMillis() + " ms", this::name,
          absent(membership)));
    }
  }

  /** Any thread: the node closes; every call still waiting fails now, since its timers will not run. */
  void closed(Exception cause) {
    for (QuorumCall<?> call : calls.values()) {
      calls.remove(call.id);
      call.done.completeExceptionally(cause);
    }
  }

  private <S extends Crdt<S>> void succeed(QuorumCall<S> call) {
    calls.remove(call.id);
    call.cancelTimers();
    S state = call.entry.state();      // a read's replies are merged in by now, a write's update is in it
    if (!call.write && !call.answered.isEmpty()) {
      call.entry.caughtUp();           // it merged a peer's whole state (GC.md, rule 8)
    }
    completions.execute(() -> call.done.complete(state));
  }

  private void fail(QuorumCall<?> call, ConsistencyException failure) {
    calls.remove(call.id);
    call.cancelTimers();
    log.debug("{}: {}", self, failure.getMessage());
    completions.execute(() -> call.done.completeExceptionally(failure));
  }

  /** Runs protocol work for {@code call} so that nothing it throws escapes: the call fails with it instead. */
  private void guarded(QuorumCall<?> call, Runnable work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      calls.remove(call.id);
      call.cancelTimers();
      log.warn("{}: a {} of key '{}' at {} failed", self, call.write ? "write" : "read", call.entry.name,
          call.level, e);
      completions.execute(() -> call.done.completeExceptionally(e));
    }
  }

  /** The replica set's size: every replica seen in a view and not retired, and at least the view. */
  private int replicaSetSize(Membership members) {
    replicaSet.addAll(members.memberReplicas());
    return Math.max(currentReplicaSet().size(), members.peersAndSelf().size());
  }

  private List<ReplicaId> currentReplicaSet() {
    replicaSet.removeIf(retired);
    return List.copyOf(replicaSet);
  }

  private List<ReplicaId> absent(Membership members) {
    List<ReplicaId> absent = new ArrayList<>(currentReplicaSet());
    absent.removeAll(members.memberReplicas());
    return absent;
  }

  private String name(Address member) {
    @Nullable ReplicaId replica = membership.replicaOf(member);
    return replica == null ? member.toString() : replica.name();
  }
}
