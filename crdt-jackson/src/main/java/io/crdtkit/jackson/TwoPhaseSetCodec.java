package io.crdtkit.jackson;

import io.crdtkit.TwoPhaseSet;
import io.crdtkit.clock.ReplicaId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JavaType;

/**
 * A two-phase set (FORMAT.md, "TwoPhaseSet"): {@code "elements"}, the present ones, and {@code "removed"}, the
 * ones removed for good; both in canonical order. A removed element is written once, in {@code "removed"} only
 * (it is implied added), so the two lists never overlap.
 */
final class TwoPhaseSetCodec<E> implements BodyCodec<TwoPhaseSet<E>> {

  private final JavaType elementType;

  TwoPhaseSetCodec(JavaType elementType) {
    this.elementType = elementType;
  }

  @Override
  public String typeName() {
    return "TwoPhaseSet";
  }

  @Override
  public List<String> fields() {
    return List.of("elements", "removed");
  }

  @Override
  public void collectReplicas(TwoPhaseSet<E> set, Set<ReplicaId> replicas) {}

  @Override
  public void write(TwoPhaseSet<E> set, WireWriter out) {
    out.name("elements");
    out.sortedValues(set.value(), elementType, "TwoPhaseSet elements");
    out.name("removed");
    out.sortedValues(set.removedElements(), elementType, "TwoPhaseSet elements");
  }

  @Override
  public Decoder<TwoPhaseSet<E>> decoder() {
    return new Decoder<>() {
      private Set<E> present = Set.of();
      private Set<E> removed = Set.of();
      private String removedPointer = "";

      @Override
      public void read(String field, WireReader in) {
        if (field.equals("elements")) {
          present = in.distinctValues("the elements", elementType);
        } else {
          removedPointer = in.pointer();
          removed = in.distinctValues("the removed elements", elementType);
        }
      }

      @Override
      public TwoPhaseSet<E> build(WireReader in) {
        Set<E> added = new HashSet<>(present);
        for (E element : removed) {
          if (!added.add(element)) {
            throw in.errorAt(removedPointer, "a removed element is also listed as present", null);
          }
        }
        return TwoPhaseSet.of(added, removed);
      }
    };
  }
}
