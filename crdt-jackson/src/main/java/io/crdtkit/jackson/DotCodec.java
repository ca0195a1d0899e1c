package io.crdtkit.jackson;

import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonToken;

/** A single dot (FORMAT.md, "Dot"): {@code "dot": [r, counter]}. */
final class DotCodec implements BodyCodec<Dot> {

  static final DotCodec INSTANCE = new DotCodec();

  private DotCodec() {}

  @Override
  public String typeName() {
    return "Dot";
  }

  @Override
  public List<String> fields() {
    return List.of("dot");
  }

  @Override
  public void collectReplicas(Dot dot, Set<ReplicaId> replicas) {
    replicas.add(dot.replica());
  }

  @Override
  public void write(Dot dot, WireWriter out) {
    out.name("dot");
    out.generator().writeStartArray();
    out.replica(dot.replica());
    out.number(dot.counter());
    out.generator().writeEndArray();
  }

  @Override
  public Decoder<Dot> decoder() {
    return new Decoder<>() {
      private @Nullable Dot dot;

      @Override
      public void read(String field, WireReader in) {
        in.expect(JsonToken.START_ARRAY, "the dot");
        in.advance();
        ReplicaId replica = in.replica("the replica of the dot");
        in.advance();
        long counter = in.integer("the counter of the dot", 1, Long.MAX_VALUE);
        if (in.advance() != JsonToken.END_ARRAY) {
          throw in.error("the dot must have exactly 2 items: replica, counter");
        }
        dot = Dot.of(replica, counter);
      }

      @Override
      public Dot build(WireReader in) {
        return Objects.requireNonNull(dot);
      }
    };
  }
}
