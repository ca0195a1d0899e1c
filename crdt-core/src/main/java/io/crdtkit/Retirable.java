package io.crdtkit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.crdtkit.clock.ReplicaId;
import org.apiguardian.api.API;

/**
 * A CRDT that can fold away the entries of a retired replica (crdt-gc's GC.md §4): after retirement its clocks and
 * contexts hold the live replicas and one heir entry, not one entry per replica that ever existed.
 *
 * <p>Call it only on a whole state that holds every update of {@code retired} (the retirement protocol waits for
 * that): then every replica computes the same fold, and states folded on different replicas merge as if the
 * retired replica had been the heir all along. Older states (a stale snapshot, a late message) are folded the
 * same way before they are merged; deltas from before the retirement are refused instead, since they do not carry
 * the heir's position.
 *
 * @param <S> the implementing type itself
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface Retirable<S extends Retirable<S>> {

  /**
   * This state with {@code retired}'s entries folded into {@code heir}: counters add its count to the heir's entry;
   * causal types count its missing dots as seen and rename its dots into a block of the heir's dots. {@code this}
   * if it mentions {@code retired} nowhere.
   *
   * @param retired the replica that retires; this state must hold every update it made
   * @param heir    the replica whose entry takes over the retired one's
   * @return the folded state
   */
  S retire(ReplicaId retired, ReplicaId heir);
}
