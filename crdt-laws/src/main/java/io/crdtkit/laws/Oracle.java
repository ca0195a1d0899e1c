package io.crdtkit.laws;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * A type's specification: the value a replica must read given the causal history (which updates it received,
 * which updates each update's replica had received), computed without looking at the type's metadata. For
 * example, add-wins: an element is present iff some add of it was observed by no remove of it. Compared with
 * {@link CrdtDescription#valueOf} of the replica's state.
 *
 * @param <S> the CRDT type
 */
@API(status = EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface Oracle<S> {

  /**
   * The value a replica must read.
   *
   * @param history every update of the run and which of them the replica received
   * @return the expected value, compared with {@code equals} to {@link CrdtDescription#valueOf} of the replica's
   *     state
   */
  Object expectedValue(CausalHistory<S> history);
}
