package io.crdtkit;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * A state-based CRDT: an immutable value in a join-semilattice.
 *
 * <p>Implementations guarantee, for all reachable states {@code x, y, z}:
 * <ul>
 *   <li>{@code x.merge(y).equals(y.merge(x))} (commutative),
 *   <li>{@code x.merge(y.merge(z)).equals(x.merge(y).merge(z))} (associative),
 *   <li>{@code x.merge(x).equals(x)} (idempotent),
 *   <li>{@code x.isLessOrEqual(y) == x.merge(y).equals(y)} (the order is the one merge defines).
 * </ul>
 * so replicas that have received the same updates, in any order and any number of times, hold equal states.
 *
 * @param <S> the implementing type itself
 */
@API(status = STABLE, since = "0.1")
public interface Crdt<S extends Crdt<S>> {

  /**
   * The least state that includes both this one and {@code other}. Returns {@code this} (the same instance)
   * when {@code other} adds nothing, which makes re-delivered and stale states cheap.
   *
   * @param other a state of the same type: a whole state, a delta or a delta group
   * @return the join of the two states; {@code this} if {@code other} adds nothing
   */
  S merge(S other);

  /**
   * Whether {@code other} already includes everything this state includes, i.e. whether
   * {@code this.merge(other).equals(other)}.
   *
   * @param other a state of the same type
   * @return {@code true} if this state is at or below {@code other} in the order merge defines
   */
  default boolean isLessOrEqual(S other) {
    return merge(other).equals(other);
  }
}
