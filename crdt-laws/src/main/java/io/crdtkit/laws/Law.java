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

  /**
   * The law's name, as reports print it and {@link LawReport#broke} takes it.
   *
   * @return the name, e.g. {@code merge is commutative}
   */
  String name();

  /**
   * Checks the law on {@code scenario}; returns normally when it holds.
   *
   * @param description the type under test
   * @param scenario    the generated input: a history, a burst of operations and a seed for the law's choices
   * @throws LawViolation if the law does not hold for this scenario
   */
  void check(CrdtDescription<S> description, Scenario<S> scenario);
}
