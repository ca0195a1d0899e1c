package io.crdtkit;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * A CRDT whose mutators have delta forms (Almeida, Shoker and Baquero, <em>Delta State Replicated Data
 * Types</em>, 2018): for each mutator {@code m} there is a {@code deltaM} returning a small state {@code d} of
 * the same type with {@code x.merge(d).equals(m(x))}. Deltas are states, so they merge with each other into
 * delta groups; a delta group starts from {@link #bottom()}.
 *
 * @param <S> the implementing type itself
 */
@API(status = STABLE, since = "0.1")
public interface DeltaCrdt<S extends DeltaCrdt<S>> extends Crdt<S> {

  /**
   * The least state of this type (with the same configuration as this one, e.g. an ORMap's value type): the
   * identity of {@link #merge}, and the empty delta group.
   *
   * @return the bottom state; merging it into any state changes nothing
   */
  S bottom();
}
