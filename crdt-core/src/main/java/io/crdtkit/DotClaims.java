package io.crdtkit;

import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Checks a causal state being rebuilt from its parts (by a decoder, or from a snapshot): every dot is claimed by
 * one owner only, and every claimed dot is in the causal context. The invariants every merge relies on; a state
 * that breaks them would merge wrongly, silently, so it is refused with the rule it breaks.
 */
final class DotClaims {

  private final String type;
  private final CausalContext context;
  private final Map<Dot, Object> owners = new HashMap<>();

  DotClaims(String type, CausalContext context) {
    this.type = type;
    this.context = Objects.requireNonNull(context, type + " causal context");
  }

  /** Claims {@code dots} for {@code owner} (an element, a key, "enables"...); at least one if {@code required}. */
  <D extends Iterable<Dot>> D claim(Object owner, D dots, boolean required) {
    Objects.requireNonNull(dots, () -> type + " dots of " + owner);
    boolean any = false;
    for (Dot dot : dots) {
      claim(owner, dot);
      any = true;
    }
    if (required && !any) {
      throw new IllegalArgumentException(type + ": " + owner + " has no dots; every present entry needs one");
    }
    return dots;
  }

  void claim(Object owner, Dot dot) {
    Objects.requireNonNull(dot, () -> type + " dot of " + owner);
    if (!context.contains(dot)) {
      throw new IllegalArgumentException(type + ": " + owner + " holds dot " + dot
          + ", which is beyond its causal context " + context);
    }
    Object previous = owners.putIfAbsent(dot, owner);
    if (previous != null) {
      throw new IllegalArgumentException(type + ": dot " + dot + " is held twice, by " + previous + " and by " + owner);
    }
  }
}
