package io.crdtkit.jackson;

import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A vector clock (FORMAT.md, "VectorClock"): {@code "clock"}, its entries as counts. */
final class VectorClockCodec implements BodyCodec<VectorClock> {

  static final VectorClockCodec INSTANCE = new VectorClockCodec();

  private VectorClockCodec() {}

  @Override
  public String typeName() {
    return "VectorClock";
  }

  @Override
  public List<String> fields() {
    return List.of("clock");
  }

  @Override
  public void collectReplicas(VectorClock clock, Set<ReplicaId> replicas) {
    clock.entries().keySet().forEach(replicas::add);
  }

  @Override
  public void write(VectorClock clock, WireWriter out) {
    out.name("clock");
    out.counts(clock.entries());
  }

  @Override
  public Decoder<VectorClock> decoder() {
    return new Decoder<>() {
      private Map<ReplicaId, Long> entries = Map.of();

      @Override
      public void read(String field, WireReader in) {
        entries = in.counts("the clock");
      }

      @Override
      public VectorClock build(WireReader in) {
        return VectorClock.of(entries);
      }
    };
  }
}
