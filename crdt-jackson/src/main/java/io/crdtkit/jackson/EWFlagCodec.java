package io.crdtkit.jackson;

import io.crdtkit.EWFlag;
import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import java.util.List;
import java.util.Set;

/** An enable-wins flag (FORMAT.md, "EWFlag"): {@code "enables"}, dot groups without payload, and {@code "context"}. */
final class EWFlagCodec implements BodyCodec<EWFlag> {

  static final EWFlagCodec INSTANCE = new EWFlagCodec();

  private EWFlagCodec() {}

  @Override
  public String typeName() {
    return "EWFlag";
  }

  @Override
  public List<String> fields() {
    return List.of("enables", "context");
  }

  @Override
  public void collectReplicas(EWFlag flag, Set<ReplicaId> replicas) {
    flag.dots().forEach(dot -> replicas.add(dot.replica()));
    CausalContextCodec.INSTANCE.collectReplicas(flag.context(), replicas);
  }

  @Override
  public void write(EWFlag flag, WireWriter out) {
    out.name("enables");
    DotGroups.writeDots(out, flag.dots());
    out.name("context");
    out.context(flag.context());
  }

  @Override
  public Decoder<EWFlag> decoder() {
    return new Decoder<>() {
      private List<Dot> enables = List.of();
      private CausalContext context = CausalContext.empty();
      private String enablesPointer = "";

      @Override
      public void read(String field, WireReader in) {
        if (field.equals("enables")) {
          enablesPointer = in.pointer();
          enables = DotGroups.readDots(in, "the enables");
        } else {
          context = in.body(CausalContextCodec.INSTANCE);
        }
      }

      @Override
      public EWFlag build(WireReader in) {
        return in.build(enablesPointer, typeName(), () -> EWFlag.of(enables, context));
      }
    };
  }
}
