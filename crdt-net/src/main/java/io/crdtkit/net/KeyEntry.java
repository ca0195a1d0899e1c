package io.crdtkit.net;

import io.crdtkit.CausalCrdt;
import io.crdtkit.Collectable;
import io.crdtkit.Crdt;
import io.crdtkit.GCounter;
import io.crdtkit.PNCounter;
import io.crdtkit.Retirable;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.gc.GarbageCollector;
import io.crdtkit.gc.GcStatus;
import io.crdtkit.gc.RetirementLog;
import io.crdtkit.gc.StabilityReport;
import io.crdtkit.jackson.CrdtCodec;
import io.vavr.control.Option;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replicated key at one node: its current state, the delta group not yet sent, its garbage collector (for types
 * that can be collected) and its listeners. State changes are serialized by the entry's lock; listeners run after
 * it is released. The digest fields belong to the node's protocol thread.
 *
 * @param <S> the CRDT type
 */
final class KeyEntry<S extends Crdt<S>> {

  private static final Logger log = LoggerFactory.getLogger(KeyEntry.class);
  private static final CompletableFuture<Void> DURABLE = CompletableFuture.completedFuture(null);
  /** How many records of a key a durable node writes before it compacts them into one snapshot. */
  static final int SNAPSHOT_EVERY = 64;

