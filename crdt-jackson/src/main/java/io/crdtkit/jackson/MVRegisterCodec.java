package io.crdtkit.jackson;

import io.crdtkit.MVRegister;
import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import io.vavr.collection.TreeMap;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JavaType;

/**
 * A multi-value register (FORMAT.md, "MVRegister"): {@code "writes"}, dot groups whose payload is the value
 * written with each dot, and {@code "context"}.
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
    return List.of("writes", "context");
  }

  @Override
  public void collectReplicas(MVRegister<V> register, Set<ReplicaId> replicas) {
    register.writes().keySet().forEach(dot -> replicas.add(dot.replica()));
    CausalContextCodec.INSTANCE.collectReplicas(register.context(), replicas);
  }

  @Override
  public void write(MVRegister<V> register, WireWriter out) {
    out.name("writes");
    DotGroups.write(out, register.writes().iterator(), (value, w) -> w.value(valueType, value));
    out.name("context");
    out.context(register.context());
  }

  @Override
  public Decoder<MVRegister<V>> decoder() {
    return new Decoder<>() {
      private final java.util.SortedMap<Dot, V> writes = new java.util.TreeMap<>();
      private CausalContext context = CausalContext.empty();
      private String writesPointer = "";

      @Override
      public void read(String field, WireReader in) {
        if (field.equals("writes")) {
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
        return in.build(writesPointer, typeName(), () -> MVRegister.of(TreeMap.ofAll(writes), context));
      }
    };
  }
}
