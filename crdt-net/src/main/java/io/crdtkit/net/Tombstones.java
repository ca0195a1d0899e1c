package io.crdtkit.net;

import io.crdtkit.clock.ReplicaId;
import io.crdtkit.net.WireMessage.KeyGeneration;
import io.crdtkit.net.WireMessage.TombstoneAnswer;
import io.crdtkit.net.WireMessage.TombstoneQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * When a deleted key's tombstone may go (NET.md, "Deleting a key"). A deleted key is held as its tombstone: its name,
 * its generation (how many times it was deleted) and no value. The tombstone is what makes a member drop the writes
 * the delete won over, so it may go only once no member can still send one: once every member of the replica set
 * (crdt-gc's rule: every replica known and not retired, so never while one is away) holds the key at the
 * tombstone's generation or later, or does not hold the key at all.
 *
 * <p>A member holding tombstones asks the others at every report tick ({@link TombstoneQuery}); each answers which of
 * them it holds ({@link TombstoneAnswer}). A member answering for a key it does not hold remembers the generation it
 * was asked about for a grace period, as does a member that collects a tombstone: an entry of an earlier generation
 * that was still on its way then is refused, not taken for a new key, and a key created here again within the grace
 * period continues the generation instead of starting one that the tombstones still held elsewhere would win over.
 *
 * <p>The answers, the queries and the collection run on the protocol thread; the remembered generations are also
 * read by callers' threads creating a key.
 */
final class Tombstones {

  private record Remembered(long generation, long untilNanos) {}

  private final long graceNanos;
  private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

  /** {@code grace}: how long a generation is remembered; longer than any message stays on its way. */
  Tombstones(Duration grace) {
    this.graceNanos = grace.toNanos();
  }

  /** The question this node multicasts: the tombstones it holds, or null if it holds none. */
  @Nullable TombstoneQuery query(Collection<KeyEntry<?>> entries) {
    List<KeyGeneration> held = new ArrayList<>();
    for (KeyEntry<?> entry : entries) {
      if (entry.isTombstone()) {
        held.add(new KeyGeneration(entry.name, entry.generation()));
      }
    }
    return held.isEmpty() ? null : new TombstoneQuery(held);
  }

  /**
   * This node's answer: the queried keys it holds at the generation asked or later, and those it does not hold at
   * all, whose generation it remembers from now on (see the class comment).
   */
  TombstoneAnswer answer(TombstoneQuery query, Map<String, KeyEntry<?>> keys, long nowNanos) {
    List<String> held = new ArrayList<>();
    for (KeyGeneration asked : query.keys()) {
      KeyEntry<?> entry = keys.get(asked.key());
      if (entry == null) {
        remember(asked.key(), asked.generation(), nowNanos);
        held.add(asked.key());
      } else if (entry.generation() >= asked.generation()) {
        held.add(asked.key());
      }
    }
    return new TombstoneAnswer(held);
  }

  /** {@code member} holds these keys' deletes: recorded on the tombstones this node still holds. */
  void answered(ReplicaId member, TombstoneAnswer answer, Map<String, KeyEntry<?>> keys) {
    for (String key : answer.held()) {
      KeyEntry<?> entry = keys.get(key);
      if (entry != null && entry.isTombstone()) {
        entry.deleteHeldBy.add(member);
      }
    }
  }

  /** The tombstones every member of {@code replicaSet} but this node has answered for. */
  List<KeyEntry<?>> collectable(Collection<KeyEntry<?>> entries, Set<ReplicaId> replicaSet, ReplicaId self) {
    List<KeyEntry<?>> collectable = new ArrayList<>();
    for (KeyEntry<?> entry : entries) {
      if (entry.isTombstone() && replicaSet.stream()
          .allMatch(replica -> replica.equals(self) || entry.deleteHeldBy.contains(replica))) {
        collectable.add(entry);
      }
    }
    return collectable;
  }

  /** {@code entry}'s tombstone was collected: its generation is remembered for the grace period. */
  void collected(KeyEntry<?> entry, long nowNanos) {
    remember(entry.name, entry.generation(), nowNanos);
  }

  /**
   * The generation a key created here now starts at: the one remembered for its name, if its grace period is not
   * over, or 0. Any thread; called for every key created, so it looks at that key only.
   */
  long generationOf(String key, long nowNanos) {
    Remembered memory = remembered.get(key);
    return memory == null || memory.untilNanos() - nowNanos < 0 ? 0 : memory.generation();
  }

  /** Protocol thread, each report tick: forgets the generations whose grace period is over. */
  void expire(long nowNanos) {
    remembered.values().removeIf(memory -> memory.untilNanos() - nowNanos < 0);
  }

  /** Whether an entry of {@code key} at {@code generation}, a key not held here, is one a delete won over. */
  boolean supersedes(String key, long generation, long nowNanos) {
    return generation < generationOf(key, nowNanos);
  }

  /** Forgets the generation remembered for {@code key}: the key lives again at an earlier one (EntryIntake). */
  void forget(String key) {
    remembered.remove(key);
  }

  private void remember(String key, long generation, long nowNanos) {
    remembered.merge(key, new Remembered(generation, nowNanos + graceNanos),
        (before, now) -> before.generation() > now.generation() ? before : now);
  }
}
