package io.crdtkit;

import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.VectorClock;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One key of an {@link LWWMap}: its winning write, and the dot the write was recorded under. The dot lets a replica
 * that dropped a stable tombstone recognise a stale copy of anything the tombstone overwrote ("seen, not held").
 * Entries rebuilt from a format without dots have none; they merge by timestamp alone and are never collected.
 */
record LWWEntry<V>(LWWRegister<V> register, @Nullable Dot dot) {

  /** Whether a side that has seen {@code context} but lacks this key has dropped it (as a stable tombstone). */
  boolean droppedBy(CausalContext context) {
    return dot != null && context.contains(dot);
  }

  /** Whether this write is at or below {@code cut} (an entry without a dot never is). */
  boolean isBelow(VectorClock cut) {
    return dot != null && cut.contains(dot);
  }

  /**
   * The entry that wins for a key both sides hold: the greater timestamp. For the same write held twice, the form
   * with a dot wins over one rebuilt without (and of two dots, the smaller), so that every merge order agrees.
   */
  static <V> LWWEntry<V> winner(LWWEntry<V> mine, LWWEntry<V> theirs) {
    LWWRegister<V> register = mine.register.merge(theirs.register);
    if (register != mine.register) {
      return theirs;
    }
    if (!mine.register.equals(theirs.register) || Objects.equals(mine.dot, theirs.dot) || theirs.dot == null) {
      return mine;
    }
    return mine.dot == null || theirs.dot.compareTo(mine.dot) < 0 ? theirs : mine;
  }

  @Override
  public String toString() {
    return dot == null ? register.toString() : register + " #" + dot;
  }
}
