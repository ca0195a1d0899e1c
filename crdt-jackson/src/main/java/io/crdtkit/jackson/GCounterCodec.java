package io.crdtkit.jackson;

import io.crdtkit.GCounter;
import io.crdtkit.clock.ReplicaId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A grow-only counter (FORMAT.md, "GCounter"): {@code "counts"}, each replica's count. */
final class GCounterCodec implements BodyCodec<GCounter> {

  static final GCounterCodec INSTANCE = new GCounterCodec();

  private GCounterCodec() {}

  @Override
  public String typeName() {
    return "GCounter";
  }

  @Override
  public List<String> fields() {
    return List.of("counts");
  }

  @Override
  public void collectReplicas(GCounter counter, Set<ReplicaId> replicas) {
    counter.entries().keySet().forEach(replicas::add);
  }

  @Override
  public void write(GCounter counter, WireWriter out) {
    out.name("counts");
    out.counts(counter.entries());
  }

  @Override
  public Decoder<GCounter> decoder() {
    return new Decoder<>() {
      private Map<ReplicaId, Long> counts = Map.of();

      @Override
      public void read(String field, WireReader in) {
        counts = in.counts("the counts");
      }

      @Override
      public GCounter build(WireReader in) {
        return GCounter.of(counts);
      }
    };
  }
}
