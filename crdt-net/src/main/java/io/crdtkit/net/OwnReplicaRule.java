package io.crdtkit.net;

import io.crdtkit.CausalCrdt;
import io.crdtkit.Crdt;
import io.crdtkit.GCounter;
import io.crdtkit.LWWRegister;
import io.crdtkit.ORMap;
import io.crdtkit.PNCounter;
import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.HlcTimestamp;
import io.crdtkit.clock.ReplicaId;
import io.vavr.Tuple2;
import org.jspecify.annotations.Nullable;

/**
 * A node sends only deltas whose new dots, counter entries and timestamps carry its own replica id (DESIGN.md, 5b):
 * a delta that mints a dot under another member's id collides with that member's own next dot, and one that raises
 * another replica's counter entry is overwritten or double-counted by the real owner, or, for a replica that never
 * existed, keeps it in every replica set for good. So a local update is checked against the state it was made from,
 * before it changes anything: whatever the delta holds that the state has not seen must be this replica's.
 *
 * <p>Covered: every crdt-core type (dots through the causal context, counters' entries, a last-writer-wins
 * register's timestamp, an {@link ORMap}'s nested values key by key). Types of a user's own have no replica parts
 * this rule knows of, and pass unchecked.
 */
final class OwnReplicaRule {

  private OwnReplicaRule() {}

  /**
   * Fails if {@code delta} holds, beyond {@code before}, anything of a replica other than {@code self}.
   *
   * @throws IllegalArgumentException naming the key, what belongs to another replica, and this node's replica
   */
  static void check(ReplicaId self, String key, Crdt<?> before, Crdt<?> delta) {
    String foreign = foreignPart(self, before, delta);
    if (foreign != null) {
      throw new IllegalArgumentException("key '" + key + "': the update holds " + foreign + ", but this node is "
          + self + ": a node sends only its own dots and counters (mint them with the replica id the mutator is"
          + " given); nothing was changed");
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static @Nullable String foreignPart(ReplicaId self, Object before, Object delta) {
    if (delta instanceof CausalCrdt<?> causal && before instanceof CausalCrdt<?> seen) {
      String foreign = foreignDot(self, seen.context(), causal.context());
      if (foreign != null) {
        return foreign;
      }
    }
    if (delta instanceof ORMap map && before instanceof ORMap seen) {
      return foreignNested(self, (ORMap<Object, ?>) seen, (ORMap<Object, ?>) map);
    }
    if (delta instanceof GCounter counter && before instanceof GCounter seen) {
      return foreignEntry(self, "counter", seen, counter);
    }
    if (delta instanceof PNCounter counter && before instanceof PNCounter seen) {
      String foreign = foreignEntry(self, "increments", seen.increments(), counter.increments());
      return foreign != null ? foreign : foreignEntry(self, "decrements", seen.decrements(), counter.decrements());
    }
    if (delta instanceof LWWRegister register && before instanceof LWWRegister seen) {
      HlcTimestamp written = (HlcTimestamp) register.timestamp().getOrNull();
      if (written != null && !written.replica().equals(self) && seen.merge(register) != seen) {
        return "a write timestamped by replica " + written.replica() + " (" + written + ")";
      }
    }
    return null;
  }

  /** The first dot of the delta's context that is neither this replica's nor seen already. */
  private static @Nullable String foreignDot(ReplicaId self, CausalContext seen, CausalContext delta) {
    for (Tuple2<ReplicaId, Long> entry : delta.vectorClock().entries()) {
      ReplicaId replica = entry._1;
      if (replica.equals(self)) {
        continue;
      }
      // Ends at the first dot not seen; the dots seen beyond the compact part are in the finite cloud.
      for (long counter = seen.vectorClock().get(replica) + 1; counter <= entry._2; counter++) {
        Dot dot = Dot.of(replica, counter);
        if (!seen.contains(dot)) {
          return "dot " + dot + " of replica " + replica;
        }
      }
    }
    for (Dot dot : delta.dotCloud()) {
      if (!dot.replica().equals(self) && !seen.contains(dot)) {
        return "dot " + dot + " of replica " + dot.replica();
      }
    }
    return null;
  }

  private static @Nullable String foreignEntry(ReplicaId self, String what, GCounter seen, GCounter delta) {
    for (Tuple2<ReplicaId, Long> entry : delta.entries()) {
      if (!entry._1.equals(self) && entry._2 > seen.get(entry._1)) {
        return "the " + what + " entry of replica " + entry._1 + " (" + entry._2 + ", " + seen.get(entry._1)
            + " here)";
      }
    }
    return null;
  }

  /**
   * An ORMap's nested values, key by key, against the key's value here (its bottom value if absent). SUBTLE: a
   * nested causal value has seen the map's whole context (ORMap mints nested dots from it), so it is compared with
   * that context, not with its own.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static @Nullable String foreignNested(ReplicaId self, ORMap<Object, ?> before, ORMap<Object, ?> delta) {
    Object bottom = before.parts().bottom();
    for (Object key : delta.keySet()) {
      Object seen = before.containsKey(key) ? before.get(key).get() : bottom;
      if (seen instanceof CausalCrdt causal) {
        seen = causal.withContext(before.context());
      }
      String foreign = foreignPart(self, seen, delta.get(key).get());
      if (foreign != null) {
        return foreign + " under map key " + key;
      }
    }
    return null;
  }
}
