package io.crdtkit.net;

import io.crdtkit.Crdt;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.net.WireMessage.TombstoneAnswer;
import io.crdtkit.net.WireMessage.TombstoneQuery;
import java.util.Set;
import java.util.function.Supplier;
import org.jgroups.Address;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes of keys, and their tombstones until every member holds the delete (Tombstones keeps what is asked and
 * answered; this is what a delete does to the node's keys). A collected tombstone's key leaves the registry and
 * the digest tree; its generation is remembered a while, so a late write of the deleted key still loses.
 */
final class KeyDeletes {

  private static final Logger log = LoggerFactory.getLogger(KeyDeletes.class);

  private final ReplicaId self;
  private final NodeStatus status;
  private final KeyRegistry registry;
  private final Tombstones tombstones;
  private final RuntimeKeys runtimeKeys;
  private final @Nullable DurableKeys durable;
  private final DeltaFlush deltas;
  private final Outbox outbox;
  private final Membership membership;
  private final AntiEntropy antiEntropy;
  private final Supplier<Set<ReplicaId>> knownReplicas;
  private final NetCounters counters;

  KeyDeletes(ReplicaId self, NodeStatus status, KeyRegistry registry, Tombstones tombstones, RuntimeKeys runtimeKeys,
      @Nullable DurableKeys durable, DeltaFlush deltas, Outbox outbox, Membership membership, AntiEntropy antiEntropy,
      Supplier<Set<ReplicaId>> knownReplicas, NetCounters counters) {
    this.self = self;
    this.status = status;
    this.registry = registry;
    this.tombstones = tombstones;
    this.runtimeKeys = runtimeKeys;
    this.durable = durable;
    this.deltas = deltas;
    this.outbox = outbox;
    this.membership = membership;
    this.antiEntropy = antiEntropy;
    this.knownReplicas = knownReplicas;
    this.counters = counters;
  }

  /** Any thread: deletes {@code entry}'s key here and queues the delete to the others; false if it was already. */
  boolean delete(KeyEntry<?> entry) {
    status.requireWritable();
    if (!entry.delete()) {
      return false;
    }
    deltas.queued(entry);
    runtimeKeys.deleted(entry.name, true);
    return true;
  }

  /** Any thread: the key of a handle whose entry's tombstone was collected, created again. */
  <S extends Crdt<S>> KeyEntry<S> reopen(KeyEntry<S> collected) {
    status.requireOpen();
    return runtimeKeys.reopen(collected);
  }

  /** Protocol thread, each report tick: asks the others about the tombstones held here, collects those all hold. */
  void tick() {
    tombstones.expire(System.nanoTime());
    TombstoneQuery query = tombstones.query(registry.entries());
    if (query == null) {
      return;
    }
    if (!membership.peers().isEmpty()) {
      outbox.multicast(query);
    }
    for (KeyEntry<?> entry : tombstones.collectable(registry.entries(), knownReplicas.get(), self)) {
      collect(entry);
    }
  }

  void onQuery(Address from, TombstoneQuery query) {
    outbox.send(from, tombstones.answer(query, registry.byName(), System.nanoTime()));
  }

  void onAnswer(ReplicaId member, TombstoneAnswer answer) {
    tombstones.answered(member, answer, registry.byName());
  }

  /** Whether an entry of {@code key} at {@code generation}, a key not held here, is one a delete won over. */
  boolean supersedes(String key, long generation) {
    return tombstones.supersedes(key, generation, System.nanoTime());
  }

  /**
   * A member that held this delete writes the key at an earlier generation: it collected the tombstone and created
   * the key again after its grace period. The delete is stable: it is collected here too, and its generation
   * forgotten so the key lives again.
   */
  void collectAgain(KeyEntry<?> entry) {
    collect(entry);
    tombstones.forget(entry.name);
  }

  private void collect(KeyEntry<?> entry) {
    if (!entry.markCollected()) {
      return;
    }
    registry.remove(entry);
    antiEntropy.forget(entry);
    runtimeKeys.collected(entry);
    tombstones.collected(entry, System.nanoTime());
    if (durable != null) {
      durable.deleted(entry.name);
    }
    counters.tombstonesCollected.increment();
    log.debug("{}: collected the tombstone of key '{}' (generation {}): every member holds its delete",
        self, entry.name, entry.generation());
  }
}
