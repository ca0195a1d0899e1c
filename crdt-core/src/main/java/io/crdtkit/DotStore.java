package io.crdtkit;

import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;

/**
 * The payload of a causal CRDT: a structure of dots that is joined <em>relative to the causal contexts</em> of
 * both sides (Almeida, Shoker and Baquero, <em>Delta State Replicated Data Types</em>, 2018, §6).
 *
 * <p>The one rule behind every implementation: a dot survives a join if both sides hold it, or if one side holds
 * it and the other side has never seen it. A dot that one side has seen but no longer holds was removed there,
 * and stays removed. That rule is what lets an observed remove win over the add it observed, and lets a
 * concurrent add (a dot the remover never saw) win over the remove.
 *
 * @param <S> the implementing type itself
 */
interface DotStore<S extends DotStore<S>> {

  /**
   * The join of this store with {@code other}, given what each side's replica has seen ({@code sides}). Returns
   * {@code this} when the result equals this store.
   */
  S join(S other, JoinSides sides);

  /** Whether the store holds no dot. */
  boolean isEmpty();

  /** Every dot held: what a remove of the whole store must observe. */
  Iterable<Dot> dots();

  /**
   * Every dot held, including those a remove does not observe (remove tokens): the dots whose being seen by the
   * other side of a join can change this store.
   */
  default Iterable<Dot> heldDots() {
    return dots();
  }

  /**
   * This store with what the garbage collector's {@code cuts} allow dropped or collapsed (only stores that keep a
   * collapsed presence do anything); {@code this} if nothing changes.
   */
  S collapse(Cuts cuts);

  /** This store with the dots of {@code from} renamed to {@code (to, offset + n)} (see CausalContext#rename). */
  S renameDots(ReplicaId from, ReplicaId to, long offset);

  /** The dot {@code dot} is after renaming {@code from} to {@code to} at {@code offset}. */
  static Dot renamed(Dot dot, ReplicaId from, ReplicaId to, long offset) {
    return dot.replica().equals(from) ? Dot.of(to, Math.addExact(offset, dot.counter())) : dot;
  }
}
