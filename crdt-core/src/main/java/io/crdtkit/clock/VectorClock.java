package io.crdtkit.clock;

import static org.apiguardian.api.API.Status.STABLE;

import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;
import java.util.Arrays;
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

  private static final VectorClock EMPTY = new VectorClock(new ReplicaId[0], new long[0]);

  /** Up to this many entries, a lookup first looks for the id itself (by reference) before a binary search. */
  private static final int IDENTITY_SCAN = 64;

  // Sorted by replica, no zero counter: a few dozen replicas fit in two small arrays, with no boxing and no
  // per-entry nodes; a lookup is a binary search, a merge one walk over both.
  private final ReplicaId[] replicas;
  private final long[] counters;
  private volatile SortedMap<ReplicaId, Long> entries;

  private VectorClock(ReplicaId[] replicas, long[] counters) {
    this.replicas = replicas;
    this.counters = counters;
  }

  /**
   * The clock that includes no event.
   *
   * @return the empty clock
   */
  public static VectorClock empty() {
    return EMPTY;
  }

  /**
   * The clock with these entries; entries of 0 are dropped.
   *
   * @param entries how many events of each replica the clock includes
   * @return the clock
   * @throws IllegalArgumentException if a counter is negative
   */
  public static VectorClock of(java.util.Map<ReplicaId, Long> entries) {
    Objects.requireNonNull(entries, "entries");
    VectorClock clock = EMPTY;
    for (java.util.Map.Entry<ReplicaId, Long> entry : entries.entrySet()) {
      ReplicaId replica = Objects.requireNonNull(entry.getKey(), "replica in vector clock");
      long counter = Objects.requireNonNull(entry.getValue(), "counter in vector clock");
      requireNotNegative(replica, counter);
      clock = clock.advance(replica, counter);
    }
    return clock;
  }

  private int indexOf(ReplicaId replica) {
    // Few replicas: the caller's id is usually the very instance stored (a replica's own id, kept since its first
    // write), and a scan by reference is cheaper than comparing names.
    if (replicas.length <= IDENTITY_SCAN) {
      for (int i = 0; i < replicas.length; i++) {
        if (replicas[i] == replica) {
          return i;
        }
      }
    }
    int low = 0;
    int high = replicas.length - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      ReplicaId candidate = replicas[mid];
      int order = candidate == replica ? 0 : candidate.compareTo(replica);
      if (order < 0) {
        low = mid + 1;
      } else if (order > 0) {
        high = mid - 1;
      } else {
        return mid;
      }
    }
    return -(low + 1);
  }

  /**
   * How many events of {@code replica} this clock includes.
   *
   * @param replica any replica
   * @return its counter; 0 if none
   */
  public long get(ReplicaId replica) {
    int index = indexOf(replica);
    return index >= 0 ? counters[index] : 0;
  }

  /**
   * Whether the event {@code dot} is included.
   *
   * @param dot any dot
   * @return {@code true} if its counter is at or below its replica's entry
   */
  public boolean contains(Dot dot) {
    return get(dot.replica()) >= dot.counter();
  }

  /**
   * This clock with one more event of {@code replica}.
   *
   * @param replica the replica whose entry grows
   * @return the clock with that entry one higher
   */
  public VectorClock increment(ReplicaId replica) {
    return increment(replica, 1);
  }

  /**
   * This clock with {@code amount} more events of {@code replica} (a grow-only counter's increment), in one lookup;
   * {@code this} if {@code amount} is 0.
   *
   * @param replica the replica whose entry grows
   * @param amount  how much it grows; not negative
   * @return the clock with that entry {@code amount} higher
   * @throws IllegalArgumentException if {@code amount} is negative
   * @throws ArithmeticException if the entry would overflow a {@code long}
   */
  public VectorClock increment(ReplicaId replica, long amount) {
    if (amount < 0) {
      throw new IllegalArgumentException("vector clock increment must be >= 0, got " + amount + " for " + replica);
    }
    int index = indexOf(Objects.requireNonNull(replica, "replica"));
    return amount == 0 ? this : with(replica, Math.addExact(index >= 0 ? counters[index] : 0, amount), index);
  }

  /**
   * This clock with the entry of {@code replica} raised to {@code counter}; {@code this} if it was already
   * that high (a clock never goes back).
   *
   * @param replica the replica whose entry is raised
   * @param counter the entry's new value, if higher
   * @return the clock with the higher entry
   */
  public VectorClock advance(ReplicaId replica, long counter) {
    requireNotNegative(replica, counter);
    int index = indexOf(Objects.requireNonNull(replica, "replica"));
    // a zero is never stored: an absent replica already reads 0
    return counter == 0 || index >= 0 && counter <= counters[index] ? this : with(replica, counter, index);
  }

  /** This clock with {@code replica} at {@code counter}; {@code index} is {@link #indexOf}'s answer for it. */
  private VectorClock with(ReplicaId replica, long counter, int index) {
    if (index >= 0) {
      long[] raised = counters.clone();
      raised[index] = counter;
      return new VectorClock(replicas, raised);
    }
    int at = -(index + 1);
    ReplicaId[] moreReplicas = new ReplicaId[replicas.length + 1];
    long[] moreCounters = new long[counters.length + 1];
    System.arraycopy(replicas, 0, moreReplicas, 0, at);
    System.arraycopy(counters, 0, moreCounters, 0, at);
    moreReplicas[at] = replica;
    moreCounters[at] = counter;
    System.arraycopy(replicas, at, moreReplicas, at + 1, replicas.length - at);
    System.arraycopy(counters, at, moreCounters, at + 1, counters.length - at);
    return new VectorClock(moreReplicas, moreCounters);
  }

  /**
   * This clock without the entry of {@code replica}.
   *
   * @param replica the replica whose entry goes
   * @return the smaller clock; {@code this} if it has no entry for {@code replica}
   */
  public VectorClock without(ReplicaId replica) {
    int index = indexOf(replica);
    if (index < 0) {
      return this;
    }
    ReplicaId[] fewerReplicas = new ReplicaId[replicas.length - 1];
    long[] fewerCounters = new long[counters.length - 1];
    System.arraycopy(replicas, 0, fewerReplicas, 0, index);
    System.arraycopy(counters, 0, fewerCounters, 0, index);
    System.arraycopy(replicas, index + 1, fewerReplicas, index, replicas.length - index - 1);
    System.arraycopy(counters, index + 1, fewerCounters, index, counters.length - index - 1);
    return fewerReplicas.length == 0 ? EMPTY : new VectorClock(fewerReplicas, fewerCounters);
  }

  /**
   * The pointwise maximum: the clock that includes the events of both.
   *
   * @param other another clock
   * @return the merged clock; {@code this} if it already includes every event of {@code other}
   */
  public VectorClock merge(VectorClock other) {
    if (other == this || other.replicas.length == 0 || other.isLessOrEqual(this)) {
      return this;
    }
    if (other.replicas.length == 1 && replicas.length > 1) {
      // A counter's delta holds one entry: raise it here in one lookup, instead of walking every entry.
      return with(other.replicas[0], other.counters[0], indexOf(other.replicas[0]));
    }
    if (replicas.length == 0 || isLessOrEqual(other)) {
      return other;
    }
    ReplicaId[] mergedReplicas = new ReplicaId[replicas.length + other.replicas.length];
    long[] mergedCounters = new long[mergedReplicas.length];
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < replicas.length || j < other.replicas.length) {
      int order = i == replicas.length ? 1 : j == other.replicas.length ? -1
          : replicas[i] == other.replicas[j] ? 0 : replicas[i].compareTo(other.replicas[j]);
      if (order < 0) {
        mergedReplicas[n] = replicas[i];
        mergedCounters[n++] = counters[i++];
      } else if (order > 0) {
        mergedReplicas[n] = other.replicas[j];
        mergedCounters[n++] = other.counters[j++];
      } else {
        mergedReplicas[n] = replicas[i];
        mergedCounters[n++] = Math.max(counters[i++], other.counters[j++]);
      }
    }
    return new VectorClock(Arrays.copyOf(mergedReplicas, n), Arrays.copyOf(mergedCounters, n));
  }

  /**
   * The pointwise minimum: the events both clocks include.
   *
   * @param other another clock
   * @return the intersection
   */
  public VectorClock intersect(VectorClock other) {
    if (other == this || isLessOrEqual(other)) {
      return this;
    }
    ReplicaId[] commonReplicas = new ReplicaId[Math.min(replicas.length, other.replicas.length)];
    long[] commonCounters = new long[commonReplicas.length];
    int n = 0;
    for (int i = 0; i < replicas.length; i++) {
      long min = Math.min(counters[i], other.get(replicas[i]));
      if (min > 0) {
        commonReplicas[n] = replicas[i];
        commonCounters[n++] = min;
      }
    }
    return n == 0 ? EMPTY : new VectorClock(Arrays.copyOf(commonReplicas, n), Arrays.copyOf(commonCounters, n));
  }

  /**
   * Whether every event this clock includes is also included in {@code other}.
   *
   * @param other another clock
   * @return {@code true} if every entry is at or below {@code other}'s
   */
  public boolean isLessOrEqual(VectorClock other) {
    if (replicas.length > other.replicas.length) {
      return false;
    }
    int j = 0;
    for (int i = 0; i < replicas.length; i++) {
      while (j < other.replicas.length && other.replicas[j] != replicas[i]
          && other.replicas[j].compareTo(replicas[i]) < 0) {
        j++;
      }
      if (j == other.replicas.length || !other.replicas[j].equals(replicas[i]) || counters[i] > other.counters[j]) {
        return false;
      }
    }
    return true;
  }

  /**
   * The causal relation of this clock to {@code other}.
   *
   * @param other another clock
   * @return {@code BEFORE} if {@code other} includes every event of this one and more, {@code AFTER} for the
   *     reverse, {@code EQUAL} or {@code CONCURRENT}
   */
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

  /**
   * The entries, sorted by replica.
   *
   * @return each replica with at least one event, and its counter (never 0)
   */
  public SortedMap<ReplicaId, Long> entries() {
    SortedMap<ReplicaId, Long> built = entries;
    if (built == null) {
      built = TreeMap.empty();
      for (int i = 0; i < replicas.length; i++) {
        built = built.put(replicas[i], counters[i]);
      }
      entries = built;
    }
    return built;
  }

  /**
   * The sum of all counters: a grow-only counter's value, without building {@link #entries()}.
   *
   * @return the sum
   */
  public long sum() {
    long sum = 0;
    for (long counter : counters) {
      sum = Math.addExact(sum, counter);
    }
    return sum;
  }

  /**
   * Whether no event is included.
   *
   * @return {@code true} for the empty clock
   */
  public boolean isEmpty() {
    return replicas.length == 0;
  }

  /**
   * The number of replicas with at least one event.
   *
   * @return the number of entries
   */
  public int size() {
    return replicas.length;
  }

  private static void requireNotNegative(ReplicaId replica, long counter) {
    if (counter < 0) {
      throw new IllegalArgumentException(
          "vector clock counter must be >= 0, got " + counter + " for " + replica);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VectorClock other && Arrays.equals(replicas, other.replicas)
        && Arrays.equals(counters, other.counters);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(replicas) + Arrays.hashCode(counters);
  }

  /** {@code {a:3, b:1}}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("{");
    for (int i = 0; i < replicas.length; i++) {
      text.append(i == 0 ? "" : ", ").append(replicas[i]).append(':').append(counters[i]);
    }
    return text.append('}').toString();
  }
}
