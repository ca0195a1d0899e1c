package io.crdtkit.clock;

import static org.apiguardian.api.API.Status.STABLE;

import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeSet;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The set of every dot a replica has seen, stored compactly: a {@link VectorClock} for the gap-free prefix of
 * each replica's dots, plus a <em>dot cloud</em> of the dots that arrived out of order (Almeida, Shoker and
 * Baquero, <em>Delta State Replicated Data Types</em>, 2018, §5).
 *
 * <p>The representation is canonical: whenever the dot right after a replica's prefix is present it is moved
 * into the prefix, so the cloud never holds a dot that could be compacted and two contexts holding the same dots
 * are {@code equal}.
 *
 * <pre>{@code
 * CausalContext c = CausalContext.empty().add(Dot.of(A, 1)).add(Dot.of(A, 3));  // {A:1} + cloud [A:3]
 * c.contains(Dot.of(A, 2)) == false
 * c.add(Dot.of(A, 2))                                                          // {A:3}, empty cloud
 * c.nextDot(A)          == Dot.of(A, 4)                                      // beyond everything seen
 * }</pre>
 *
 * <p>A context only grows: nothing is ever removed from it (removing a dot from a context would let an update
 * that was already seen, and perhaps removed, come back).
 */
@API(status = STABLE, since = "0.1")
public final class CausalContext implements Iterable<Dot> {

  private static final CausalContext EMPTY = new CausalContext(VectorClock.empty(), TreeSet.empty());
  /** A cloud this small is merged dot by dot into a larger context. */
  private static final int FEW_DOTS = 16;

  private final VectorClock compact;
  private final SortedSet<Dot> cloud;

  private CausalContext(VectorClock compact, SortedSet<Dot> cloud) {
    this.compact = compact;
    this.cloud = cloud;
  }

  /**
   * The context that has seen nothing.
   *
   * @return the empty context
   */
  public static CausalContext empty() {
    return EMPTY;
  }

  /**
   * The context holding exactly the dots {@code clock} includes.
   *
   * @param clock the gap-free prefix of each replica's dots
   * @return the context
   */
  public static CausalContext of(VectorClock clock) {
    Objects.requireNonNull(clock, "clock");
    return clock.isEmpty() ? EMPTY : new CausalContext(clock, TreeSet.empty());
  }

  /**
   * The context holding the dots {@code clock} includes plus {@code dots}; compacted (a dot that continues a prefix
   * joins it).
   *
   * @param clock the gap-free prefix of each replica's dots
   * @param dots  further dots seen, in any order; those {@code clock} includes change nothing
   * @return the context
   */
  public static CausalContext of(VectorClock clock, Iterable<Dot> dots) {
    return of(clock).addAll(dots);
  }

  /**
   * Whether {@code dot} has been seen.
   *
   * @param dot any dot
   * @return {@code true} if it is in a prefix or in the cloud
   */
  public boolean contains(Dot dot) {
    return compact.contains(dot) || (!cloud.isEmpty() && cloud.contains(dot));
  }

  /**
   * This context with {@code dot} seen.
   *
   * @param dot the dot to add
   * @return the larger context; {@code this} if it had seen the dot already
   */
  public CausalContext add(Dot dot) {
    Objects.requireNonNull(dot, "dot");
    long covered = compact.get(dot.replica());
    if (dot.counter() <= covered) {
      return this;
    }
    if (dot.counter() == covered + 1) {
      // the common case, a replica's next event: one lookup; the cloud never holds the dot right after a prefix
      VectorClock extended = compact.advance(dot.replica(), dot.counter());
      return cloud.isEmpty() ? new CausalContext(extended, cloud) : absorbing(extended, cloud, dot.replica());
    }
    return cloud.contains(dot) ? this : new CausalContext(compact, cloud.add(dot));
  }

  /**
   * This context with every one of {@code dots} seen.
   *
   * @param dots the dots to add, in any order
   * @return the larger context; {@code this} if it had seen them all
   */
  public CausalContext addAll(Iterable<Dot> dots) {
    CausalContext result = this;
    for (Dot dot : dots) {
      result = result.add(dot);
    }
    return result;
  }

