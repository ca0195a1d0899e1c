package io.crdtkit;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.VectorClock;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What garbage collection (crdt-gc's GC.md) keeps in a causal state beside its dots, as codecs and snapshots need
 * it: the cuts it was collected at, the dots it has <em>delivered</em> when they differ from the dots it has seen,
 * and whether it is a delta. Not for applications: a state's value never depends on it.
 *
 * @param stableCut   the stable cut it was collected at (empty if never); within what it has seen
 * @param collapseCut the collapse cut it was collected at; within the stable cut
 * @param delivered   the dots whose updates it holds the effect of, or {@code null} if that is every dot it has
 *                    seen (GC.md, rule 3)
 * @param delta       whether it is a delta (a join of deltas keeps the elements a remove names; see
 *                    {@link ORSet.Parts#removed()})
 */
@API(status = INTERNAL, since = "0.1")
public record GcMetadata(VectorClock stableCut, VectorClock collapseCut, @Nullable CausalContext delivered,
    boolean delta) {

  /** A whole state never collected, that has delivered everything it has seen. */
  public static final GcMetadata NONE = new GcMetadata(VectorClock.empty(), VectorClock.empty(), null, false);

  /**
   * The metadata, checked for nulls.
   *
   * @param stableCut   the stable cut the state was collected at; empty if never
   * @param collapseCut the collapse cut it was collected at; within the stable cut
   * @param delivered   the dots whose updates it holds the effect of; {@code null} if every dot it has seen
   * @param delta       whether it is a delta
   * @throws NullPointerException if a cut is null
   */
  public GcMetadata {
    Objects.requireNonNull(stableCut, "stable cut");
    Objects.requireNonNull(collapseCut, "collapse cut");
  }

  static GcMetadata of(CausalState<?> state) {
    CausalContext delivered = state.delivered() == state.context() ? null : state.delivered();
    return new GcMetadata(state.cuts().stable(), state.cuts().collapse(), delivered, state.partial());
  }
}
