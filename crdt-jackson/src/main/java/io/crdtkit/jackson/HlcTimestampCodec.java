package io.crdtkit.jackson;

import io.crdtkit.clock.HlcTimestamp;
import io.crdtkit.clock.ReplicaId;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A hybrid-logical-clock timestamp (FORMAT.md, "HlcTimestamp"): {@code "timestamp": [wallTime, logical, r]}. */
final class HlcTimestampCodec implements BodyCodec<HlcTimestamp> {

  static final HlcTimestampCodec INSTANCE = new HlcTimestampCodec();

  private HlcTimestampCodec() {}

  @Override
  public String typeName() {
    return "HlcTimestamp";
  }

  @Override
  public List<String> fields() {
    return List.of("timestamp");
  }

  @Override
  public void collectReplicas(HlcTimestamp timestamp, Set<ReplicaId> replicas) {
    replicas.add(timestamp.replica());
  }

  @Override
  public void write(HlcTimestamp timestamp, WireWriter out) {
    out.name("timestamp");
    out.timestamp(timestamp);
  }

  @Override
  public Decoder<HlcTimestamp> decoder() {
    return new Decoder<>() {
      private @Nullable HlcTimestamp timestamp;

      @Override
      public void read(String field, WireReader in) {
        timestamp = in.timestamp("the timestamp");
      }

      @Override
      public HlcTimestamp build(WireReader in) {
        return Objects.requireNonNull(timestamp);
      }
    };
  }
}
