package io.crdtkit;

import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.VectorClock;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;

/** Checks for the garbage-collection parts of a state being rebuilt by a factory (decoders, snapshots). */
final class GcParts {

  private GcParts() {}

  /**
   * The cuts a rebuilt state was collected at, checked: a collapse cut within the stable cut, and the stable cut
   * within what the state has seen (a delta carries none: GC.md, rule 5).
   */
  static Cuts cuts(String type, CausalContext context, GcMetadata gc) {
    VectorClock stableCut = gc.stableCut();
    VectorClock collapseCut = gc.collapseCut();
    if (!collapseCut.isLessOrEqual(stableCut)) {
      throw new IllegalArgumentException(type + ": collapse cut " + collapseCut + " is beyond the stable cut "
          + stableCut);
    }
    if (!stableCut.isLessOrEqual(context.vectorClock())) {
      throw new IllegalArgumentException(type + ": stable cut " + stableCut + " is beyond what the state has seen "
          + context.vectorClock());
    }
    if (gc.delta() && !stableCut.isEmpty()) {
      throw new IllegalArgumentException(type + ": a delta carries no cuts (it has " + stableCut + ")");
    }
    return stableCut.isEmpty() && collapseCut.isEmpty() ? Cuts.NONE : new Cuts(stableCut, collapseCut);
  }

  /** The rebuilt state, its store collapsed at its cuts, after checking what it has delivered. */
  static <S extends DotStore<S>> CausalState<S> state(String type, S store, CausalContext context, Cuts cuts,
      GcMetadata gc) {
    CausalContext delivered = gc.delivered() == null ? context : gc.delivered();
    if (!delivered.isLessOrEqual(context)) {
      throw new IllegalArgumentException(type + ": delivered dots " + delivered + " beyond what the state has seen "
          + context);
    }
    return new CausalState<>(store.collapse(cuts), context, delivered, cuts, gc.delta());
  }

  /**
   * Checks that a rebuilt state with collapsed presences has a collapse cut: a collapsed presence stands for adds
   * at or below it, and a join decides from the cut whether the other side removed them (GC.md §2).
   */
  static void requireCollapseCutFor(String type, boolean collapsed, Cuts cuts) {
    if (collapsed && cuts.collapse().isEmpty()) {
      throw new IllegalArgumentException(type + ": collapsed (stable) presence without a collapse cut");
    }
  }

  /**
   * The dots listed for {@code owner}, claimed; if {@code listed}, at least one (an entry listed with no dots is a
   * malformed state, not an empty one).
   */
  static DotSet dots(DotClaims claims, String owner, Option<? extends Iterable<Dot>> dots, boolean listed) {
    if (!listed) {
      return DotSet.EMPTY;
    }
    Iterable<Dot> claimed = claims.claim(owner, dots.get(), true);
    return new DotSet(TreeSet.ofAll(claimed));
  }
}
