package io.crdtkit.clock;

import static org.apiguardian.api.API.Status.STABLE;

import io.vavr.Tuple2;
import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A vector clock: for each replica, how many of its events are included. Absent replicas count 0, and 0 is
 * never stored, so two clocks that include the same events are {@code equal}.
 *
 * <p>{@link #merge(VectorClock)} is the pointwise maximum (the join of the lattice);
 * {@link #compare(VectorClock)} is the causal order:
 *
 * <pre>{@code
 * VectorClock a = VectorClock.empty().increment(A);            // {A:1}
 * VectorClock b = a.increment(B);                               // {A:1, B:1}
 * a.compare(b)                    == CausalOrder.BEFORE
 * a.increment(A).compare(b)       == CausalOrder.CONCURRENT     // {A:2} vs {A:1, B:1}
 * a.increment(A).merge(b)         -> {A:2, B:1}
 * }</pre>
 *
 * <p>Entries are kept sorted by replica so that iteration, {@code toString} and encodings are deterministic.
 */
@API(status = STABLE, since = "0.1")
public final class VectorClock {

  private static final VectorClock EMPTY = new VectorClock(TreeMap.empty());

  private final SortedMap<ReplicaId, Long> entries;

  private VectorClock(SortedMap<ReplicaId, Long> entries) {
    this.entries = entries;
  }

  /** The clock that includes no event. */
  public static VectorClock empty() {
    return EMPTY;
  }

  /**
   * The clock with these entries; entries of 0 are dropped.
   *
   * @throws IllegalArgumentException if a counter is negative
   */
  public static VectorClock of(java.util.Map<ReplicaId, Long> entries) {
    Objects.requireNonNull(entries, "entries");
    SortedMap<ReplicaId, Long> sorted = TreeMap.empty();
    for (java.util.Map.Entry<ReplicaId, Long> entry : entries.entrySet()) {
      ReplicaId replica = Objects.requireNonNull(entry.getKey(), "replica in vector clock");
      long counter = Objects.requireNonNull(entry.getValue(), "counter in vector clock");
      requireNotNegative(replica, counter);
      if (counter > 0) {
        sorted = sorted.put(replica, counter);
      }
    }
    return sorted.isEmpty() ? EMPTY : new VectorClock(sorted);
  }

  /** How many events of {@code replica} this clock includes (0 if none). */
  public long get(ReplicaId replica) {
    return entries.getOrElse(replica, 0L);
  }

  /** Whether the event {@code dot} is included. */
  public boolean contains(Dot dot) {
    return get(dot.replica()) >= dot.counter();
  }

  /** This clock with one more event of {@code replica}. */
  public VectorClock increment(ReplicaId replica) {
    return new VectorClock(entries.put(replica, Math.addExact(get(replica), 1L)));
  }

  /**
   * This clock with the entry of {@code replica} raised to {@code counter}; {@code this} if it was already
   * that high (a clock never goes back).
   */
  public VectorClock advance(ReplicaId replica, long counter) {
    requireNotNegative(replica, counter);
    return counter <= get(replica) ? this : new VectorClock(entries.put(replica, counter));
  }

  /** This clock without the entry of {@code replica}; {@code this} if it has none. */
  public VectorClock without(ReplicaId replica) {
    return entries.containsKey(replica) ? new VectorClock(entries.remove(replica)) : this;
  }

  /** The pointwise maximum: the clock that includes the events of both. Returns {@code this} if it already does. */
  public VectorClock merge(VectorClock other) {
    if (other == this || other.entries.isEmpty()) {
      return this;
    }
    if (entries.isEmpty()) {
      return other;
    }
    SortedMap<ReplicaId, Long> merged = entries;
    for (Tuple2<ReplicaId, Long> entry : other.entries) {
      if (entry._2 > get(entry._1)) {
        merged = merged.put(entry);
      }
    }
    return merged == entries ? this : new VectorClock(merged);
  }

  /** The pointwise minimum: the events both clocks include. */
  public VectorClock intersect(VectorClock other) {
    SortedMap<ReplicaId, Long> common = TreeMap.empty();
    for (Tuple2<ReplicaId, Long> entry : entries) {
      long min = Math.min(entry._2, other.get(entry._1));
      if (min > 0) {
        common = common.put(entry._1, min);
      }
    }
    return common.equals(entries) ? this : common.isEmpty() ? EMPTY : new VectorClock(common);
  }

  /** Whether every event this clock includes is also included in {@code other}. */
  public boolean isLessOrEqual(VectorClock other) {
    if (entries.size() > other.entries.size()) {
      return false;
    }
    for (Tuple2<ReplicaId, Long> entry : entries) {
      if (entry._2 > other.get(entry._1)) {
        return false;
      }
    }
    return true;
  }

  /** The causal relation of this clock to {@code other}. */
  public CausalOrder compare(VectorClock other) {
    boolean thisBehind = isLessOrEqual(other);
    boolean otherBehind = other.isLessOrEqual(this);
    if (thisBehind && otherBehind) {
      return CausalOrder.EQUAL;
    }
    if (thisBehind) {
      return CausalOrder.BEFORE;
    }
    return otherBehind ? CausalOrder.AFTER : CausalOrder.CONCURRENT;
  }

  /** The entries, sorted by replica; never contains a 0. */
  public SortedMap<ReplicaId, Long> entries() {
    return entries;
  }

  /** Whether no event is included. */
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** The number of replicas with at least one event. */
  public int size() {
    return entries.size();
  }

  private static void requireNotNegative(ReplicaId replica, long counter) {
    if (counter < 0) {
      throw new IllegalArgumentException(
          "vector clock counter must be >= 0, got " + counter + " for " + replica);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VectorClock other && entries.equals(other.entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  /** {@code {a:3, b:1}}. */
  @Override
  public String toString() {
    return entries.iterator().map(e -> e._1 + ":" + e._2).mkString("{", ", ", "}");
  }
}
