package io.crdtkit;

import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;

/**
 * What every causal type does the same way: it is an immutable wrapper around one state value ({@link State}), and
 * merging, ordering, retiring, renaming, collecting, equality and hashing all delegate to that value. A type adds
 * its mutators, its value and how it prints; this class holds the delegation once (Java's answer to a trait).
 *
 * <p>The methods are final: a type that needs to do one of them differently does not belong here. Being final, they
 * are also public members of each public subclass as they stand, without a bridge method per type.
 *
 * @param <S> the implementing type itself
 * @param <T> the state it wraps
 */
abstract class CausalType<S extends CausalType<S, T>, T extends CausalType.State<T>>
    implements CausalCrdt<S>, Collectable<S>, Retirable<S> {

  /**
   * The state behind a causal type: a join-semilattice value that knows what it has seen. {@link CausalState} is the
   * one for dot stores.
   *
   * @param <T> the implementing type itself
   */
  interface State<T> {

    /** Every dot seen. */
    CausalContext context();

    /** The gap-free prefix of the updates whose effects it holds (see {@link Collectable#progress()}). */
    VectorClock progress();

    /** The join; {@code this} when {@code other} adds nothing. */
    T join(T other);

    /** Whether {@code other} includes this state. */
    boolean isLessOrEqual(T other);

    /** This state having also seen {@code seen} (see {@link CausalCrdt#withContext}). */
    T withContext(CausalContext seen);

    /** This state with the dots of {@code from} renamed to {@code (to, offset + n)}. */
    T rename(ReplicaId from, ReplicaId to, long offset);

    /** This state with {@code retired} folded into {@code heir} (see {@link Retirable}). */
    T retire(ReplicaId retired, ReplicaId heir);

    /** This state collected at the garbage collector's cuts (see {@link Collectable#collect}). */
    T collect(VectorClock stableCut, VectorClock collapseCut);

    /** This state without what a delta mutator's delta remembers ({@link OwnDelta}); {@code this} if nothing. */
    T withoutOwnDelta();
  }

  final T state;

  CausalType(T state) {
    this.state = state;
  }

  /** A new value of the implementing type holding {@code next} (and whatever configuration this one has). */
  abstract S with(T next);

  /** This value holding {@code next}; {@code this} if it is the same state, so that no-op updates stay cheap. */
  @SuppressWarnings("unchecked")
  final S wrap(T next) {
    return next == state ? (S) this : with(next);
  }

  /** This value without what a delta mutator's delta remembers ({@link OwnDelta#forget}). */
  final S withoutOwnDelta() {
    return wrap(state.withoutOwnDelta());
  }

  /**
   * Every dot this value has seen, removed ones included.
   *
   * @return the causal context: compact (one counter per replica) while updates arrive in order
   */
  @Override
  public final CausalContext context() {
    return state.context();
  }

  /**
   * The gap-free prefix of the updates whose effects this value holds, which its replica's stability reports
   * tell; not the prefix of what it has merely seen (crdt-gc's GC.md, rule 3).
   *
   * @return one counter per replica
   */
  @Override
  public final VectorClock progress() {
    return state.progress();
  }

  /**
   * This value with what the garbage collector's cuts allow reclaimed: stable tombstones dropped and, for types that
   * keep a collapsed presence, stable updates folded into one without dots (crdt-gc's GC.md). Equal in value to
   * this one, and merges the same way.
   *
   * @param stableCut   every dot at or below it has been merged by every replica
   * @param collapseCut every replica knows that every dot at or below it is stable; at or below {@code stableCut}
   * @return the collected value; {@code this} if there is nothing to reclaim
   */
  @Override
  public final S collect(VectorClock stableCut, VectorClock collapseCut) {
    return wrap(state.collect(stableCut, collapseCut));
  }

  /**
   * This value with every dot of {@code from} renamed to {@code (to, offset + n)}, held dots, context and cuts alike.
   *
   * @param from   the replica whose dots are renamed
   * @param to     the replica they are renamed to
   * @param offset where the block of renamed counters starts; dot {@code n} becomes {@code offset + n}
   * @return the renamed value; {@code this} if it holds no dot of {@code from}
   */
  @Override
  public final S renameReplica(ReplicaId from, ReplicaId to, long offset) {
    return wrap(state.rename(from, to, offset));
  }

  /**
   * This value with {@code retired} folded into {@code heir}: the retired replica's missing dots count as seen, and
   * its dots are renamed into a block of the heir's that starts where the heir's prefix ends.
   *
   * @param retired the replica that retires; every update of it must be merged here already
   * @param heir    the replica that takes over its entries
   * @return the folded value
   */
  @Override
  public final S retire(ReplicaId retired, ReplicaId heir) {
    return wrap(state.retire(retired, heir));
  }

  /**
   * This value, having also seen every dot of {@code seen}; it holds exactly the same dots.
   *
   * @param seen dots that cannot belong to this value on another replica (an {@link ORMap} passes its own context)
   * @return the value with the larger context; {@code this} if it had seen them all
   */
  @Override
  public final S withContext(CausalContext seen) {
    return wrap(state.withContext(seen));
  }

  /**
   * The join of this value and {@code other}: the least value that includes both.
   *
   * @param other a value of the same type, a whole state or a delta
   * @return the join; {@code this} (the same instance) if {@code other} adds nothing
   */
  @Override
  public final S merge(S other) {
    return wrap(state.join(other.state));
  }

  /**
   * Whether {@code other} already includes everything this value includes, i.e. whether merging this value into
   * {@code other} leaves it equal.
   *
   * @param other a value of the same type
   * @return {@code true} if this value is at or below {@code other} in the order merge defines
   */
  @Override
  public final boolean isLessOrEqual(S other) {
    return state.isLessOrEqual(other.state);
  }

  /**
   * Whether {@code o} is a value of the same type with an equal state: the same held dots (and what they carry),
   * the same context and the same cuts. What a state has delivered, and whether it is a delta, are bookkeeping for
   * garbage collection and no part of equality.
   *
   * @param o any object
   * @return {@code true} if {@code o} is an equal value of the same type
   */
  @Override
  public final boolean equals(Object o) {
    return o != null && o.getClass() == getClass() && state.equals(((CausalType<?, ?>) o).state);
  }

  /**
   * A hash consistent with {@link #equals}.
   *
   * @return the state's hash
   */
  @Override
  public final int hashCode() {
    return state.hashCode();
  }
}
