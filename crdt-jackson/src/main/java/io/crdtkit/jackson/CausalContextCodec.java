package io.crdtkit.jackson;

import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A causal context (FORMAT.md, "CausalContext"): {@code "clock"}, the gap-free prefix as counts, and
 * {@code "cloud"}, the out-of-order dots as dot groups. Contexts are written compacted, and read only so: a cloud
 * dot that the clock covers or continues is refused, so one context has one encoding.
 */
final class CausalContextCodec implements BodyCodec<CausalContext> {

  static final CausalContextCodec INSTANCE = new CausalContextCodec();

  private CausalContextCodec() {}

  @Override
  public String typeName() {
    return "CausalContext";
  }

  @Override
  public List<String> fields() {
    return List.of("clock", "cloud");
  }

  @Override
  public void collectReplicas(CausalContext context, Set<ReplicaId> replicas) {
    context.vectorClock().entries().keySet().forEach(replicas::add);
    context.dotCloud().forEach(dot -> replicas.add(dot.replica()));
  }

  @Override
  public void write(CausalContext context, WireWriter out) {
    out.name("clock");
    out.counts(context.vectorClock().entries());
    out.name("cloud");
    DotGroups.writeDots(out, context.dotCloud());
  }

  @Override
  public Decoder<CausalContext> decoder() {
    return new Decoder<>() {
      private Map<ReplicaId, Long> clock = Map.of();
      private List<Dot> cloud = List.of();
      private String cloudPointer = "";

      @Override
      public void read(String field, WireReader in) {
        if (field.equals("clock")) {
          clock = in.counts("the clock");
        } else {
          cloudPointer = in.pointer();
          cloud = DotGroups.readDots(in, "the cloud");
        }
      }

      @Override
      public CausalContext build(WireReader in) {
        VectorClock prefix = VectorClock.of(clock);
        CausalContext context = CausalContext.of(prefix, cloud);
        if (!context.vectorClock().equals(prefix) || context.dotCloud().size() != cloud.size()) {
          throw in.errorAt(cloudPointer, "the cloud holds a dot that the clock covers or continues; a context"
              + " is written compacted: " + context, null);
        }
        return context;
      }
    };
  }
}
