/**
 * Immutable, state-based CRDTs with delta mutators.
 *
 * <p>Every type is an immutable value: a mutator returns a new state (or the same instance when nothing
 * changed), {@code merge} is a join (commutative, associative, idempotent), and {@code equals} compares the
 * whole state, metadata included. Every mutator has a {@code delta...} form that returns the small state that,
 * merged in, performs the mutation; send deltas instead of whole states when you can. Mutators that mint dots
 * take the replica id explicitly.
 *
 * <p>Choosing a type: counters ({@link io.crdtkit.GCounter}, {@link io.crdtkit.PNCounter}); sets
 * ({@link io.crdtkit.GSet}, {@link io.crdtkit.TwoPhaseSet}, {@link io.crdtkit.ORSet} add-wins,
 * {@link io.crdtkit.RWSet} remove-wins); registers ({@link io.crdtkit.LWWRegister},
 * {@link io.crdtkit.MVRegister}); flags ({@link io.crdtkit.EWFlag}, {@link io.crdtkit.DWFlag}); maps
 * ({@link io.crdtkit.ORMap} of nested CRDTs, {@link io.crdtkit.LWWMap}).
 */
@NullMarked
package io.crdtkit;

import org.jspecify.annotations.NullMarked;
