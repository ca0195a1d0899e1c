package io.crdtkit.net;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * How many members' states {@link Replicated#read(ReadConsistency)} merges before it completes (Pekko Distributed
 * Data's {@code ReadLocal}, {@code ReadFrom}, {@code ReadMajority}, {@code ReadAll}). Members are counted in the
 * key's replica set, this node included: every replica seen in a view and not retired, also while it is partitioned
 * away or crashed (NET.md, "Consistency levels"). Replies are merged into this node's state as they arrive, never
 * assigned, and stay merged also when the wait fails.
 *
 * <pre>{@code
 * cart.read(ReadConsistency.majority(Duration.ofSeconds(2)))
 *     .thenAccept(state -> render(state));   // holds every update a majority held when they answered
 * }</pre>
 *
 * <p>A majority read after a majority write sees the write: the two majorities share a member.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public final class ReadConsistency {

  private static final ReadConsistency LOCAL = new ReadConsistency(ConsistencyLevel.LOCAL);

  private final ConsistencyLevel level;

  private ReadConsistency(ConsistencyLevel level) {
    this.level = level;
  }

  /**
   * This node only: the stage completes at once with {@link Replicated#value()}.
   *
   * @return the local level; the same instance on every call
   */
  public static ReadConsistency local() {
    return LOCAL;
  }

  /**
   * The states of at least {@code n} members, this node included.
   *
   * @param n       how many members, at least 1 (1 asks no other member); a level above the replica set's size
   *                fails at once
   * @param timeout how long to wait for them; positive, not null
   * @return the level
   * @throws IllegalArgumentException if {@code n < 1} or {@code timeout} is not positive
   * @throws NullPointerException     if {@code timeout} is null
   */
  public static ReadConsistency atLeast(int n, Duration timeout) {
    return new ReadConsistency(ConsistencyLevel.waiting(ConsistencyLevel.Kind.AT_LEAST, n, timeout));
  }

  /**
   * The states of a majority of the replica set, {@code N/2 + 1} of its {@code N} members, this node included.
   *
   * @param timeout how long to wait for them; positive, not null
   * @return the level
   * @throws IllegalArgumentException if {@code timeout} is not positive
   * @throws NullPointerException     if {@code timeout} is null
   */
  public static ReadConsistency majority(Duration timeout) {
    return new ReadConsistency(ConsistencyLevel.waiting(ConsistencyLevel.Kind.MAJORITY, 1, timeout));
  }

  /**
   * The states of every member of the replica set: a member that crashed or is partitioned away makes it time out
   * until the member is back or retired.
   *
   * @param timeout how long to wait for them; positive, not null
   * @return the level
   * @throws IllegalArgumentException if {@code timeout} is not positive
   * @throws NullPointerException     if {@code timeout} is null
   */
  public static ReadConsistency all(Duration timeout) {
    return new ReadConsistency(ConsistencyLevel.waiting(ConsistencyLevel.Kind.ALL, 1, timeout));
  }

  /**
   * How long the read's stage waits for the members' states.
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
    return other instanceof ReadConsistency that && level.equals(that.level);
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
