package io.crdtkit.net;

import io.crdtkit.clock.HybridLogicalClock;
import org.jgroups.Address;
import org.jspecify.annotations.Nullable;

/**
 * Takes one received document of one key into its state, for reads and writes at a consistency level: decoded by the
 * key's codec (with its limits), checked against this node's clock, merged. Unlike a frame of deltas, whose bad
 * documents drop the frame, each refusal here is counted, logged (Refusals) and returned as a reason, because
 * someone waits for the answer.
 */
final class DocumentIntake {

  private final HybridLogicalClock clock;
  private final NetCounters counters;

  DocumentIntake(HybridLogicalClock clock, NetCounters counters) {
    this.clock = clock;
    this.counters = counters;
  }

  /**
   * Merges {@code document} into {@code entry}'s state.
   *
   * @return null once the state holds the document; otherwise why it was refused
   */
  @Nullable String merge(Address from, KeyEntry<?> entry, byte[] document, long generation, boolean tombstone) {
    if (generation < entry.generation()) {
      counters.supersededByDelete.increment();
      return "key '" + entry.name + "' was deleted here after the state or delta was made (generation " + generation
          + ", the key is at " + entry.generation() + "): the delete wins over it";
    }
    Incoming<?> incoming;
    try {
      incoming = entry.decode(document, generation, tombstone);
    } catch (RuntimeException e) {
      return refuse(RefusalCause.UNDECODABLE, from, entry, "could not be decoded: " + e.getMessage());
    }
    String ahead = incoming.futureTimestamp(clock);
    if (ahead != null) {
      return refuse(RefusalCause.FUTURE_TIMESTAMP, from, entry, ahead);
    }
    try {
      incoming.merge();
    } catch (RuntimeException e) {
      return refuse(RefusalCause.UNMERGEABLE, from, entry, "could not be merged: " + e);
    }
    return null;
  }

  private String refuse(RefusalCause cause, Address from, KeyEntry<?> entry, String why) {
    String reason = "a document of key '" + entry.name + "' " + why + " (" + cause + ")";
    counters.refusals.refuse(cause, from, reason);
    return reason;
  }
}
