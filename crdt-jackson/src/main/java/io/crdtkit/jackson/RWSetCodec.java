package io.crdtkit.jackson;

import io.crdtkit.RWSet;
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
 * A remove-wins set (FORMAT.md, "RWSet"): {@code "adds"} and {@code "removes"}, dot groups whose payload is the
 * element each add dot or remove token belongs to, and {@code "context"}.
 */
final class RWSetCodec<E> implements BodyCodec<RWSet<E>> {

  private final JavaType elementType;

  RWSetCodec(JavaType elementType) {
    this.elementType = elementType;
  }

  @Override
  public String typeName() {
    return "RWSet";
  }

  @Override
  public List<String> fields() {
    return List.of("adds", "removes", "context", GcFields.STABLE, GcFields.COLLAPSE, GcFields.DELTA,
        GcFields.DELIVERED, GcFields.FLOORS);
  }

  @Override
  public Set<String> requiredFields() {
    return Set.of("adds", "removes", "context");
  }

  @Override
  public void collectReplicas(RWSet<E> set, Set<ReplicaId> replicas) {
    RWSet.Parts<E> parts = set.parts();
    parts.adds().values().forEach(dots -> dots.forEach(dot -> replicas.add(dot.replica())));
    parts.removes().values().forEach(dots -> dots.forEach(dot -> replicas.add(dot.replica())));
    CausalContextCodec.INSTANCE.collectReplicas(parts.context(), replicas);
    GcFields.collectReplicas(parts.gc(), replicas);
    GcFields.collectReplicas(parts.floors().values(), replicas);
  }

  @Override
  public void write(RWSet<E> set, WireWriter out) {
    RWSet.Parts<E> parts = set.parts();
    out.name("adds");
    DotGroups.write(out, DotGroups.byDot(parts.adds()), (element, w) -> w.value(elementType, element));
    out.name("removes");
    DotGroups.write(out, DotGroups.byDot(parts.removes()), (element, w) -> w.value(elementType, element));
    out.name("context");
    out.context(parts.context());
    GcFields.write(parts.gc(), false, out);
    GcFields.writeFloors(parts.floors(), elementType, out);
  }

  @Override
  public Decoder<RWSet<E>> decoder() {
    return new Decoder<>() {
      private Map<E, List<Dot>> adds = Map.of();
      private Map<E, List<Dot>> removes = Map.of();
      private CausalContext context = CausalContext.empty();
      private final GcFields gc = new GcFields();
      private Map<E, VectorClock> floors = Map.of();
      private String addsPointer = "";

      @Override
      public void read(String field, WireReader in) {
        if (gc.read(field, in)) {
          return;
        }
        switch (field) {
          case GcFields.FLOORS -> floors = GcFields.readFloors(in, elementType);
          case "adds" -> {
            addsPointer = in.pointer();
            adds = DotGroups.readOwners(in, "the adds", elementType);
          }
          case "removes" -> removes = DotGroups.readOwners(in, "the removes", elementType);
          default -> context = in.body(CausalContextCodec.INSTANCE);
        }
      }

      @Override
      public RWSet<E> build(WireReader in) {
        return in.build(addsPointer, typeName(),
            () -> RWSet.fromParts(new RWSet.Parts<>(HashMap.ofAll(adds), HashMap.ofAll(removes),
                HashMap.ofAll(floors), context, gc.metadata())));
      }
    };
  }
}
