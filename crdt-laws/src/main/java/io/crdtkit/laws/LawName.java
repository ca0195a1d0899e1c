package io.crdtkit.laws;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * The kit's laws by name, so that code selects and asks about them with constants rather than strings
 * ({@code report.broke(LawName.MERGE_IS_IDEMPOTENT)}). {@link #text()} is the name a report prints and
 * {@link Law#name()} gives.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum LawName {
  /** {@code x merge y == y merge x}. */
  MERGE_IS_COMMUTATIVE("merge is commutative"),
  /** {@code (x merge y) merge z == x merge (y merge z)}. */
  MERGE_IS_ASSOCIATIVE("merge is associative"),
  /** {@code x merge x == x}, and merging a state again changes nothing. */
  MERGE_IS_IDEMPOTENT("merge is idempotent"),
  /** {@code x merge bottom == bottom merge x == x}. */
  BOTTOM_IS_THE_IDENTITY("bottom is the identity of merge"),
  /** {@code x <= y} exactly when {@code x merge y == y}. */
  ORDER_AGREES_WITH_MERGE("the order agrees with merge"),
  /** An update never moves a state down: the state is {@code <=} the updated one. */
  EVERY_UPDATE_INFLATES("every update inflates"),
  /** Merging an update's delta into a state gives what the full mutator gives. */
  DELTA_EQUALS_FULL_MUTATOR("merging a delta equals the full mutator"),
  /** Delta groups merged in any order, duplicates included, give the full-state merge. */
  DELTA_GROUPS_IN_ANY_ORDER("delta groups merged in any order equal the full-state merge"),
  /** Replicas that exchange states over a network that drops, duplicates and reorders end equal. */
  REPLICAS_CONVERGE("replicas converge under any delivery"),
  /** A state read back from its serialized form equals the state (only if a round trip is described). */
  ROUND_TRIP("states survive the round trip");

  private final String text;

  LawName(String text) {
    this.text = text;
  }

  /**
   * The law's name as reports print it.
   *
   * @return the name, e.g. {@code "merge is idempotent"}
   */
  public String text() {
    return text;
  }

  @Override
  public String toString() {
    return text;
  }
}
