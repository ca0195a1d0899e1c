package io.crdtkit.jackson;

import io.crdtkit.ORSet;
import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JavaType;

/**
 * An add-wins set (FORMAT.md, "ORSet"): {@code "elements"}, dot groups whose payload is the element each dot
 * keeps present, and {@code "context"}. Written in dot order, an element costs its own bytes plus one counter
 * step; an element kept by several concurrent adds appears once per dot. A collected set adds, when not empty,
 * {@code "collapsed"} (elements present with no dot, in canonical order), {@code "tokens"} (dot groups of remove
 * tokens) and its cuts.
 *
 * <p>Version 3: a set that is one add and nothing else, what {@code deltaAdd} returns for an element not yet
 * present, is written {@code "add": [r, counter, element]} instead: the element's one dot, whose context is that
 * dot alone. Only a document's top-level set takes this form (the document then says version 3); a reader takes
 * it in any body of a version-3 document.
 */
final class ORSetCodec<E> implements BodyCodec<ORSet<E>> {

  /** The one-add form (version 3): {@code [r, counter, element]}. */
  static final String ADD = "add";

  private static final String ADD_ITEMS = "the add must have exactly 3 items: replica, counter, element";

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
    return List.of(ADD, "elements", "context", "collapsed", "tokens", GcFields.STABLE, GcFields.COLLAPSE,
        GcFields.DELTA, GcFields.DELIVERED, GcFields.FLOORS, "removed");
  }

  @Override
  public Set<String> requiredFields() {
    return Set.of("elements", "context");
  }

  @Override
  public Set<String> requiredFields(Set<String> seen) {
    return seen.contains(ADD) ? Set.of() : requiredFields();
  }

  @Override
  public int version(ORSet<E> set) {
    return oneAdd(set.parts()) == null ? Format.BASE_VERSION : 3;
  }

  /**
   * The one dot of a set that is one add and nothing else (a dot held by one element, the context that dot alone,
   * no collapsed element, token, cut, floor, name or undelivered dot); {@code null} for any other set.
   */
  private static <E> @Nullable Tuple2<Dot, E> oneAdd(ORSet.Parts<E> parts) {
    if (parts.adds().size() != 1 || parts.context().size() != 1 || !parts.collapsed().isEmpty()
        || !parts.tokens().isEmpty() || !parts.floors().isEmpty() || !parts.removed().isEmpty()
        || !parts.gc().stableCut().isEmpty() || !parts.gc().collapseCut().isEmpty()
        || parts.gc().delivered() != null) {
      return null;
    }
    Tuple2<E, ? extends Iterable<Dot>> entry = parts.adds().head();
    Iterator<Dot> dots = entry._2.iterator();
    if (!dots.hasNext()) {
      return null;
    }
    Dot dot = dots.next();
    return dots.hasNext() || !parts.context().contains(dot) ? null : Tuple.of(dot, entry._1);
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
    Tuple2<Dot, E> add = out.version() >= 3 ? oneAdd(parts) : null;
    if (add != null) {
      out.name(ADD);
      out.generator().writeStartArray();
      out.replica(add._1.replica());
      out.number(add._1.counter());
      out.value(elementType, add._2);
      out.generator().writeEndArray();
      return;
    }
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
      private @Nullable String addPointer;
      private boolean longForm;

      @Override
      public void read(String field, WireReader in) {
        if (field.equals(ADD)) {
          readAdd(in);
          return;
        }
        longForm = true;
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

      /** {@code [r, counter, element]}: the set's one dot and element; its context is that dot alone. */
      private void readAdd(WireReader in) {
        addPointer = in.pointer();
        if (in.session().version() < 3) {
          throw in.error("field " + WireReader.quote(ADD) + " is new in format version 3, this document says version "
              + in.session().version());
        }
        in.expect(JsonToken.START_ARRAY, "the add");
        if (!in.nextItem()) {
          throw in.error(ADD_ITEMS);
        }
        ReplicaId replica = in.replica("the replica of the add");
        if (!in.nextItem()) {
          throw in.error(ADD_ITEMS);
        }
        Dot dot = Dot.of(replica, in.integer("the counter of the add", 1, Long.MAX_VALUE));
        if (!in.nextItem()) {
          throw in.error(ADD_ITEMS);
        }
        E element = in.value(elementType, "the element of the add");
        if (in.advance() != JsonToken.END_ARRAY) {
          throw in.error(ADD_ITEMS);
        }
        elements = Map.of(element, List.of(dot));
        context = CausalContext.empty().add(dot);
        elementsPointer = addPointer;
      }

      @Override
      public ORSet<E> build(WireReader in) {
        if (addPointer != null && longForm) {
          throw in.errorAt(addPointer, "field " + WireReader.quote(ADD) + " is the whole set: it cannot stand"
              + " beside the other fields of an ORSet", null);
        }
        return in.build(elementsPointer, typeName(), () -> ORSet.fromParts(new ORSet.Parts<>(
            HashMap.ofAll(elements), io.vavr.collection.HashSet.ofAll(collapsed), HashMap.ofAll(tokens),
            HashMap.ofAll(floors), context, gc.metadata(), io.vavr.collection.HashSet.ofAll(removed))));
      }
    };
  }
}
