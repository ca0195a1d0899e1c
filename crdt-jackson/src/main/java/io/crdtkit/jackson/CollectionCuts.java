package io.crdtkit.jackson;

import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import java.util.List;
import java.util.Set;

/**
 * The cuts a collected state remembers (FORMAT.md, "Garbage-collection fields"): {@code "stableCut"} and
 * {@code "collapseCut"}, each written as counts and only when not empty, so a state that was never collected
 * encodes exactly as before; and {@code "delta"} for a delta that carries them.
 */
final class CollectionCuts {

  static final String STABLE = "stableCut";
  static final String COLLAPSE = "collapseCut";
  static final String DELTA = "delta";

  private VectorClock stable = VectorClock.empty();
  private VectorClock collapse = VectorClock.empty();
  private boolean delta;

  static void collectReplicas(VectorClock stableCut, VectorClock collapseCut, Set<ReplicaId> replicas) {
    stableCut.entries().keySet().forEach(replicas::add);
    collapseCut.entries().keySet().forEach(replicas::add);
  }

  /**
   * Writes the cuts; for a delta carrying cuts, also {@code "delta": true} (a delta's cuts reach beyond its own
   * context, which a whole state's may not).
   */
  static void write(VectorClock stableCut, VectorClock collapseCut, boolean delta, WireWriter out) {
    if (delta && !stableCut.isEmpty()) {
      out.name(DELTA);
      out.generator().writeBoolean(true);
    }
    if (!stableCut.isEmpty()) {
      out.name(STABLE);
      out.counts(stableCut.entries());
    }
    if (!collapseCut.isEmpty()) {
      out.name(COLLAPSE);
      out.counts(collapseCut.entries());
    }
  }

  /** Reads {@code field} if it is one of the cuts; whether it was. */
  boolean read(String field, WireReader in) {
    if (field.equals(STABLE)) {
      stable = VectorClock.of(in.counts("the stable cut"));
      return true;
    }
    if (field.equals(COLLAPSE)) {
      collapse = VectorClock.of(in.counts("the collapse cut"));
      return true;
    }
    if (field.equals(DELTA)) {
      delta = in.bool("whether it is a delta");
      return true;
    }
    return false;
  }

  boolean delta() {
    return delta;
  }

  VectorClock stable() {
    return stable;
  }

  VectorClock collapse() {
    return collapse;
  }
}
