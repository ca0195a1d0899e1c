package io.crdtkit.jackson;

import io.crdtkit.EWFlag;
import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import java.util.List;
import java.util.Set;

/**
 * An enable-wins flag (FORMAT.md, "EWFlag"): {@code "enables"}, dot groups without payload, and {@code "context"};
 * once collected, when not empty, {@code "collapsed": true}, {@code "tokens"} (dot groups) and its cuts.
 */
final class EWFlagCodec implements BodyCodec<EWFlag> {

  static final EWFlagCodec INSTANCE = new EWFlagCodec();

  private EWFlagCodec() {}

  @Override
  public String typeName() {
    return "EWFlag";
  }

  @Override
  public List<String> fields() {
    return List.of("enables", "context", "collapsed", "tokens", GcFields.STABLE, GcFields.COLLAPSE, GcFields.DELTA,
        GcFields.DELIVERED, GcFields.FLOOR);
  }

  @Override
  public Set<String> requiredFields() {
    return Set.of("enables", "context");
  }

  @Override
  public void collectReplicas(EWFlag flag, Set<ReplicaId> replicas) {
    EWFlag.Parts parts = flag.parts();
    parts.enables().forEach(dot -> replicas.add(dot.replica()));
    parts.tokens().forEach(dot -> replicas.add(dot.replica()));
    CausalContextCodec.INSTANCE.collectReplicas(parts.context(), replicas);
    GcFields.collectReplicas(parts.gc(), replicas);
    GcFields.collectReplicas(List.of(parts.floor()), replicas);
  }

  @Override
  public void write(EWFlag flag, WireWriter out) {
    EWFlag.Parts parts = flag.parts();
    out.name("enables");
    DotGroups.writeDots(out, parts.enables());
    out.name("context");
    out.context(parts.context());
    if (parts.collapsed()) {
      out.name("collapsed");
      out.generator().writeBoolean(true);
    }
    if (parts.tokens().iterator().hasNext()) {
      out.name("tokens");
      DotGroups.writeDots(out, parts.tokens());
    }
    GcFields.write(parts.gc(), false, out);
    GcFields.writeFloor(parts.floor(), out);
  }

  @Override
  public Decoder<EWFlag> decoder() {
    return new Decoder<>() {
      private List<Dot> enables = List.of();
      private boolean collapsed;
      private List<Dot> tokens = List.of();
      private CausalContext context = CausalContext.empty();
      private final GcFields gc = new GcFields();
      private VectorClock floor = VectorClock.empty();
      private String enablesPointer = "";

      @Override
      public void read(String field, WireReader in) {
        if (gc.read(field, in)) {
          return;
        }
        switch (field) {
          case GcFields.FLOOR -> floor = VectorClock.of(in.counts("the floor"));
          case "enables" -> {
            enablesPointer = in.pointer();
            enables = DotGroups.readDots(in, "the enables");
          }
          case "collapsed" -> collapsed = in.bool("whether the flag is collapsed");
          case "tokens" -> tokens = DotGroups.readDots(in, "the tokens");
          default -> context = in.body(CausalContextCodec.INSTANCE);
        }
      }

      @Override
      public EWFlag build(WireReader in) {
        return in.build(enablesPointer, typeName(),
            () -> EWFlag.fromParts(new EWFlag.Parts(enables, collapsed, tokens, floor, context, gc.metadata())));
      }
    };
  }
}
