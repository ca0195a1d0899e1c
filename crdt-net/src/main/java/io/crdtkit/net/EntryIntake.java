package io.crdtkit.net;

import io.crdtkit.clock.HybridLogicalClock;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.net.WireMessage.Deltas;
import io.crdtkit.net.WireMessage.KeyBytes;
import io.crdtkit.net.WireMessage.States;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jgroups.Address;
import org.jspecify.annotations.Nullable;

/**
 * Takes the key entries of received Deltas and States frames into their keys, each entry on its own: one of another
 * type, one that does not decode, and one whose timestamps run too far ahead of this node's clock (its sender's
 * clock is broken) are each refused alone, and the rest are merged (one bad key must not hold back the others,
 * issue 17). Entries of a deleted key's earlier generation lose to the delete (Tombstones). Protocol thread.
 */
final class EntryIntake {

  private final Map<String, KeyEntry<?>> keys;
  private final Membership membership;
  private final AntiEntropy antiEntropy;
  private final StateTransfer states;
  private final KeyDeletes deletes;
  private final RuntimeKeys runtimeKeys;
  private final HybridLogicalClock clock;
  private final NetCounters counters;

  EntryIntake(Map<String, KeyEntry<?>> keys, Membership membership, AntiEntropy antiEntropy, StateTransfer states,
      KeyDeletes deletes, RuntimeKeys runtimeKeys, HybridLogicalClock clock, NetCounters counters) {
    this.keys = keys;
    this.membership = membership;
    this.antiEntropy = antiEntropy;
    this.states = states;
    this.deletes = deletes;
    this.runtimeKeys = runtimeKeys;
    this.clock = clock;
    this.counters = counters;
  }

  void applyDeltas(Address from, Deltas deltas) {
    for (Incoming<?> incoming : decodeAll(from, deltas.deltas(), List.of())) {
      if (merge(from, incoming)) {
        counters.deltasApplied.increment();
      }
    }
  }

  /** Whole states; {@code missedRetirements}: what a state of an earlier epoch has not folded yet. */
  void applyStates(Address from, States received, List<ReplicaId> missedRetirements) {
    List<KeyEntry<?>> changed = new ArrayList<>();
    for (Incoming<?> incoming : decodeAll(from, received.states(), missedRetirements)) {
      if (merge(from, incoming)) {
        changed.add(incoming.entry());
      }
      incoming.entry().caughtUp();                    // it holds a peer's whole state now (GC.md, rule 8)
      counters.statesApplied.increment();
    }
    antiEntropy.answerWants(from, received, keys);
    if (!changed.isEmpty() && membership.isBridge(from)) {
      states.forwardRepairs(changed);
    }
  }

  /** Types are compared before decoding: a document of another element type may well decode, converted. */
  private List<Incoming<?>> decodeAll(Address from, List<KeyBytes> entries, List<ReplicaId> missedRetirements) {
    List<Incoming<?>> decoded = new ArrayList<>(entries.size());
    for (KeyBytes bytes : entries) {
      KeyEntry<?> entry = heldOrCreated(from, bytes);
      if (entry == null) {
        continue;
      }
      if (!bytes.type().isEmpty() && !bytes.type().equals(entry.type)) {
        counters.refusals.refuse(RefusalCause.TYPE_MISMATCH, from, "an entry of key '" + bytes.key()
            + "' of type " + bytes.type() + ", registered here as " + entry.type + " (every member must register"
            + " a key with the same type)");
        // The peer replicates another value under this name: nothing it collected concerns this key, which must
        // not wait for it to catch up (NET.md, "Joining").
        entry.lackedBy(from, membership.peers());
        continue;
      }
      Incoming<?> incoming;
      try {
        incoming = entry.decode(bytes).upgraded(missedRetirements);
      } catch (RuntimeException e) {
        counters.refusals.refuse(RefusalCause.UNDECODABLE, from, "an entry of key '" + bytes.key()
            + "' that could not be decoded as " + entry.type + ": " + e.getMessage());
        continue;
      }
      String ahead = incoming.futureTimestamp(clock);
      if (ahead != null) {
        counters.refusals.refuse(RefusalCause.FUTURE_TIMESTAMP, from, "key '" + bytes.key() + "': " + ahead);
        continue;
      }
      decoded.add(incoming);
    }
    return decoded;
  }

  /** The key an entry goes into, or null if a delete won over the entry or the key cannot be created here. */
  private @Nullable KeyEntry<?> heldOrCreated(Address from, KeyBytes bytes) {
    KeyEntry<?> entry = keys.get(bytes.key());
    if (entry != null && bytes.generation() < entry.generation()) {
      ReplicaId sender = membership.replicaOf(from);
      if (sender != null && entry.isTombstone() && entry.deleteHeldBy.contains(sender)) {
        // The sender held this delete, and writes the key at an earlier generation: it collected the tombstone
        // and created the key again after its grace period (Tombstones). The delete is stable: collect it here too.
        deletes.collectAgain(entry);
        entry = null;
      } else {
        counters.supersededByDelete.increment();    // the delete won over it
        return null;
      }
    } else if (entry == null && deletes.supersedes(bytes.key(), bytes.generation())) {
      counters.supersededByDelete.increment();      // a late write of a key whose tombstone went lately
      return null;
    }
    if (entry == null) {
      // A key this node does not hold: created from its type's bottom if the type is registered here, else
      // refused alone (UNKNOWN_TYPE, or UNKNOWN_KEY for an entry without a type).
      entry = runtimeKeys.createOnReceipt(from, bytes.key(), bytes.type());
    }
    return entry;
  }

  private boolean merge(Address from, Incoming<?> incoming) {
    KeyEntry<?> entry = incoming.entry();
    try {
      long before = entry.generation();
      boolean changed = incoming.merge();
      if (entry.generation() > before) {
        runtimeKeys.deleted(entry.name, false);
      }
      return changed;
    } catch (RuntimeException e) {
      // A document that decodes but cannot merge (another configuration of the type, say): refused alone.
      counters.refusals.refuse(RefusalCause.UNMERGEABLE, from,
          "a state of key '" + entry.name + "' that could not be merged: " + e);
      return false;
    }
  }
}
