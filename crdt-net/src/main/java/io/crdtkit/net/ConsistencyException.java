package io.crdtkit.net;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * A read or a write at a {@link WriteConsistency} or {@link ReadConsistency} level did not reach the members it
 * needed: its timeout passed, refusals left too few members to answer, or the level asked for more members than the
 * replica set has. The message names the key, the level, how many members answered of how many needed, and why the
 * others did not. A write's update stays applied here (and spreads as every update does); a read's replies stay
 * merged.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public final class ConsistencyException extends RuntimeException {

  /** The key read or written. */
  private final String key;
  /** The members that answered, this node included. */
  private final int answered;
  /** The members the level needed, this node included. */
  private final int needed;

  ConsistencyException(String key, int answered, int needed, String message) {
    super(message);
    this.key = key;
    this.answered = answered;
    this.needed = needed;
  }

  /**
   * The key that was read or written.
   *
   * @return its name
   */
  public String key() {
    return key;
  }

  /**
   * How many members held the update (a write) or sent their state (a read) in time, this node included.
   *
   * @return at least 1: this node
   */
  public int answered() {
    return answered;
  }

  /**
   * How many members the level needed, this node included.
   *
   * @return more than {@link #answered()}
   */
  public int needed() {
    return needed;
  }
}
