package io.crdtkit;

import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A dot store together with the causal context of the replica that holds it: the whole state of a causal CRDT.
 * Every dot in the store is in the context; the context also remembers the dots that were removed.
 *
 * <p>Two more things serve garbage collection (crdt-gc's GC.md):
 * <ul>
 *   <li>{@code delivered}, the dots whose updates this state holds the effect of. The context also has the dots a
 *       merged delta only <em>observed</em>: a delta carries the dots its update replaced, and a receiver learns of
 *       them before, or without, the updates that made them (deltas from different senders arrive in any order).
 *       Stability counts what a replica has delivered, never what it has merely heard of (GC.md, rule 3). It is
 *       the context itself (the same instance) whenever the two agree, as they do in every state that merged whole
 *       states and in-order deltas only.
 *   <li>{@code cuts}, the garbage collector's cuts the state has been collected at ({@link Cuts#NONE} without GC).
 *       Only whole states carry cuts: a cut is true of any state that includes the state that carries it, never of
 *       a state that merged a mere delta from it (GC.md, rule 5).
 * </ul>
 *
 * <p>A <em>partial</em> state is a delta or a join of deltas; the flag keeps a remove's named keys (a hint for the
 * receiver, see {@link DotMap}) while deltas join. A delta just made by a delta mutator also remembers the state it
 * was made from and the state its update makes ({@link OwnDelta}), so that merging it back into that state costs
 * nothing more. Neither the flag nor {@code delivered} is part of equality (see {@link #equals}).
 */
final class CausalState<S extends DotStore<S>> implements CausalType.State<CausalState<S>> {

  private final S store;
  private final CausalContext context;
  private final CausalContext delivered;
  private final Cuts cuts;
  /**
   * Null for a whole state; {@link #DELTAS} for a delta or a join of deltas; the {@link OwnDelta} of a delta a delta
   * mutator just made. One field for both, so that the shortcut costs a whole state no memory.
   */
  private final @Nullable Object partial;

  /** The mark of a partial state that is not an own delta. */
  private static final Object DELTAS = new Object();

  CausalState(S store, CausalContext context, CausalContext delivered, Cuts cuts, boolean partial) {
    this(store, context, delivered, cuts, partial ? DELTAS : null);
  }

  private CausalState(S store, CausalContext context, CausalContext delivered, Cuts cuts, @Nullable Object partial) {
    this.store = store;
    this.context = context;
    this.delivered = delivered.equals(context) ? context : delivered;
    this.cuts = cuts;
    this.partial = partial;
  }

  /** A whole state that has delivered everything it has seen. */
  CausalState(S store, CausalContext context) {
    this(store, context, context, Cuts.NONE, false);
  }

  static <S extends DotStore<S>> CausalState<S> empty(S emptyStore) {
    return new CausalState<>(emptyStore, CausalContext.empty());
  }

  S store() {
    return store;
  }

  @Override
  public CausalContext context() {
    return context;
  }

  /** The dots whose updates this state holds the effect of (see the class comment); within the context. */
  CausalContext delivered() {
    return delivered;
  }

  /** The gap-free prefix of what it has delivered: what its replica's stability reports say (GC.md, rule 3). */
  @Override
  public VectorClock progress() {
    return delivered.vectorClock();
  }

  Cuts cuts() {
    return cuts;
  }

  boolean partial() {
    return partial != null;
  }

  /**
   * The delta of an update made on this state that minted {@code minted}, holds {@code store}, and replaces the
   * {@code observed} dots it has seen (so that a join removes them). It delivers only what it minted, and carries
   * no cuts (what it observed beyond the dots it lists, its entries say with a floor: GC.md, rule 6). It remembers
   * that merged into this state it makes {@code result}, what the update's plain mutator made on this state (see
   * {@link OwnDelta}). A remove's delta holds an empty store: its own dot is in the context only, where it costs
   * nothing once compacted but makes the remove an event that stability reports account for (GC.md, rule 1).
   */
  CausalState<S> delta(S store, Iterable<Dot> observed, Dot minted, CausalState<S> result) {
    CausalContext delivered = CausalContext.empty().add(minted);
    // An add of a new element observes nothing: one context serves as both (and skips comparing them).
    CausalContext context = observed.iterator().hasNext() ? delivered.addAll(observed) : delivered;
    return new CausalState<>(store, context, delivered, Cuts.NONE, new OwnDelta<>(this, result));
  }

  /** The same, for an update that minted several dots. */
  CausalState<S> delta(S store, Iterable<Dot> observed, Iterable<Dot> minted, CausalState<S> result) {
    return new CausalState<>(store, CausalContext.empty().addAll(observed).addAll(minted),
        CausalContext.empty().addAll(minted), Cuts.NONE, new OwnDelta<>(this, result));
  }

  /**
   * What a delta made on this state observes beyond the dots it lists (the floor of its entry, GC.md, rule 6): once
   * garbage collection has run here, the entry may have dropped dots (stable tombstones) or hold adds only as a
   * collapsed presence, which the delta cannot list; so it claims everything this state has seen. Nothing without
   * GC: then a delta lists every dot it observed.
   */
  VectorClock deltaFloor() {
    return cuts == Cuts.NONE ? VectorClock.empty() : context.vectorClock();
  }

  /** The join; {@code this} when {@code other} adds nothing. */
  @Override
  public CausalState<S> join(CausalState<S> other) {
    if (other == this) {
      return this;
    }
    CausalState<S> ownResult = OwnDelta.resultOfMerging(other.partial, this);
    if (ownResult != null) {
      return ownResult;
    }
    boolean joinedPartial = partial() && other.partial();
    CausalContext joinedContext = context.merge(other.context);
    JoinSides sides = JoinSides.of(context, other.context, joinedContext, cuts, other.cuts, joinedPartial);
    S joinedStore = store.join(other.store, sides);
    CausalContext joinedDelivered = delivered == context && other.delivered == other.context
        ? joinedContext
        : delivered.merge(other.delivered);
    Cuts joinedCuts = sides.joinedCuts().equals(cuts) ? cuts : sides.joinedCuts();
    return joinedStore == store && joinedContext == context && joinedDelivered.equals(delivered)
        && joinedCuts == cuts && joinedPartial == partial()
        ? this
        : new CausalState<>(joinedStore, joinedContext, joinedDelivered, joinedCuts, joinedPartial);
  }

  @Override
  public boolean isLessOrEqual(CausalState<S> other) {
    return context.isLessOrEqual(other.context) && join(other).equals(other);
  }

  /** This state after a local update that holds {@code newStore} and minted {@code dot}. */
  CausalState<S> withMinted(S newStore, Dot dot) {
    CausalContext newContext = context.add(dot);
    return new CausalState<>(newStore, newContext, delivered == context ? newContext : delivered.add(dot), cuts,
        partial());
  }

  /** The same, for an update that minted several dots. */
  CausalState<S> withMinted(S newStore, Iterable<Dot> minted) {
    CausalContext newContext = context.addAll(minted);
    return new CausalState<>(newStore, newContext, delivered == context ? newContext : delivered.addAll(minted),
        cuts, partial());
  }

  /**
   * This state, having also seen {@code seen}. Used for values nested in an {@link ORMap}, whose map tracks what
   * it has delivered: the nested value counts the map's context as delivered too.
   */
  @Override
  public CausalState<S> withContext(CausalContext seen) {
    CausalContext merged = context.merge(seen);
    if (merged == context) {
      return this;
    }
    return new CausalState<>(store, merged, delivered == context ? merged : delivered.merge(seen), cuts, partial());
  }

  /** This state with the dots of {@code from} renamed to {@code (to, offset + n)}, in the store and the context. */
  @Override
  public CausalState<S> rename(ReplicaId from, ReplicaId to, long offset) {
    CausalContext renamedContext = context.rename(from, to, offset);
    CausalContext renamedDelivered = delivered == context ? renamedContext : delivered.rename(from, to, offset);
    Cuts renamedCuts = cuts.rename(from, to, offset);
    // The renamed cuts may now cover dots the heir had not collapsed yet: a store is kept collapsed at its cuts.
    S renamedStore = store.renameDots(from, to, offset).collapse(renamedCuts);
    return renamedStore == store && renamedContext == context && renamedDelivered == delivered
        && renamedCuts.equals(cuts)
        ? this
        : new CausalState<>(renamedStore, renamedContext, renamedDelivered, renamedCuts, partial());
  }

  /**
   * This state with {@code retired} folded into {@code heir}: its missing dots count as seen and delivered (they
   * were lost with it), then its dots are renamed into the heir's block, which starts where the heir's prefix ends.
   * Every replica that holds all of {@code retired}'s updates computes the same block, so the renaming is the same
   * everywhere.
   */
  @Override
  public CausalState<S> retire(ReplicaId retired, ReplicaId heir) {
    CausalContext filled = context.fillGaps(retired);
    CausalContext filledDelivered = delivered == context ? filled : delivered.fillGaps(retired);
    long offset = filled.vectorClock().get(heir);
    return new CausalState<>(store, filled, filledDelivered, cuts, partial()).rename(retired, heir, offset);
  }

  @Override
  public CausalState<S> withoutOwnDelta() {
    return partial instanceof OwnDelta<?> ? new CausalState<>(store, context, delivered, cuts, true) : this;
  }

  /** This state holding {@code newStore}; nothing minted, the context is unchanged. */
  CausalState<S> withStore(S newStore) {
    return newStore == store ? this : new CausalState<>(newStore, context, delivered, cuts, partial());
  }

  /**
   * This state collected at {@code stableCut} and {@code collapseCut}: it knows them from now on (they merge by
   * maximum), and its store drops and collapses what they allow. {@code this} if nothing changes. Only a whole
   * state is collected (a collected delta would claim cuts for states it is merged into: GC.md, rule 5).
   */
  @Override
  public CausalState<S> collect(VectorClock stableCut, VectorClock collapseCut) {
    Cuts raised = cuts.merge(new Cuts(stableCut, collapseCut)).within(context.vectorClock());
    if (raised.equals(cuts) && !partial()) {
      // The store is kept collapsed at its cuts (every join and rename collapses it; a local update mints a dot
      // above them): with the same cuts there is nothing to walk. A collector calls this after every update.
      return this;
    }
    return new CausalState<>(store.collapse(raised), context, delivered, raised, false);
  }

  /**
   * Equal stores, contexts and cuts. What a state has delivered, and whether it is a delta, are bookkeeping for
   * stability and for merging deltas, no part of the value: two states that hold and have seen the same dots are
   * equal, and order the same way under {@link #isLessOrEqual}, even while one of them still waits for the effects
   * of an update it has only heard of. A join that adds only to what is delivered returns a new (equal) state, so
   * that callers that watch for changes (the garbage collector) see it.
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof CausalState<?> other && store.equals(other.store) && context.equals(other.context)
        && cuts.equals(other.cuts);
  }

  @Override
  public int hashCode() {
    return Objects.hash(store, context, cuts);
  }
}
