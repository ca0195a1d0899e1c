package io.crdtkit.net;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * How many members must hold an update before {@link Replicated#update(DeltaMutator, WriteConsistency)} completes
 * (Pekko Distributed Data's {@code WriteLocal}, {@code WriteTo}, {@code WriteMajority}, {@code WriteAll}). Members
 * are counted in the key's replica set, this node included: every replica seen in a view and not retired, also
 * while it is partitioned away or crashed (NET.md, "Consistency levels"). Whatever the level, the update applies
 * here at once and stays, also when the wait fails.
 *
 * <pre>{@code
 * cart.update((state, self) -> state.deltaUpdate(self, "milk", q -> q.deltaIncrement(self, 2)),
 *         WriteConsistency.majority(Duration.ofSeconds(2)))
 *     .thenAccept(state -> confirm(order));   // a majority of the members hold the update
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.2")
public final class WriteConsistency {

  private static final WriteConsistency LOCAL = new WriteConsistency(ConsistencyLevel.LOCAL);

  private final ConsistencyLevel level;

  private WriteConsistency(ConsistencyLevel level) {
    this.level = level;
  }

  /**
   * This node only: the stage completes at once, as {@link Replicated#update(DeltaMutator)} does (the default).
   *
   * @return the local level; the same instance on every call
   */
  public static WriteConsistency local() {
    return LOCAL;
  }

  /**
   * At least {@code n} members, this node included, hold the update.
   *
   * @param n       how many members, at least 1 (1 asks no other member); a level above the replica set's size
   *                fails at once
   * @param timeout how long to wait for them; positive, not null
   * @return the level
   * @throws IllegalArgumentException if {@code n < 1} or {@code timeout} is not positive
   * @throws NullPointerException     if {@code timeout} is null
   */
  public static WriteConsistency atLeast(int n, Duration timeout) {
    return new WriteConsistency(ConsistencyLevel.waiting(ConsistencyLevel.Kind.AT_LEAST, n, timeout));
  }

  /**
   * A majority of the replica set, {@code N/2 + 1} of its {@code N} members, this node included.
   *
   * @param timeout how long to wait for them; positive, not null
   * @return the level
   * @throws IllegalArgumentException if {@code timeout} is not positive
   * @throws NullPointerException     if {@code timeout} is null
   */
  public static WriteConsistency majority(Duration timeout) {
    return new WriteConsistency(ConsistencyLevel.waiting(ConsistencyLevel.Kind.MAJORITY, 1, timeout));
  }

  /**
   * Every member of the replica set: a member that crashed or is partitioned away makes it time out until the member
   * is back or retired.
   *
   * @param timeout how long to wait for them; positive, not null
   * @return the level
   * @throws IllegalArgumentException if {@code timeout} is not positive
   * @throws NullPointerException     if {@code timeout} is null
   */
  public static WriteConsistency all(Duration timeout) {
    return new WriteConsistency(ConsistencyLevel.waiting(ConsistencyLevel.Kind.ALL, 1, timeout));
  }

  /**
   * How long the update's stage waits for the members.
   *
   * @return the timeout; zero for {@link #local()}
   */
  public Duration timeout() {
    return level.timeout();
  }

  ConsistencyLevel level() {
    return level;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof WriteConsistency that && level.equals(that.level);
  }

  @Override
  public int hashCode() {
    return level.hashCode();
  }

  /**
   * The level as its factory call reads.
   *
   * @return {@code majority(PT2S)}, say
   */
  @Override
  public String toString() {
    return level.toString();
  }
}
