/**
 * Logical time for replicated data: replica identities, dots, vector clocks, causal contexts and a hybrid
 * logical clock.
 *
 * <p>Everything here is an immutable value except {@link io.crdtkit.clock.HybridLogicalClock}, which is the
 * one thread-safe stateful service a replica keeps.
 */
@NullMarked
package io.crdtkit.clock;

import org.jspecify.annotations.NullMarked;
