package io.crdtkit;

import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;

/**
 * A dot store together with the causal context of the replica that holds it: the whole state of a causal CRDT.
 * Every dot in the store is in the context; the context also remembers the dots that were removed.
 */
record CausalState<S extends DotStore<S>>(S store, CausalContext context) {

  static <S extends DotStore<S>> CausalState<S> empty(S emptyStore) {
    return new CausalState<>(emptyStore, CausalContext.empty());
  }

  /**
   * The delta of an update that minted {@code minted}, holds {@code store}, and replaces the {@code observed}
   * dots it has seen (so that a join removes them).
   */
  static <S extends DotStore<S>> CausalState<S> delta(S store, Iterable<Dot> observed, Dot minted) {
    return new CausalState<>(store, CausalContext.empty().addAll(observed).add(minted));
  }

  /** The same, for an update that minted several dots. */
  static <S extends DotStore<S>> CausalState<S> delta(S store, Iterable<Dot> observed, Iterable<Dot> minted) {
    return new CausalState<>(store, CausalContext.empty().addAll(observed).addAll(minted));
  }

  /** A delta that removes every one of {@code observed} and adds nothing. */
  static <S extends DotStore<S>> CausalState<S> removal(S emptyStore, Iterable<Dot> observed) {
    return new CausalState<>(emptyStore, CausalContext.empty().addAll(observed));
  }

  /** The join; {@code this} when {@code other} adds nothing. */
  CausalState<S> join(CausalState<S> other) {
    if (other == this) {
      return this;
    }
    S joinedStore = store.join(other.store, context, other.context);
    CausalContext joinedContext = context.merge(other.context);
    return joinedStore == store && joinedContext == context ? this : new CausalState<>(joinedStore, joinedContext);
  }

  boolean isLessOrEqual(CausalState<S> other) {
    return context.isLessOrEqual(other.context) && join(other).equals(other);
  }

  /** This state after a local update that holds {@code newStore} and minted {@code dot}. */
  CausalState<S> withMinted(S newStore, Dot dot) {
    return new CausalState<>(newStore, context.add(dot));
  }

  /** The same, for an update that minted several dots. */
  CausalState<S> withMinted(S newStore, Iterable<Dot> minted) {
    return new CausalState<>(newStore, context.addAll(minted));
  }

  /** This state, having also seen {@code seen}. */
  CausalState<S> withContext(CausalContext seen) {
    CausalContext merged = context.merge(seen);
    return merged == context ? this : new CausalState<>(store, merged);
  }

  /** This state holding {@code newStore}; nothing minted, the context is unchanged. */
  CausalState<S> withStore(S newStore) {
    return newStore == store ? this : new CausalState<>(newStore, context);
  }
}
