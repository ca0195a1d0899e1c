package io.crdtkit.jackson;

import io.crdtkit.ORSet;
import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import io.vavr.collection.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JavaType;

/**
 * An add-wins set (FORMAT.md, "ORSet"): {@code "elements"}, dot groups whose payload is the element each dot
 * keeps present, and {@code "context"}. Written in dot order, an element costs its own bytes plus one counter
 * step; an element kept by several concurrent adds appears once per dot.
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
    return List.of("elements", "context");
  }

  @Override
  public void collectReplicas(ORSet<E> set, Set<ReplicaId> replicas) {
    set.entries().values().forEach(dots -> dots.forEach(dot -> replicas.add(dot.replica())));
    CausalContextCodec.INSTANCE.collectReplicas(set.context(), replicas);
  }

  @Override
  public void write(ORSet<E> set, WireWriter out) {
    out.name("elements");
    DotGroups.write(out, DotGroups.byDot(set.entries()), (element, w) -> w.value(elementType, element));
    out.name("context");
    out.context(set.context());
  }

  @Override
  public Decoder<ORSet<E>> decoder() {
    return new Decoder<>() {
      private Map<E, List<Dot>> elements = Map.of();
      private CausalContext context = CausalContext.empty();
      private String elementsPointer = "";

      @Override
      public void read(String field, WireReader in) {
        if (field.equals("elements")) {
          elementsPointer = in.pointer();
          elements = DotGroups.readOwners(in, "the elements", elementType);
        } else {
          context = in.body(CausalContextCodec.INSTANCE);
        }
      }

      @Override
      public ORSet<E> build(WireReader in) {
        return in.build(elementsPointer, typeName(), () -> ORSet.of(HashMap.ofAll(elements), context));
      }
    };
  }
}
