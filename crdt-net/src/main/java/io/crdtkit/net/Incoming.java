package io.crdtkit.net;

import io.crdtkit.Crdt;
import io.crdtkit.Timestamped;
import io.crdtkit.clock.ClockOffsetException;
import io.crdtkit.clock.HlcTimestamp;
import io.crdtkit.clock.HybridLogicalClock;
import io.crdtkit.clock.ReplicaId;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A state or delta received for one key, decoded by that key's codec ({@link KeyEntry#decode(WireMessage.KeyBytes)}).
 * It keeps the key's type parameter together with the value, so the receive path merges it without a cast: a
 * {@code KeyEntry<?>} looked up by name yields an {@code Incoming<?>} whose value can only go back into its own key.
 *
 * @param entry      the key the value was decoded for
 * @param value      the decoded state or delta
 * @param generation the generation the sender wrote it in (Tombstones)
 * @param tombstone  whether the sender's key is deleted and not written since in that generation
 * @param document   the bytes the value was decoded from, while it is still their value (a durable node journals
 *                   them as they are); null once the value was changed
 */
record Incoming<S extends Crdt<S>>(KeyEntry<S> entry, S value, long generation, boolean tombstone,
    byte @Nullable [] document) {

  /** The value with the retirements it has not seen folded in (a whole state from an older epoch). */
  Incoming<S> upgraded(List<ReplicaId> missedRetirements) {
    if (missedRetirements.isEmpty()) {
      return this;
    }
    return new Incoming<>(entry, entry.upgrade(value, missedRetirements), generation, tombstone, null);
  }

  /**
   * Why the value's timestamps are refused by {@code clock} (they run too far ahead of it: the sender's clock is
   * broken), or null if they are not, or the type has none.
   */
  @Nullable String futureTimestamp(HybridLogicalClock clock) {
    if (value instanceof Timestamped timestamped) {
      for (HlcTimestamp latest : timestamped.latestTimestamp()) {
        try {
          clock.check(latest);
        } catch (ClockOffsetException e) {
          return e.getMessage();
        }
      }
    }
    return null;
  }

  /** Merges the value into its key (KeyEntry#merge); whether it changed anything. */
  boolean merge() {
    return entry.merge(value, generation, tombstone, document);
  }
}
