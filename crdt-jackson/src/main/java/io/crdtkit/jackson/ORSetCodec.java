package io.crdtkit.jackson;

import io.crdtkit.ORSet;
import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import io.vavr.collection.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JavaType;

/**
 * An add-wins set (FORMAT.md, "ORSet"): {@code "elements"}, dot groups whose payload is the element each dot
 * keeps present, and {@code "context"}. Written in dot order, an element costs its own bytes plus one counter
 * step; an element kept by several concurrent adds appears once per dot. A collected set adds, when not empty,
 * {@code "collapsed"} (elements present with no dot, in canonical order), {@code "tokens"} (dot groups of remove
 * tokens) and its cuts.
 */
final class ORSetCodec<E> implements BodyCodec<ORSet<E>> {

  private final JavaType elementType;

  ORSetCodec(JavaType elementType) {
    this.elementType = elementType;
  }

  @Override
  public String typeName() {
    return "ORSet";
  }

  @Override
  public List<String> fields() {
    return List.of("elements", "context", "collapsed", "tokens", GcFields.STABLE, GcFields.COLLAPSE, GcFields.DELTA,
        GcFields.DELIVERED, GcFields.FLOORS, "removed");
  }

  @Override
  public Set<String> requiredFields() {
    return Set.of("elements", "context");
  }

  @Override
  public void collectReplicas(ORSet<E> set, Set<ReplicaId> replicas) {
    ORSet.Parts<E> parts = set.parts();
    parts.adds().values().forEach(dots -> dots.forEach(dot -> replicas.add(dot.replica())));
    parts.tokens().values().forEach(dots -> dots.forEach(dot -> replicas.add(dot.replica())));
    CausalContextCodec.INSTANCE.collectReplicas(parts.context(), replicas);
    GcFields.collectReplicas(parts.gc(), replicas);
    GcFields.collectReplicas(parts.floors().values(), replicas);
  }

  @Override
  public void write(ORSet<E> set, WireWriter out) {
    ORSet.Parts<E> parts = set.parts();
    out.name("elements");
    DotGroups.write(out, DotGroups.byDot(parts.adds()), (element, w) -> w.value(elementType, element));
    out.name("context");
    out.context(parts.context());
    if (!parts.collapsed().isEmpty()) {
      out.name("collapsed");
      out.sortedValues(parts.collapsed(), elementType, "ORSet collapsed elements");
    }
    if (!parts.tokens().isEmpty()) {
      out.name("tokens");
      DotGroups.write(out, DotGroups.byDot(parts.tokens()), (element, w) -> w.value(elementType, element));
    }
    GcFields.write(parts.gc(), !parts.removed().isEmpty(), out);
    GcFields.writeFloors(parts.floors(), elementType, out);
    if (!parts.removed().isEmpty()) {
      out.name("removed");
      out.sortedValues(parts.removed(), elementType, "ORSet removed elements");
    }
  }

  @Override
  public Decoder<ORSet<E>> decoder() {
    return new Decoder<>() {
      private Map<E, List<Dot>> elements = Map.of();
      private Set<E> collapsed = Set.of();
      private Set<E> removed = Set.of();
      private Map<E, List<Dot>> tokens = Map.of();
      private CausalContext context = CausalContext.empty();
      private final GcFields gc = new GcFields();
      private Map<E, VectorClock> floors = Map.of();
      private String elementsPointer = "";

      @Override
      public void read(String field, WireReader in) {
        if (gc.read(field, in)) {
          return;
        }
        switch (field) {
          case GcFields.FLOORS -> floors = GcFields.readFloors(in, elementType);
          case "elements" -> {
            elementsPointer = in.pointer();
            elements = DotGroups.readOwners(in, "the elements", elementType);
          }
          case "collapsed" -> collapsed = in.distinctValues("the collapsed elements", elementType);
          case "tokens" -> tokens = DotGroups.readOwners(in, "the tokens", elementType);
          case "removed" -> removed = in.distinctValues("the removed elements", elementType);
          default -> context = in.body(CausalContextCodec.INSTANCE);
        }
      }

      @Override
      public ORSet<E> build(WireReader in) {
        return in.build(elementsPointer, typeName(), () -> ORSet.fromParts(new ORSet.Parts<>(
            HashMap.ofAll(elements), io.vavr.collection.HashSet.ofAll(collapsed), HashMap.ofAll(tokens),
            HashMap.ofAll(floors), context, gc.metadata(), io.vavr.collection.HashSet.ofAll(removed))));
      }
    };
  }
}
