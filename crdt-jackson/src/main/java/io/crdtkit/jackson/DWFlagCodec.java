package io.crdtkit.jackson;

import io.crdtkit.DWFlag;
import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import java.util.List;
import java.util.Set;

/**
 * A disable-wins flag (FORMAT.md, "DWFlag"): {@code "enables"} and {@code "disables"}, dot groups without
 * payload, and {@code "context"}.
 */
final class DWFlagCodec implements BodyCodec<DWFlag> {

  static final DWFlagCodec INSTANCE = new DWFlagCodec();

  private DWFlagCodec() {}

  @Override
  public String typeName() {
    return "DWFlag";
  }

  @Override
  public List<String> fields() {
    return List.of("enables", "disables", "context", GcFields.STABLE, GcFields.COLLAPSE, GcFields.DELTA,
        GcFields.DELIVERED, GcFields.FLOOR);
  }

  @Override
  public Set<String> requiredFields() {
    return Set.of("enables", "disables", "context");
  }

  @Override
  public void collectReplicas(DWFlag flag, Set<ReplicaId> replicas) {
    DWFlag.Parts parts = flag.parts();
    parts.enables().forEach(dot -> replicas.add(dot.replica()));
    parts.disables().forEach(dot -> replicas.add(dot.replica()));
    CausalContextCodec.INSTANCE.collectReplicas(parts.context(), replicas);
    GcFields.collectReplicas(parts.gc(), replicas);
    GcFields.collectReplicas(List.of(parts.floor()), replicas);
  }

  @Override
  public void write(DWFlag flag, WireWriter out) {
    DWFlag.Parts parts = flag.parts();
    out.name("enables");
    DotGroups.writeDots(out, parts.enables());
    out.name("disables");
    DotGroups.writeDots(out, parts.disables());
    out.name("context");
    out.context(parts.context());
    GcFields.write(parts.gc(), false, out);
    GcFields.writeFloor(parts.floor(), out);
  }

  @Override
  public Decoder<DWFlag> decoder() {
    return new Decoder<>() {
      private List<Dot> enables = List.of();
      private List<Dot> disables = List.of();
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
          case "disables" -> disables = DotGroups.readDots(in, "the disables");
          default -> context = in.body(CausalContextCodec.INSTANCE);
        }
      }

      @Override
      public DWFlag build(WireReader in) {
        return in.build(enablesPointer, typeName(),
            () -> DWFlag.fromParts(new DWFlag.Parts(enables, disables, floor, context, gc.metadata())));
      }
    };
  }
}
