package io.crdtkit.jackson;

import io.crdtkit.LWWRegister;
import io.crdtkit.clock.HlcTimestamp;
import io.crdtkit.clock.ReplicaId;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;

/**
 * A last-writer-wins register (FORMAT.md, "LWWRegister"): {@code "timestamp"} and {@code "value"}, each present
 * only when there is one. Both: a write; a timestamp alone: a clear; neither: never written.
 */
final class LWWRegisterCodec<V> implements BodyCodec<LWWRegister<V>> {

  private final JavaType valueType;

  LWWRegisterCodec(JavaType valueType) {
    this.valueType = valueType;
  }

  @Override
  public String typeName() {
    return "LWWRegister";
  }

  @Override
  public List<String> fields() {
    return List.of("timestamp", "value");
  }

  @Override
  public Set<String> requiredFields() {
    return Set.of();
  }

  @Override
  public void collectReplicas(LWWRegister<V> register, Set<ReplicaId> replicas) {
    register.timestamp().forEach(timestamp -> replicas.add(timestamp.replica()));
  }

  @Override
  public void write(LWWRegister<V> register, WireWriter out) {
    for (HlcTimestamp timestamp : register.timestamp()) {
      out.name("timestamp");
      out.timestamp(timestamp);
    }
    for (V value : register.value()) {
      out.name("value");
      out.value(valueType, value);
    }
  }

  @Override
  public Decoder<LWWRegister<V>> decoder() {
    return new Decoder<>() {
      private @Nullable HlcTimestamp timestamp;
      private @Nullable V value;
      private String valuePointer = "";

      @Override
      public void read(String field, WireReader in) {
        if (field.equals("timestamp")) {
          timestamp = in.timestamp("the timestamp");
        } else {
          valuePointer = in.pointer();
          value = in.value(valueType, "the value");
        }
      }

      @Override
      public LWWRegister<V> build(WireReader in) {
        if (timestamp == null) {
          if (value != null) {
            throw in.errorAt(valuePointer, "a value needs the timestamp of its write", null);
          }
          return LWWRegister.empty();
        }
        return value == null ? LWWRegister.cleared(timestamp) : LWWRegister.of(timestamp, value);
      }
    };
  }
}
