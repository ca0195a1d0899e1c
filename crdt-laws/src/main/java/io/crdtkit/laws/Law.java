package io.crdtkit.laws;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.crdtkit.Crdt;
import org.apiguardian.api.API;

/**
 * One law of the kit: a name and a check of one scenario, which throws {@link LawViolation} when the law does not
 * hold. The laws are in {@link Laws}.
 *
 * @param <S> the CRDT type
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface Law<S extends Crdt<S>> {

  String name();

  /** Checks the law on {@code scenario}; returns normally when it holds. */
  void check(CrdtDescription<S> description, Scenario<S> scenario);
}
