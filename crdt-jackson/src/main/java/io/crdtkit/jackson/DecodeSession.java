package io.crdtkit.jackson;

import io.crdtkit.clock.ReplicaId;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;

/**
 * What the readers of one document share: its limits, its replica table once read, the number of items read so
 * far (against {@link CodecLimits#maxElements()}), and the deserializers already looked up.
 */
final class DecodeSession {

  private final CodecLimits limits;
  private final Map<JavaType, ValueDeserializer<Object>> deserializers = new HashMap<>();
  private ReplicaId @Nullable [] replicas;
  private long items;
  private int version = Format.BASE_VERSION;

  DecodeSession(CodecLimits limits) {
    this.limits = limits;
  }

  CodecLimits limits() {
    return limits;
  }

  /** The document's format version, once its envelope is read ({@link Format#BASE_VERSION} before). */
  int version() {
    return version;
  }

  void version(int documentVersion) {
    this.version = documentVersion;
  }

  boolean hasReplicaTable() {
    return replicas != null;
  }

  void replicaTable(ReplicaId[] table) {
    this.replicas = table;
  }

  /** The table, or {@code null} before it was read. */
  ReplicaId @Nullable [] replicaTable() {
    return replicas;
  }

  /** Counts one more item; the new total. */
  long countItem() {
    return ++items;
  }

  /** Counts {@code count} more items at once (the elements of a run whose length the input gives); the new total. */
  long countItems(long count) {
    items += count;
    return items;
  }

  /**
   * The deserializer for a user type, without type information whatever the mapper's default typing says: the
   * format never carries class names.
   */
  ValueDeserializer<Object> deserializer(DeserializationContext context, JavaType type) {
    return deserializers.computeIfAbsent(type, t -> context.findContextualValueDeserializer(t, null));
  }
}
