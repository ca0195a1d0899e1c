package io.crdtkit;

import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Whether a join can leave alone the keys the other side lacks. Such a key changes only when the other side has
 * seen one of its dots without holding it (it removed, overwrote or collected that write). A delta has seen
 * little: the dots it minted and those of the keys it carries. So when the other side's context is small enough
 * to enumerate, the join checks each dot it has seen that this side has seen too: if every one is held under one
 * of the keys the other side carries (on either side), no other key can change, and the join costs what the delta
 * holds rather than what this side holds. The test is exact, so no hint from the caller is trusted.
 */
final class SeenDots {

  /** A context this small is enumerated; a larger one is assumed to reach any key. */
  static final long ENUMERABLE = 64;

  private SeenDots() {}

  /**
   * Whether every dot of {@code seen} that {@code own} has seen too is among {@code heldUnderTheirKeys} (asked
   * only if {@code seen} is small); false if {@code seen} is too large to tell.
   */
  static boolean reachOnlyTheirKeys(CausalContext seen, CausalContext own,
      Supplier<? extends Iterable<Dot>> heldUnderTheirKeys) {
    if (seen.size() > ENUMERABLE) {
      return false;
    }
    Set<Dot> held = new HashSet<>();
    heldUnderTheirKeys.get().forEach(held::add);
    for (Dot dot : seen) {
      // a dot this side never saw is held by none of its keys
      if (own.contains(dot) && !held.contains(dot)) {
        return false;
      }
    }
    return true;
  }
}
