/**
 * A law kit for CRDTs: describe a type in a few lines ({@link io.crdtkit.laws.CrdtDescription}) and check that it is
 * a join-semilattice whose deltas and replicas behave, either as JUnit tests, one per law (extend
 * {@link io.crdtkit.laws.CrdtLawProperties}), or programmatically ({@link io.crdtkit.laws.LawChecker}); both draw
 * their inputs from jqwik's generators, and a seed means the same to both.
 *
 * <p>Also a deterministic network simulator ({@link io.crdtkit.laws.Simulation}): replicas, delta and state
 * gossip over a network that drops, duplicates, reorders and partitions, crashes that lose state, all from one
 * seed.
 */
@NullMarked
package io.crdtkit.laws;

import org.jspecify.annotations.NullMarked;
