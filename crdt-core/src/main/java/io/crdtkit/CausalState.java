package io.crdtkit;

import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;

/**
 * A dot store together with the causal context of the replica that holds it: the whole state of a causal CRDT.
 * Every dot in the store is in the context; the context also remembers the dots that were removed. A state also
 * knows the garbage collector's cuts it has been collected at ({@link Cuts#NONE} without GC).
 *
 * <p>A <em>partial</em> state is a delta (or a join of deltas): it carries the cuts of the state it was made on,
 * which speak for its entries beyond its small context (GC.md, refinement 6). Whole states never claim cuts beyond
 * what they have seen: joining a delta into a state keeps only the part of its cuts the state has seen (a blank
 * replica that merges a delta has not seen what the delta's cuts cover). The flag is not part of equality.
 */
record CausalState<S extends DotStore<S>>(S store, CausalContext context, Cuts cuts, boolean partial) {

  CausalState(S store, CausalContext context) {
    this(store, context, Cuts.NONE, false);
  }

  CausalState(S store, CausalContext context, Cuts cuts) {
    this(store, context, cuts, false);
  }

  static <S extends DotStore<S>> CausalState<S> empty(S emptyStore) {
    return new CausalState<>(emptyStore, CausalContext.empty());
  }

  /**
   * The delta of an update made on this state that minted {@code minted}, holds {@code store}, and replaces the
   * {@code observed} dots it has seen (so that a join removes them). It carries this state's cuts: a receiver that
   * still holds a stable dot of the same entry learns that the updater had seen it (and dropped it).
   */
  CausalState<S> delta(S store, Iterable<Dot> observed, Dot minted) {
    return new CausalState<>(store, CausalContext.empty().addAll(observed).add(minted), cuts, true);
  }

  /** The same, for an update that minted several dots. */
  CausalState<S> delta(S store, Iterable<Dot> observed, Iterable<Dot> minted) {
    return new CausalState<>(store, CausalContext.empty().addAll(observed).addAll(minted), cuts, true);
  }

  /**
   * The delta of a remove made on this state that observed {@code observed} and adds nothing. The remove's own dot
   * {@code minted} is in the context only: held by no store, it costs nothing once compacted, but it makes the
   * remove an event that stability reports account for (crdt-gc's GC.md, refinement 1).
   */
  CausalState<S> removal(S emptyStore, Iterable<Dot> observed, Dot minted) {
    return new CausalState<>(emptyStore, CausalContext.empty().addAll(observed).add(minted), cuts, true);
  }

  /** The join; {@code this} when {@code other} adds nothing. */
  CausalState<S> join(CausalState<S> other) {
    if (other == this) {
      return this;
    }
    boolean joinedPartial = partial && other.partial;
    JoinSides sides = JoinSides.of(context, other.context, cuts, other.cuts, joinedPartial);
    S joinedStore = store.join(other.store, sides);
    CausalContext joinedContext = context.merge(other.context);
    Cuts joinedCuts = sides.joinedCuts().equals(cuts) ? cuts : sides.joinedCuts();
    return joinedStore == store && joinedContext == context && joinedCuts == cuts && joinedPartial == partial
        ? this
        : new CausalState<>(joinedStore, joinedContext, joinedCuts, joinedPartial);
  }

  boolean isLessOrEqual(CausalState<S> other) {
    return context.isLessOrEqual(other.context) && join(other).equals(other);
  }

  /** This state after a local update that holds {@code newStore} and minted {@code dot}. */
  CausalState<S> withMinted(S newStore, Dot dot) {
    return new CausalState<>(newStore, context.add(dot), cuts, partial);
  }

  /** The same, for an update that minted several dots. */
  CausalState<S> withMinted(S newStore, Iterable<Dot> minted) {
    return new CausalState<>(newStore, context.addAll(minted), cuts, partial);
  }

  /** This state, having also seen {@code seen}. */
  CausalState<S> withContext(CausalContext seen) {
    CausalContext merged = context.merge(seen);
    return merged == context ? this : new CausalState<>(store, merged, cuts, partial);
  }

  /** This state with the dots of {@code from} renamed to {@code (to, offset + n)}, in the store and the context. */
  CausalState<S> rename(ReplicaId from, ReplicaId to, long offset) {
    CausalContext renamedContext = context.rename(from, to, offset);
    Cuts renamedCuts = cuts.rename(from, to, offset);
    // The renamed cuts may now cover dots the heir had not collapsed yet: a store is kept collapsed at its cuts.
    S renamedStore = store.renameDots(from, to, offset).collapse(renamedCuts);
    return renamedStore == store && renamedContext == context && renamedCuts.equals(cuts)
        ? this
        : new CausalState<>(renamedStore, renamedContext, renamedCuts, partial);
  }

  /**
   * This state with {@code retired} folded into {@code heir}: its missing dots count as seen (they were lost with
   * it), then its dots are renamed into the heir's block, which starts where the heir's prefix ends. Every replica
   * that holds all of {@code retired}'s updates computes the same block, so the renaming is the same everywhere.
   */
  CausalState<S> retire(ReplicaId retired, ReplicaId heir) {
    CausalContext filled = context.fillGaps(retired);
    long offset = filled.vectorClock().get(heir);
    return new CausalState<>(store, filled, cuts, partial).rename(retired, heir, offset);
  }

  /** This state holding {@code newStore}; nothing minted, the context is unchanged. */
  CausalState<S> withStore(S newStore) {
    return newStore == store ? this : new CausalState<>(newStore, context, cuts, partial);
  }

  /**
   * This state collected at {@code stableCut} and {@code collapseCut}: it knows them from now on (they merge by
   * maximum), and its store drops and collapses what they allow. {@code this} if nothing changes.
   */
  CausalState<S> collect(VectorClock stableCut, VectorClock collapseCut) {
    Cuts raised = cuts.merge(new Cuts(stableCut, collapseCut)).within(context.vectorClock());
    S collected = store.collapse(raised);
    return raised == cuts && collected == store && !partial
        ? this
        : new CausalState<>(collected, context, raised, false);
  }

  /** Equal stores, contexts and cuts; whether it is a delta is no part of the value. */
  @Override
  public boolean equals(Object o) {
    return o instanceof CausalState<?> other && store.equals(other.store) && context.equals(other.context)
        && cuts.equals(other.cuts);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(store, context, cuts);
  }
}
