package io.crdtkit;

import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.HlcTimestamp;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One key of an {@link LWWMap}: its winning write, and the dot the write was recorded under. The dot lets a replica
 * that dropped a stable tombstone recognise a stale copy of anything the tombstone overwrote ("seen, not held").
 * Entries rebuilt from a format without dots have none; they merge by timestamp alone and are never collected.
 *
 * <p>The value, timestamp and dot are held inline, in one object of 48 bytes, where a register, its timestamp and
 * a dot cost 104 with this entry: a map holds one per key. {@link #register()} and {@link #dot()} rebuild them on
 * demand; the comparisons a merge needs read the fields. Equal, and hashed, as a record of the register and the dot.
 */
final class LWWEntry<V> {

  // The winning write: its value (null for a clear, a tombstone) and its timestamp's three parts.
  private final @Nullable V value;
  private final long wallTime;
  private final int logical;
  private final ReplicaId writer;
  // The dot's two parts; no replica if the entry has no dot.
  private final @Nullable ReplicaId dotReplica;
  private final long dotCounter;

  /**
   * The entry for {@code register}'s write, recorded under {@code dot}.
   *
   * @throws IllegalArgumentException if {@code register} was never written
   */
  LWWEntry(LWWRegister<V> register, @Nullable Dot dot) {
    HlcTimestamp timestamp = register.timestamp().getOrElseThrow(
        () -> new IllegalArgumentException("an LWWMap entry needs a written register"));
    this.value = register.value().getOrNull();
    this.wallTime = timestamp.wallTime();
    this.logical = timestamp.logical();
    this.writer = timestamp.replica();
    this.dotReplica = dot == null ? null : dot.replica();
    this.dotCounter = dot == null ? 0 : dot.counter();
  }

  /** The winning write, rebuilt. */
  LWWRegister<V> register() {
    HlcTimestamp timestamp = timestamp();
    return value == null ? LWWRegister.cleared(timestamp) : LWWRegister.of(timestamp, value);
  }

  /** The dot the write was recorded under, rebuilt; null if none. */
  @Nullable Dot dot() {
    return dotReplica == null ? null : new Dot(dotReplica, dotCounter);
  }

  private HlcTimestamp timestamp() {
    return new HlcTimestamp(wallTime, logical, writer);
  }

  /** Whether the winning write is a clear (a tombstone). */
  boolean isCleared() {
    return value == null;
  }

  /** Whether a side that has seen {@code context} but lacks this key has dropped it (as a stable tombstone). */
  boolean droppedBy(CausalContext context) {
    // Through a dot: a context may hold it in its cloud, beyond its vector clock.
    return dotReplica != null && context.contains(new Dot(dotReplica, dotCounter));
  }

  /** Whether this write is at or below {@code cut} (an entry without a dot never is). */
  boolean isBelow(VectorClock cut) {
    return dotReplica != null && cut.get(dotReplica) >= dotCounter;
  }

  /**
   * The entry that wins for a key both sides hold: the greater timestamp. For the same write held twice, the form
   * with a dot wins over one rebuilt without (and of two dots, the smaller), so that every merge order agrees.
   * Exactly {@link LWWRegister#merge}'s choice between the two writes, read from the fields.
   */
  static <V> LWWEntry<V> winner(LWWEntry<V> mine, LWWEntry<V> theirs) {
    if (mine == theirs) {
      return mine;
    }
    int order = mine.compareTimestamps(theirs);
    boolean sameValue = Objects.equals(mine.value, theirs.value);
    if (order < 0 || (order == 0 && !sameValue && Conflicts.prefersTheirs(mine.value, theirs.value))) {
      return theirs;
    }
    if (order != 0 || !sameValue || mine.sameDot(theirs) || theirs.dotReplica == null) {
      return mine;
    }
    return mine.dotReplica == null || theirs.compareDots(mine) < 0 ? theirs : mine;
  }

  /** As {@link HlcTimestamp#compareTo}: wall time, then logical counter, then replica. */
  private int compareTimestamps(LWWEntry<?> other) {
    int order = Long.compare(wallTime, other.wallTime);
    if (order == 0) {
      order = Integer.compare(logical, other.logical);
    }
    return order != 0 || writer == other.writer ? order : writer.compareTo(other.writer);
  }

  /** As {@link Dot#compareTo}, both entries having a dot: replica, then counter. */
  private int compareDots(LWWEntry<?> other) {
    int order = dotReplica == other.dotReplica ? 0 : dotReplica.compareTo(other.dotReplica);
    return order != 0 ? order : Long.compare(dotCounter, other.dotCounter);
  }

  private boolean sameDot(LWWEntry<?> other) {
    return Objects.equals(dotReplica, other.dotReplica) && dotCounter == other.dotCounter;
  }

  /** Equal registers (timestamp and value) and equal dots, as the record this was. */
  @Override
  public boolean equals(Object o) {
    return o instanceof LWWEntry<?> other && wallTime == other.wallTime && logical == other.logical
        && writer.equals(other.writer) && Objects.equals(value, other.value) && sameDot(other);
  }

  /** The record's hash of (register, dot). */
  @Override
  public int hashCode() {
    return 31 * register().hashCode() + Objects.hashCode(dot());
  }

  @Override
  public String toString() {
    return dotReplica == null ? register().toString() : register() + " #" + dot();
  }
}
