package io.crdtkit.jackson;

import io.crdtkit.GCounter;
import io.crdtkit.PNCounter;
import io.crdtkit.clock.ReplicaId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A counter that goes both ways (FORMAT.md, "PNCounter"): {@code "increments"} and {@code "decrements"}, each
 * replica's totals.
 */
final class PNCounterCodec implements BodyCodec<PNCounter> {

  static final PNCounterCodec INSTANCE = new PNCounterCodec();

  private PNCounterCodec() {}

  @Override
  public String typeName() {
    return "PNCounter";
  }

  @Override
  public List<String> fields() {
    return List.of("increments", "decrements");
  }

  @Override
  public void collectReplicas(PNCounter counter, Set<ReplicaId> replicas) {
    counter.increments().entries().keySet().forEach(replicas::add);
    counter.decrements().entries().keySet().forEach(replicas::add);
  }

  @Override
  public void write(PNCounter counter, WireWriter out) {
    out.name("increments");
    out.counts(counter.increments().entries());
    out.name("decrements");
    out.counts(counter.decrements().entries());
  }

  @Override
  public Decoder<PNCounter> decoder() {
    return new Decoder<>() {
      private Map<ReplicaId, Long> increments = Map.of();
      private Map<ReplicaId, Long> decrements = Map.of();

      @Override
      public void read(String field, WireReader in) {
        if (field.equals("increments")) {
          increments = in.counts("the increments");
        } else {
          decrements = in.counts("the decrements");
        }
      }

      @Override
      public PNCounter build(WireReader in) {
        return PNCounter.of(GCounter.of(increments), GCounter.of(decrements));
      }
    };
  }
}
