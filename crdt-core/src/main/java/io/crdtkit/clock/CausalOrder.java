package io.crdtkit.clock;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * How two causal histories relate. Not a total order, which is why it is an enum and not a
 * {@link Comparable}: two histories are often {@link #CONCURRENT}.
 */
@API(status = STABLE, since = "0.1")
public enum CausalOrder {
  /** The left history happened before the right one: the right one has seen all of it, and more. */
  BEFORE,
  /** The left history happened after the right one. */
  AFTER,
  /** Same history. */
  EQUAL,
  /** Each history has events the other has not seen. */
  CONCURRENT;

  /**
   * The relation seen from the other side: BEFORE and AFTER swap.
   *
   * @return {@code AFTER} for {@code BEFORE}, {@code BEFORE} for {@code AFTER}, this relation otherwise
   */
  public CausalOrder reversed() {
    return switch (this) {
      case BEFORE -> AFTER;
      case AFTER -> BEFORE;
      default -> this;
    };
  }
}
