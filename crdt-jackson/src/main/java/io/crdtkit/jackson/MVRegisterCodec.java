package io.crdtkit.jackson;

import io.crdtkit.MVRegister;
import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import io.vavr.collection.LinkedHashSet;
import io.vavr.collection.TreeMap;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JavaType;

/**
 * A multi-value register (FORMAT.md, "MVRegister"): {@code "writes"}, dot groups whose payload is the value
 * written with each dot, and {@code "context"}. A collected register adds, when not empty, {@code "collapsed"} (the
 * values kept without a dot, in canonical order), {@code "tokens"} (dots), its cuts, and a delta's floor.
 */
final class MVRegisterCodec<V> implements BodyCodec<MVRegister<V>> {

  private final JavaType valueType;

  MVRegisterCodec(JavaType valueType) {
    this.valueType = valueType;
  }

  @Override
  public String typeName() {
    return "MVRegister";
  }

  @Override
  public List<String> fields() {
    return List.of("writes", "context", "collapsed", "tokens", GcFields.STABLE, GcFields.COLLAPSE, GcFields.DELTA,
        GcFields.DELIVERED, GcFields.FLOOR);
  }

  @Override
  public Set<String> requiredFields() {
    return Set.of("writes", "context");
  }

  @Override
  public void collectReplicas(MVRegister<V> register, Set<ReplicaId> replicas) {
    MVRegister.Parts<V> parts = register.parts();
    parts.writes().keySet().forEach(dot -> replicas.add(dot.replica()));
    parts.tokens().forEach(dot -> replicas.add(dot.replica()));
    CausalContextCodec.INSTANCE.collectReplicas(parts.context(), replicas);
    GcFields.collectReplicas(parts.gc(), replicas);
    GcFields.collectReplicas(List.of(parts.floor()), replicas);
  }

  @Override
  public void write(MVRegister<V> register, WireWriter out) {
    MVRegister.Parts<V> parts = register.parts();
    out.name("writes");
    DotGroups.write(out, parts.writes().iterator(), (value, w) -> w.value(valueType, value));
    out.name("context");
    out.context(parts.context());
    if (!parts.collapsed().isEmpty()) {
      out.name("collapsed");
      out.sortedValues(parts.collapsed(), valueType, "MVRegister collapsed values");
    }
    if (parts.tokens().iterator().hasNext()) {
      out.name("tokens");
      DotGroups.writeDots(out, parts.tokens());
    }
    GcFields.write(parts.gc(), false, out);
    GcFields.writeFloor(parts.floor(), out);
  }

  @Override
  public Decoder<MVRegister<V>> decoder() {
    return new Decoder<>() {
      private final java.util.SortedMap<Dot, V> writes = new java.util.TreeMap<>();
      private CausalContext context = CausalContext.empty();
      private Set<V> collapsed = Set.of();
      private List<Dot> tokens = List.of();
      private VectorClock floor = VectorClock.empty();
      private final GcFields gc = new GcFields();
      private String writesPointer = "";

      @Override
      public void read(String field, WireReader in) {
        if (gc.read(field, in)) {
          return;
        }
        if (field.equals(GcFields.FLOOR)) {
          floor = VectorClock.of(in.counts("the floor"));
        } else if (field.equals("collapsed")) {
          collapsed = in.distinctValues("the collapsed values", valueType);
        } else if (field.equals("tokens")) {
          tokens = DotGroups.readDots(in, "the tokens");
        } else if (field.equals("writes")) {
          writesPointer = in.pointer();
          DotGroups.read(in, "the writes", (dot, reader) -> {
            reader.advance();
            writes.put(dot, reader.value(valueType, "a written value"));
          });
        } else {
          context = in.body(CausalContextCodec.INSTANCE);
        }
      }

      @Override
      public MVRegister<V> build(WireReader in) {
        return in.build(writesPointer, typeName(), () -> MVRegister.fromParts(new MVRegister.Parts<>(
            TreeMap.ofAll(writes), LinkedHashSet.ofAll(collapsed), tokens, floor, context, gc.metadata())));
      }
    };
  }
}
