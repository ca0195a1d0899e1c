package io.crdtkit.net;

import io.crdtkit.Crdt;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.gc.RetirementLog;
import io.crdtkit.jackson.CrdtCodec;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A node's registered keys and the replicas it knows of: what registration, membership changes and retirements do
 * to all keys at once. Thread-safe.
 */
final class KeyRegistry {

  private final ReplicaId self;
  private final @Nullable KeyJournal journal;
  private final Map<String, KeyEntry<?>> keys = new ConcurrentHashMap<>();
  private final Set<ReplicaId> seen = ConcurrentHashMap.newKeySet();

  KeyRegistry(ReplicaId self, @Nullable KeyJournal journal) {
    this.self = self;
    this.journal = journal;
    seen.add(self);
  }

  /**
   * A new key; its garbage collector knows every replica seen so far, and none of the retired ones. A collected
   * key of a node that is not {@code alone} in its view catches up with a peer before it writes (GC.md, rule 8).
   */
  <S extends Crdt<S>> KeyEntry<S> register(String key, S initial, long generation, CrdtCodec<S> codec,
      WriteLimits<S> limits, RetirementLog log, boolean alone, Consumer<KeyEntry<?>> dirtySink) {
    List<ReplicaId> retired = log.retired().asJava();
    Set<ReplicaId> members = new HashSet<>(seen);
    retired.forEach(members::remove);
    KeyEntry<S> entry = new KeyEntry<>(key, initial, generation, codec, limits, self, members, retired, alone,
        dirtySink, journal);
    if (keys.putIfAbsent(key, entry) != null) {
      throw new IllegalArgumentException("key '" + key + "' is already registered on this node");
    }
    return entry;
  }

  /** The key held under {@code key}, of whatever type, or null if none is: keys created at runtime (RuntimeKeys). */
  @org.jspecify.annotations.Nullable KeyEntry<?> get(String key) {
    return keys.get(key);
  }

  /** Removes {@code entry}, a key whose tombstone was collected (Tombstones). */
  void remove(KeyEntry<?> entry) {
    keys.remove(entry.name, entry);
  }

  Map<String, KeyEntry<?>> byName() {
    return keys;
  }

  Collection<KeyEntry<?>> entries() {
    return keys.values();
  }

  /** A member's replica id, seen for the first time: every collected key's replica set learns it. */
  void learned(ReplicaId replica, RetirementLog log) {
    if (seen.add(replica) && !log.isRetired(replica)) {
      keys.values().forEach(entry -> entry.learn(replica));
    }
  }

  /** Every replica this node knows to exist and not retired: seen in the view, or in a state's clocks. */
  Set<ReplicaId> knownReplicas(RetirementLog log) {
    Set<ReplicaId> known = new HashSet<>(seen);
    keys.values().forEach(entry -> entry.addReplicasMentioned(known));
    known.removeIf(log::isRetired);
    known.remove(RetirementLog.HEIR);
    return known;
  }

  /** How much of {@code replicas}' updates this node holds, summed over its keys (RetirementCoordinator). */
  long footprint(List<ReplicaId> replicas) {
    long sum = 0;
    for (KeyEntry<?> entry : keys.values()) {
      sum += entry.footprint(replicas);
    }
    return sum;
  }

  /** Whether every key may be folded by a retirement now (GC.md, rule 9). */
  boolean readyForRetirement() {
    return keys.values().stream().allMatch(KeyEntry::readyForRetirement);
  }

  /** Folds new entries of the retirement log into every key. */
  void retire(List<ReplicaId> retired) {
    keys.values().forEach(entry -> entry.retire(retired));
  }
}