  /**
   * Thrown by an update of an entry whose tombstone was collected meanwhile: the caller ({@link Replicated}) takes
   * the key's new entry and updates that instead.
   */
  static final class Collected extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Collected(String key) {
      super("key '" + key + "' was deleted and its tombstone collected", null, false, false);
    }
  }

  final String name;
  /** The key's full type, type arguments included: compared with each received entry's before it is decoded. */
  final String type;
  final long keyHash;
  private final CrdtCodec<S> codec;
  private final WriteLimits<S> limits;
  private final ReplicaId self;
  @SuppressWarnings("rawtypes")
  private final @Nullable GarbageCollector collector;
  private final List<ChangeListener<? super S>> listeners = new CopyOnWriteArrayList<>();

  /** What the key was registered or created with: what a delete resets it to (NET.md, "Deleting a key"). */
  private final S initial;
  private S state;
  /** How many times the key was deleted: entries of an earlier generation are writes a delete won over. */
  private volatile long generation;      // written under the lock; read without it where 0 settles the question
  /** Deleted and not written since, here or by a member whose write this node merged (never at generation 0). */
  private boolean tombstone;
  /** Set once the key's tombstone is collected: the entry is out of the registry, and takes no more updates. */
  private volatile boolean collected;
  /** The replicas known to hold this key's delete (Tombstones; protocol thread only). */
  final java.util.Set<ReplicaId> deleteHeldBy = new java.util.HashSet<>();
  private @Nullable S pendingDelta;
  /** Where a durable node writes this key's changes; null if the node is not durable. */
  private final @Nullable KeyJournal journal;
  /** The durability of the last local update written to the journal: the delta is sent once it is complete. */
  private CompletableFuture<Void> lastAppend = DURABLE;
  /** Records written since the key's last snapshot: past {@link #SNAPSHOT_EVERY}, a snapshot replaces them. */
  private volatile int sinceSnapshot;    // written under the lock; read without it to skip keys with nothing due
  /** How many local updates pendingDelta joins, and retire() dropped, not yet taken (PendingUpdates). */
  private int pendingUpdates;
  // A collected key held by others must catch up before this node writes, collects or reports it (GC.md, rule 8).
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private final java.util.Set<org.jgroups.Address> lackedBy = new java.util.HashSet<>();

  /** Set whenever the state changes; the protocol thread clears it when it rehashes the state. */
  final AtomicBoolean dirty = new AtomicBoolean(false);
  private final Consumer<KeyEntry<?>> dirtySink;
  /** The hash of the state's document, as the digest tree holds it (protocol thread only). */
  long stateHash;
  /** When {@link #stateHash} was taken, in {@code System.nanoTime()} (protocol thread only). */
  long hashedAt;
  /** Whether the digest tree holds this key (protocol thread only). */
  boolean inTree;

  KeyEntry(String name, S initial, long generation, CrdtCodec<S> codec, WriteLimits<S> limits, ReplicaId self,
      Iterable<ReplicaId> members, List<ReplicaId> retired, boolean alone, Consumer<KeyEntry<?>> dirtySink,
      @Nullable KeyJournal journal) {
    this.dirtySink = dirtySink;
    this.journal = journal;
    this.initial = initial;
    this.generation = generation;
    this.tombstone = generation > 0;
    this.name = name;
    this.type = KeyTypes.nameOf(codec.type());
    this.limits = limits;
    this.keyHash = Hashes.ofKey(name);
    this.codec = codec;
    this.self = self;
    this.state = initial;
    this.collector = initial instanceof CausalCrdt<?> && initial instanceof Collectable<?>
        ? GarbageCollector.create(self, members)
        : null;
    if (collector != null) {
      // A key registered after retirements: states it receives mention no retiree, but its tracker must not wait.
      retired.forEach(collector::retire);
    }
    if (collector == null || alone) {
      caughtUp.countDown();
    }
  }

  /**
   * This key has merged a whole state from a peer, or compared equal with one: it has caught up with what the
   * cluster may already have collected (GC.md, rule 8).
   */
  void caughtUp() {
    caughtUp.countDown();
  }

  /**
   * Protocol thread: anti-entropy found that {@code peer} does not replicate this key. Once no peer of the view
   * does, nobody can have collected anything of it: the key has caught up.
   */
  void lackedBy(org.jgroups.Address peer, List<org.jgroups.Address> peers) {
    if (isCaughtUp()) {
      return;
    }
    lackedBy.add(peer);
    if (lackedBy.containsAll(peers)) {
      caughtUp();
    }
  }

  boolean isCaughtUp() {
    return caughtUp.getCount() == 0;
  }

  /**
   * Waits until this key has caught up (a member that joined a cluster writes only then: its updates would
   * otherwise be concurrent with what the others already collected).
   *
   * @throws IllegalStateException if it has not caught up within {@code timeout}
   */
  void awaitCaughtUp(java.time.Duration timeout) {
    boolean interrupted = false;
    try {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        try {
          if (caughtUp.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            return;
          }
          throw new IllegalStateException("key '" + name + "' has not caught up with the cluster within " + timeout
              + ": no peer has answered anti-entropy for it yet (a member that joins writes only once it has the"
              + " others' state; see NET.md, \"Joining\")");
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  synchronized S state() {
    return state;
  }

  /**
   * Applies a local update; the delta, if it changed anything (else null).
   *
   * @throws IllegalArgumentException if the delta holds another replica's dots or counters, or it or the state with
   *     it is beyond what peers decode; nothing is changed then
   */
  @Nullable S update(DeltaMutator<S> mutator) {
    S changed;
    S delta;
    synchronized (this) {
      if (collected) {
        throw new Collected(name);
      }
      delta = Objects.requireNonNull(mutator.delta(state, self), "the delta mutator returned null");
      S merged = state.merge(delta);
      if (merged == state) { // merge returns the same instance when the other side adds nothing
        return null;
      }
      // Checked before anything changes: peers would refuse such a delta, or stay behind for good.
      OwnReplicaRule.check(self, name, state, delta);
      byte[] deltaDocument = limits.check(name, delta, merged);
      if (journal != null) {       // written first: if it cannot be, the update fails with nothing changed
        lastAppend = journal.appendLocal(name, type, generation, false, deltaDocument);
        sinceSnapshot++;
      }
      state = collect(merged);
      tombstone = false;
      pendingDelta = pendingDelta == null ? delta : pendingDelta.merge(delta);
      pendingUpdates++;
      changed = state;
    }
    markDirty();
    notifyListeners(changed, true);
    return delta;
  }

  /** Merges a state or delta of this key's generation, received from another node; whether it changed anything. */
  boolean merge(S incoming) {
    return merge(incoming, generation(), false);
  }

  /**
   * Merges a state or delta received from another node, of {@code generation}: nothing if that is earlier than this
   * key's (the delete won over it); after deleting this key's state if it is later (a delete this node had not seen,
   * which also wins over the local updates not yet sent). {@code incomingTombstone}: the sender's key is deleted and
   * not written since in that generation. Whether it changed anything.
   */
  boolean merge(S incoming, long generation, boolean incomingTombstone) {
    return merge(incoming, generation, incomingTombstone, true, null);
  }

  /**
   * As {@link #merge(Crdt, long, boolean)}, for a value decoded from {@code received}: a durable node writes those
   * bytes to its journal instead of encoding the value again.
   */
  boolean merge(S incoming, long generation, boolean incomingTombstone, byte @Nullable [] received) {
    return merge(incoming, generation, incomingTombstone, true, received);
  }

  /** What a durable node restored from its directory, merged as it was written (and not written again). */
  void restore(S written, long generation, boolean tombstone) {
    merge(written, generation, tombstone, false, null);
  }

  private boolean merge(S incoming, long generation, boolean incomingTombstone, boolean journaled,
      byte @Nullable [] received) {
    S changed;
    synchronized (this) {
      if (generation < this.generation || collected) {
        return false;
      }
      boolean deleted = generation > this.generation;
      if (deleted) {
        this.generation = generation;
        state = cleared(state);
        pendingDelta = null;
        deleteHeldBy.clear();
        tombstone = true;
      }
      boolean written = tombstone && !incomingTombstone;    // a write made after the delete, on another member
      tombstone &= incomingTombstone;
      S merged = state.merge(incoming);
      if (merged == state && !deleted && !written) { // merge returns the same instance when the other adds nothing
        return false;
      }
      if (journal != null && journaled) {
        journal.appendMerged(name, type, this.generation, incomingTombstone,
            received != null ? received : codec.encode(incoming));
        sinceSnapshot++;
      }
      state = collect(merged);
      changed = state;
    }
    markDirty();
    notifyListeners(changed, false);
    return true;
  }

  /**
   * Deletes the key here (NET.md, "Deleting a key"): its state goes back to what it was registered with, in the next
   * generation, and the delete is queued to the other members as this new state. Updates not yet sent are dropped:
   * the delete wins over them, as over the concurrent updates of other members. False if the key is deleted already
   * and not written since.
   */
  boolean delete() {
    S changed;
    synchronized (this) {
      if (collected) {
        throw new Collected(name);
      }
      if (tombstone) {
        return false;
      }
      S deleted = cleared(state);
      if (journal != null) {
        lastAppend = journal.appendLocal(name, type, generation + 1, true, codec.encode(deleted));
        sinceSnapshot++;
      }
      generation++;
      tombstone = true;
      state = collect(deleted);
      deleteHeldBy.clear();
      pendingDelta = state;        // the whole (small) state of the new generation: what deletes it on every member
      changed = state;
    }
    markDirty();
    notifyListeners(changed, true);
    return true;
  }

  /**
   * {@code current} deleted: the initial value, having seen every dot {@code current} has seen, so that its later
   * dots never repeat one of the earlier generation (a collector's cuts stay true across the delete).
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private S cleared(S current) {
    if (current instanceof CausalCrdt causal && initial instanceof CausalCrdt bottom) {
      return (S) bottom.withContext(causal.context());
    }
    return initial;
  }

  /** Whether the key is deleted and not written since: its state is its tombstone, a generation and no value. */
  boolean isTombstone() {
    if (generation == 0) {
      return false;          // never deleted: no lock taken (every key is asked at every report tick)
    }
    synchronized (this) {
      return tombstone && !collected;
    }
  }

  synchronized long generation() {
    return generation;
  }

  /** Marks the key's tombstone collected, if it still is one: from now on the entry takes no updates. */
  synchronized boolean markCollected() {
    if (!isTombstone()) {
      return false;
    }
    collected = true;
    return true;
  }

  boolean isCollected() {
    return collected;
  }

  /** What the key was registered or created with. */
  S initial() {
    return initial;
  }

  CrdtCodec<S> codec() {
    return codec;
  }

  WriteLimits<S> limits() {
    return limits;
  }

  /** The listeners, to be carried over to the entry that replaces this one once collected. */
  List<ChangeListener<? super S>> listeners() {
    return List.copyOf(listeners);
  }

  /** The durability of the last local update: complete once it is written as the node's mode says. */
  synchronized CompletableFuture<Void> lastAppend() {
    return lastAppend;
  }

  /**
   * Replaces the key's records in the journal by one snapshot of its state, if enough were written since the last
   * one (or {@code now}). Under the key's lock: an update between taking the state and writing the snapshot would be
   * written before it, and dropped with the records the snapshot replaces.
   */
  void snapshotIfDue(boolean now) {
    if (journal == null || (now ? sinceSnapshot == 0 : sinceSnapshot < SNAPSHOT_EVERY)) {
      return;                // nothing due: no lock taken (every key is visited at every report tick)
    }
    writeSnapshotIfDue(now);
  }


  private synchronized void writeSnapshotIfDue(boolean now) {
    if (!collected && (now ? sinceSnapshot > 0 : sinceSnapshot >= SNAPSHOT_EVERY)) {
      journal.snapshot(name, type, generation, tombstone, codec.encode(state));
      sinceSnapshot = 0;
    }
  }

  /** The delta group of the local updates since the last call, or null. */
  synchronized @Nullable S takePendingDelta() {
    S delta = pendingDelta;
    pendingDelta = null;
    return delta;
  }

  /**
   * How many local updates the pending delta group joins (or joined, if a retirement dropped it) since the last call;
   * take it under the entry's lock together with {@link #takePendingDelta()}.
   */
  synchronized int takePendingUpdates() {
    int updates = pendingUpdates;
    pendingUpdates = 0;
    return updates;
  }

  S decode(byte[] document) {
    return codec.decode(document);
  }

  /** A received frame entry of this key, decoded with the key's type kept (the receive path merges it cast-free). */
  Incoming<S> decode(WireMessage.KeyBytes received) {
    return decode(received.document(), received.generation(), received.tombstone());
  }

  /** A received document of this key, of {@code generation}, decoded with the key's type kept. */
  Incoming<S> decode(byte[] document, long generation, boolean tombstone) {
    return new Incoming<>(this, codec.decode(document), generation, tombstone, document);
  }

  byte[] encode(S value) {
    return codec.encode(value);
  }

  /** {@code value}, of {@code generation}, as a frame entry: this key's name, its document, type and generation. */
  WireMessage.KeyBytes toWire(S value, long generation, boolean tombstone) {
    return new WireMessage.KeyBytes(name, codec.encode(value), type, generation, tombstone);
  }

  /** The key's state as a frame entry; the state and its generation are taken together. */
  WireMessage.KeyBytes stateToWire() {
    S value;
    long current;
    boolean deleted;
    synchronized (this) {
      value = state;
      current = generation;
      deleted = tombstone;
    }
    return toWire(value, current, deleted);
  }

  /** The hash anti-entropy compares: of the state's document and its generation, taken together. */
  long stateHash() {
    WireMessage.KeyBytes now = stateToWire();
    return Hashes.of(now.document()) + FrameCodec.packGeneration(now.generation(), now.tombstone())
        * 0x9E3779B97F4A7C15L;
  }

  /**
   * Folds retired replicas into the heir (the next entries of the retirement log). Deltas not yet sent are
   * dropped: they are in the state, and receivers at the new epoch would refuse them; anti-entropy carries the
   * state.
   */
  void retire(List<ReplicaId> retired) {
    synchronized (this) {
      state = fold(state, retired);
      pendingDelta = null;
      if (collector != null) {
        // This node's own replica is retired when it leaves: its state folds itself into the heir like everyone
        // else's, but its tracker cannot drop itself (and need not: the node closes once the log is out).
        retired.stream().filter(replica -> !replica.equals(self)).forEach(collector::retire);
        state = collect(state);
      }
      sinceSnapshot++;
      snapshotIfDue(true);       // the fold is no delta: the journal holds the folded state from now on
    }
    markDirty();
  }

  /** A whole state from an older epoch, upgraded by folding the retirements it has not seen. */
  S upgrade(S stale, List<ReplicaId> missedRetirements) {
    return fold(stale, missedRetirements);
  }

  /**
   * SUBTLE: only a {@link Retirable} value folds. A {@code Sequence} is not (its ids order concurrent inserts, so
   * renaming them would reorder the text): it keeps the retirees' entries for good, which is safe, since every
   * member keeps them alike and the stable cut keeps covering them (each member's progress still holds them). A
   * value that is Retirable but holds one (an ORMap of sequences) cannot fold either; it is kept whole the same way,
   * with a warning, rather than failing the retirement on the protocol thread. Either way every member does the
   * same, so the states still agree.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private S fold(S value, List<ReplicaId> retired) {
    if (!(value instanceof Retirable)) {
      return value;
    }
    S folded = value;
    try {
      for (ReplicaId replica : retired) {
        folded = (S) ((Retirable) folded).retire(replica, RetirementLog.HEIR);
      }
      return folded;
    } catch (UnsupportedOperationException cannotFold) {
      log.warn("key {}: its value cannot fold retired replicas {} into the heir ({}); it keeps their entries", name,
          retired, cannotFold.getMessage());
      return value;
    }
  }

  /**
   * How much of {@code replicas}' updates this key holds, as a number that two nodes holding the same updates of
   * them agree on (retirement waits until every member's footprint is the same).
   */
  synchronized long footprint(List<ReplicaId> replicas) {
    long footprint = 0;
    for (ReplicaId replica : replicas) {
      long part = 0;
      if (state instanceof CausalCrdt<?> causal) {
        part = causal.context().vectorClock().get(replica);
        for (Dot dot : causal.context().dotCloud()) {
          if (dot.replica().equals(replica)) {
            part = part * 31 + dot.counter();
          }
        }
        if (state instanceof Collectable<?> collectable) {
          part = part * 31 + collectable.progress().get(replica);    // and what it delivered (GC.md, rule 3)
        }
      } else if (state instanceof GCounter counter) {
        part = counter.get(replica);
      } else if (state instanceof PNCounter counter) {
        part = counter.increments().get(replica) * 31 + counter.decrements().get(replica);
      }
      footprint = footprint * 1_000_003 + part;
    }
    return HashTree.mix(keyHash, footprint);
  }

  /** The state changed: the protocol thread rehashes it before the next digest. */
  void markDirty() {
    if (dirty.compareAndSet(false, true)) {
      dirtySink.accept(this);
    }
  }

  /** Adds every replica this key's state mentions (in its clocks) to {@code into}. */
  void addReplicasMentioned(java.util.Set<ReplicaId> into) {
    S current = state();
    if (current instanceof CausalCrdt<?> causal) {
      into.addAll(causal.context().vectorClock().entries().keySet().toJavaSet());
      causal.context().dotCloud().forEach(dot -> into.add(dot.replica()));
    } else if (current instanceof GCounter counter) {
      into.addAll(counter.entries().keySet().toJavaSet());
    } else if (current instanceof PNCounter counter) {
      into.addAll(counter.increments().entries().keySet().toJavaSet());
      into.addAll(counter.decrements().entries().keySet().toJavaSet());
    }
  }

  boolean collected() {
    return collector != null;
  }

  /** This key's stability report, if its type is collected and it has caught up. */
  @Nullable StabilityReport report() {
    return collector == null || !isCaughtUp() ? null : collector.report();
  }

  /** Takes in a member's report and collects at once: GC resumes after a heal without waiting for a write. */
  @SuppressWarnings("unchecked")
  void receiveReport(StabilityReport report) {
    if (collector == null) {
      return;
    }
    boolean changed;
    synchronized (this) {
      collector.receive(report);
      S collected = collect(state);
      changed = collected != state;
      state = collected;
    }
    if (changed) {
      markDirty();
    }
  }

  void learn(ReplicaId member) {
    if (collector != null) {
      collector.learn(member);
    }
  }

  Option<GcStatus> gcStatus() {
    return collector == null ? Option.none() : Option.of(collector.status());
  }

  void subscribe(ChangeListener<? super S> listener) {
    listeners.add(listener);
  }

  void unsubscribe(ChangeListener<? super S> listener) {
    listeners.remove(listener);
  }

  /** The state collected, once this key has caught up (before, its cuts would not cover what it lacks). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private S collect(S merged) {
    return collector == null || !isCaughtUp() ? merged : (S) collector.afterChange((CausalCrdt) merged);
  }

  /**
   * Whether a retirement may fold this key now: it has caught up, and the heir's block it holds is below its stable
   * cut (the earlier retirements are stable here, GC.md rule 9).
   */
  synchronized boolean readyForRetirement() {
    if (collector == null) {
      return true;
    }
    long heirBlock = ((Collectable<?>) state).progress().get(RetirementLog.HEIR);
    return isCaughtUp() && collector.tracker().stableCut().get(RetirementLog.HEIR) >= heirBlock;
  }

  private void notifyListeners(S value, boolean local) {
    for (ChangeListener<? super S> listener : listeners) {
      try {
        listener.changed(value, local);
      } catch (RuntimeException e) {
        log.warn("a change listener of key {} failed; ignored", name, e);
      }
    }
  }
}