  /**
   * The context that has seen what either has seen.
   *
   * @param other another context
   * @return the union; {@code this} if {@code other} adds nothing
   */
  public CausalContext merge(CausalContext other) {
    if (other == this || other.isLessOrEqual(this)) {
      return this;
    }
    if (this.isLessOrEqual(other)) {
      return other;
    }
    // A delta group takes in one delta after another: add the small side's dots one by one into the large side,
    // instead of rebuilding the large side's cloud (which made a group of n deltas cost n^2).
    if (other.cloud.size() <= FEW_DOTS && other.compact.isLessOrEqual(compact)) {
      return addAll(other.cloud);
    }
    if (cloud.size() <= FEW_DOTS && compact.isLessOrEqual(other.compact)) {
      return other.addAll(cloud);
    }
    VectorClock mergedCompact = compact.merge(other.compact);
    SortedSet<Dot> mergedCloud =
        cloud.union(other.cloud).filter(dot -> !mergedCompact.contains(dot));
    return compactFrom(mergedCompact, mergedCloud);
  }

  /**
   * This context with every dot of {@code from} renamed: {@code (from, n)} becomes {@code (to, offset + n)}. How a
   * retired replica's dots live on in its heir's block (crdt-gc): its own entry disappears.
   *
   * @param from   the replica whose dots are renamed
   * @param to     the replica they are renamed to
   * @param offset where the block starts: dot {@code n} of {@code from} becomes {@code offset + n} of {@code to}
   * @return the renamed context; {@code this} if it has seen no dot of {@code from}
   */
  public CausalContext rename(ReplicaId from, ReplicaId to, long offset) {
    long prefix = compact.get(from);
    SortedSet<Dot> scattered = cloud.filter(dot -> dot.replica().equals(from));
    if (prefix == 0 && scattered.isEmpty()) {
      return this;
    }
    CausalContext rest = compactFrom(compact.without(from), cloud.removeAll(scattered));
    CausalContext renamed = rest.compact.get(to) == offset && prefix > 0
        ? compactFrom(rest.compact.advance(to, Math.addExact(offset, prefix)), rest.cloud)
        : rest.addRange(to, offset + 1, offset + prefix);
    for (Dot dot : scattered) {
      renamed = renamed.add(Dot.of(to, Math.addExact(offset, dot.counter())));
    }
    return renamed;
  }

  /**
   * This context having seen every dot of {@code replica} up to the highest it has seen: for a retired replica,
   * whose missing dots were lost with it and will never arrive (if one did, it would count as seen and be dropped).
   *
   * @param replica the replica whose gaps are filled
   * @return the context with a gap-free prefix for {@code replica}; {@code this} if it had no gap
   */
  public CausalContext fillGaps(ReplicaId replica) {
    long highest = maxCounter(replica);
    if (highest == compact.get(replica)) {
      return this;
    }
    return compactFrom(compact.advance(replica, highest), cloud.filter(dot -> !dot.replica().equals(replica)));
  }

  private CausalContext addRange(ReplicaId replica, long first, long last) {
    CausalContext result = this;
    for (long counter = first; counter <= last; counter++) {
      result = result.add(Dot.of(replica, counter));
    }
    return result;
  }

  /**
   * Whether every dot this context has seen has also been seen by {@code other}.
   *
   * @param other another context
   * @return {@code true} if this context is a subset of {@code other}
   */
  public boolean isLessOrEqual(CausalContext other) {
    // Both compact parts are canonical, so a prefix is covered only by a prefix at least as long.
    return compact.isLessOrEqual(other.compact) && cloud.forAll(other::contains);
  }

  /**
   * The dot a replica should mint next: one past the highest dot of {@code replica} seen so far, whether in the
   * gap-free prefix or in the cloud.
   *
   * @param replica the replica that mints
   * @return the next dot; this context does not change (add it when the update is applied)
   */
  public Dot nextDot(ReplicaId replica) {
    return Dot.of(replica, Math.addExact(maxCounter(replica), 1L));
  }

