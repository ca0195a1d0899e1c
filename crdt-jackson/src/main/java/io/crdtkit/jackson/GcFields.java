package io.crdtkit.jackson;

import io.crdtkit.GcMetadata;
import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JavaType;

/**
 * The garbage-collection fields of a causal state (FORMAT.md, "Garbage-collection fields"), each written only when
 * it says something, so a state never collected encodes exactly as before: {@code "stableCut"} and
 * {@code "collapseCut"} (counts), {@code "delta"} for a delta that names removed elements, {@code "delivered"}
 * (a causal context) when it differs from the context, and the floors of a delta's entries ({@code "floors"},
 * flat pairs of element and counts, or {@code "floor"} for a flag).
 */
final class GcFields {

  static final String STABLE = "stableCut";
  static final String COLLAPSE = "collapseCut";
  static final String DELTA = "delta";
  static final String DELIVERED = "delivered";
  static final String FLOORS = "floors";
  static final String FLOOR = "floor";

  /** The fields every causal collectable type may have, in the order they are written. */
  static final List<String> FIELDS = List.of(STABLE, COLLAPSE, DELTA, DELIVERED);

  private VectorClock stable = VectorClock.empty();
  private VectorClock collapse = VectorClock.empty();
  private boolean delta;
  private @Nullable CausalContext delivered;

  static void collectReplicas(GcMetadata gc, Set<ReplicaId> replicas) {
    gc.stableCut().entries().keySet().forEach(replicas::add);
    gc.collapseCut().entries().keySet().forEach(replicas::add);
    if (gc.delivered() != null) {
      CausalContextCodec.INSTANCE.collectReplicas(gc.delivered(), replicas);
    }
  }

  static void collectReplicas(Iterable<VectorClock> floors, Set<ReplicaId> replicas) {
    floors.forEach(floor -> floor.entries().keySet().forEach(replicas::add));
  }

  /** Writes the fields that say something; {@code "delta"} only for a delta that names removed elements. */
  static void write(GcMetadata gc, boolean namesRemoved, WireWriter out) {
    if (!gc.stableCut().isEmpty()) {
      out.name(STABLE);
      out.counts(gc.stableCut().entries());
    }
    if (!gc.collapseCut().isEmpty()) {
      out.name(COLLAPSE);
      out.counts(gc.collapseCut().entries());
    }
    if (gc.delta() && namesRemoved) {
      out.name(DELTA);
      out.generator().writeBoolean(true);
    }
    if (gc.delivered() != null) {
      out.name(DELIVERED);
      out.context(gc.delivered());
    }
  }

  /** {@code "floors": [e, counts, e, counts, ...]}: each element that has a floor, in canonical order. */
  static <E> void writeFloors(io.vavr.collection.Map<E, VectorClock> floors, JavaType elementType, WireWriter out) {
    if (floors.isEmpty()) {
      return;
    }
    out.name(FLOORS);
    out.generator().writeStartArray();
    for (CanonicalOrder.Encoded<E> element : CanonicalOrder.sorted(floors.keySet(), elementType, out, "floors")) {
      element.writeTo(out);
      out.counts(floors.get(element.value()).get().entries());
    }
    out.generator().writeEndArray();
  }

  static <E> Map<E, VectorClock> readFloors(WireReader in, JavaType elementType) {
    in.expect(JsonToken.START_ARRAY, "the floors");
    Map<E, VectorClock> floors = new LinkedHashMap<>();
    while (in.nextItem()) {
      E element = in.value(elementType, "an element with a floor");
      in.advance();
      if (floors.put(element, VectorClock.of(in.counts("the floor of an element"))) != null) {
        throw in.error("an element appears twice in the floors");
      }
    }
    return floors;
  }

  /** {@code "floor": counts}, for a flag's one entry, when it has one. */
  static void writeFloor(VectorClock floor, WireWriter out) {
    if (!floor.isEmpty()) {
      out.name(FLOOR);
      out.counts(floor.entries());
    }
  }

  /** Reads {@code field} if it is one of the fields above; whether it was. */
  boolean read(String field, WireReader in) {
    switch (field) {
      case STABLE -> stable = VectorClock.of(in.counts("the stable cut"));
      case COLLAPSE -> collapse = VectorClock.of(in.counts("the collapse cut"));
      case DELTA -> delta = in.bool("whether it is a delta");
      case DELIVERED -> delivered = in.body(CausalContextCodec.INSTANCE);
      default -> {
        return false;
      }
    }
    return true;
  }

  GcMetadata metadata() {
    return new GcMetadata(stable, collapse, delivered, delta);
  }
}
