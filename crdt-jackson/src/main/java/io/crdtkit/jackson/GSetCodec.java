package io.crdtkit.jackson;

import io.crdtkit.GSet;
import io.crdtkit.clock.ReplicaId;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JavaType;

/** A grow-only set (FORMAT.md, "GSet"): {@code "elements"}, in canonical order. */
final class GSetCodec<E> implements BodyCodec<GSet<E>> {

  private final JavaType elementType;

  GSetCodec(JavaType elementType) {
    this.elementType = elementType;
  }

  @Override
  public String typeName() {
    return "GSet";
  }

  @Override
  public List<String> fields() {
    return List.of("elements");
  }

  @Override
  public void collectReplicas(GSet<E> set, Set<ReplicaId> replicas) {}

  @Override
  public void write(GSet<E> set, WireWriter out) {
    out.name("elements");
    out.sortedValues(set.value(), elementType, "GSet elements");
  }

  @Override
  public Decoder<GSet<E>> decoder() {
    return new Decoder<>() {
      private Set<E> elements = Set.of();

      @Override
      public void read(String field, WireReader in) {
        elements = in.distinctValues("the elements", elementType);
      }

      @Override
      public GSet<E> build(WireReader in) {
        return GSet.ofAll(elements);
      }
    };
  }
}
