package io.crdtkit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.crdtkit.clock.VectorClock;
import org.apiguardian.api.API;

/**
 * A CRDT whose metadata the garbage collector (crdt-gc) can reclaim once it is causally stable. The type knows
 * <em>how</em> (which tombstones and tokens can go without changing any value or letting a stale copy back in); the
 * collector decides <em>when</em>, and computes the cuts. See crdt-gc's GC.md for the rules and why they are safe.
 *
 * @param <S> the implementing type itself
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface Collectable<S extends Collectable<S>> {

  /**
   * This state with what is reclaimable at these cuts reclaimed; the same value, and merging it anywhere keeps
   * everything merging the original would keep. {@code this} if there is nothing to reclaim.
   *
   * @param stableCut   every dot at or below it has been merged by every replica (and everything concurrent with
   *                    it by this one)
   * @param collapseCut every replica knows that every dot at or below it is stable
   * @return the collected state; {@code this} if there is nothing to reclaim
   */
  S collect(VectorClock stableCut, VectorClock collapseCut);

  /**
   * How many tombstones (remove tokens, deleted keys) this state holds: what collection reclaims.
   *
   * @return the number of tombstones; 0 once collection has reclaimed them all
   */
  int tombstones();

  /**
   * The gap-free prefix of the updates whose effects this state holds: its replica's progress, as its stability
   * reports tell it (GC.md, rule 3). Not always the prefix of what it has seen: a delta also carries the dots its
   * update replaced, and those updates' own deltas may not have arrived yet.
   *
   * @return one counter per replica: every update of it up to the counter has taken effect here
   */
  VectorClock progress();
}
