package io.crdtkit.laws;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.crdtkit.Crdt;
import java.util.List;
import java.util.Random;
import org.apiguardian.api.API;

/**
 * One generated input to the laws: a history, a burst of further operations (for the delta laws), and a seed for
 * the choices a law makes (which held states to combine, in which order to deliver). Every part shrinks.
 *
 * @param <S> the CRDT type
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Scenario<S extends Crdt<S>>(History<S> history, List<Operation<S>> burst, long choices) {

  /**
   * A scenario; {@code burst} is copied.
   *
   * @param history the history whose states the laws combine
   * @param burst   further operations, for the delta laws; none null
   * @param choices the seed of the choices a law makes
   */
  public Scenario {
    burst = List.copyOf(burst);
  }

  /** A fresh random source for this scenario's choices: the same scenario always chooses the same way. */
  Random random() {
    return new Random(choices);
  }

  @Override
  public String toString() {
    return history + "\n  burst " + burst + ", choices " + choices;
  }
}