  /**
   * The highest counter of {@code replica} seen so far.
   *
   * @param replica any replica
   * @return the counter; 0 if no dot of it was seen
   */
  public long maxCounter(ReplicaId replica) {
    long max = compact.get(replica);
    if (cloud.isEmpty()) {
      return max;
    }
    for (Dot dot : cloud) {
      if (dot.replica().equals(replica)) {
        max = Math.max(max, dot.counter());
      }
    }
    return max;
  }

  /**
   * The gap-free prefix of each replica's dots.
   *
   * @return one counter per replica: every dot up to it has been seen
   */
  public VectorClock vectorClock() {
    return compact;
  }

  /**
   * The dots seen out of order, beyond the gap-free prefix.
   *
   * @return the dots, sorted; empty while updates arrive in order
   */
  public SortedSet<Dot> dotCloud() {
    return cloud;
  }

  /**
   * How many dots this context has seen: every prefix's length, plus the cloud; {@code Long.MAX_VALUE} if more (a
   * context rebuilt from untrusted input may claim counters that add up past it).
   *
   * @return the number of dots seen
   */
  public long size() {
    long size = cloud.size();
    for (var entry : compact.entries()) {
      if (entry._2 > Long.MAX_VALUE - size) {
        return Long.MAX_VALUE;
      }
      size += entry._2;
    }
    return size;
  }

  /**
   * Every dot seen, replica by replica, in counter order; as many as {@link #size()}.
   *
   * @return an iterator over the dots, generated as it goes (the prefixes are not stored dot by dot)
   */
  @Override
  public java.util.Iterator<Dot> iterator() {
    io.vavr.collection.Iterator<Dot> prefixes = compact.entries().iterator().flatMap(entry ->
        io.vavr.collection.Iterator.rangeClosed(1L, entry._2).map(counter -> Dot.of(entry._1, counter)));
    return prefixes.concat(cloud.iterator());
  }

  /**
   * Whether nothing has been seen.
   *
   * @return {@code true} for the empty context
   */
  public boolean isEmpty() {
    return compact.isEmpty() && cloud.isEmpty();
  }

  /** The prefix of {@code replica} in {@code compact}, extended by the cloud dots that continue it. */
  private static CausalContext absorbing(VectorClock compact, SortedSet<Dot> cloud, ReplicaId replica) {
    long next = compact.get(replica) + 1;
    SortedSet<Dot> rest = cloud;
    while (!rest.isEmpty() && rest.contains(Dot.of(replica, next))) {
      rest = rest.remove(Dot.of(replica, next));
      next++;
    }
    return new CausalContext(rest == cloud ? compact : compact.advance(replica, next - 1), rest);
  }

  /** Moves every cloud dot that continues a prefix into the prefix. */
  private static CausalContext compactFrom(VectorClock compact, SortedSet<Dot> cloud) {
    VectorClock prefix = compact;
    SortedSet<Dot> rest = cloud;
    // The cloud is sorted by (replica, counter), so one pass extends each replica's prefix in order.
    for (Dot dot : cloud) {
      long covered = prefix.get(dot.replica());
      if (dot.counter() <= covered + 1) {
        prefix = prefix.advance(dot.replica(), dot.counter());
        rest = rest.remove(dot);
      }
    }
    return prefix.isEmpty() && rest.isEmpty() ? EMPTY : new CausalContext(prefix, rest);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CausalContext other && compact.equals(other.compact) && cloud.equals(other.cloud);
  }

  @Override
  public int hashCode() {
    return 31 * compact.hashCode() + cloud.hashCode();
  }

  /** {@code {a:3, b:1}} or, with out-of-order dots, {@code {a:3} + [b:4, b:6]}. */
  @Override
  public String toString() {
    return cloud.isEmpty() ? compact.toString() : compact + " + " + cloud.mkString("[", ", ", "]");
  }
}
