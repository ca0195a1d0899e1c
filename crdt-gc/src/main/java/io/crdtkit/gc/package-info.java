/**
 * Garbage collection of CRDT metadata at causal stability: which dots every replica has merged (the stable cut),
 * which every replica knows to be stable (the collapse cut), replica membership and retirement, and the policy
 * that applies the core types' pruning hooks. The design and its safety argument are in the module's GC.md.
 */
@NullMarked
package io.crdtkit.gc;

import org.jspecify.annotations.NullMarked;
