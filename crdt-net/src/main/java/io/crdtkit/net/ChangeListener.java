package io.crdtkit.net;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Told after every change of a replicated value: a local update (on the updating thread) or something merged from
 * another node (on the node's protocol thread). Keep it short; an exception it throws is logged and ignored.
 *
 * @param <S> the CRDT type
 */
@API(status = EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface ChangeListener<S> {

  /**
   * The value is now {@code state}; {@code local} tells whether this node's own update made the change.
   *
   * @param state the key's state just after the change, never null; immutable, so it may be kept. Listeners run
   *              outside the key's lock: the key may have changed again by the time one runs.
   * @param local true for an update made through this node's {@link Replicated#update}, false for something merged
   *              from another node
   */
  void changed(S state, boolean local);
}
