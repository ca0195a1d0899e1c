package io.crdtkit.jackson;

import io.crdtkit.clock.ReplicaId;
import java.util.SortedSet;
import java.util.TreeSet;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.jsontype.TypeSerializer;

/**
 * Writes one crdtkit value as a document: {@code {"type": ..., "version": ..., "replicas": [...], body...}}.
 *
 * <p>The replica table is sorted by replica id and written before the body, so an index means the same replica
 * whatever order the state was built in, and a reader knows every replica before the first dot.
 */
final class DocumentSerializer<T> extends ValueSerializer<T> {

  private final BodyCodec<T> codec;
  private final Class<?> type;

  DocumentSerializer(BodyCodec<T> codec, Class<?> type) {
    this.codec = codec;
    this.type = type;
  }

  @Override
  public void serialize(T value, JsonGenerator generator, SerializationContext context) {
    if (Format.hasDefaultTyping(context.getConfig())) {
      throw DatabindException.from(generator, Format.NO_DEFAULT_TYPING);
    }
    SortedSet<ReplicaId> replicas = new TreeSet<>();
    codec.collectReplicas(value, replicas);
    generator.writeStartObject(value);
    generator.writeStringProperty(Format.TYPE, codec.typeName());
    int version = codec.version(value);
    generator.writeNumberProperty(Format.VERSION, version);
    generator.writeName(Format.REPLICAS);
    generator.writeStartArray();
    for (ReplicaId replica : replicas) {
      generator.writeString(replica.name());
    }
    generator.writeEndArray();
    codec.write(value, new WireWriter(generator, context, replicas, version));
    generator.writeEndObject();
  }

  /**
   * Writes the document without type information even where a property asks for it ({@code @JsonTypeInfo}):
   * the format never carries class names. Declare fields with the crdtkit type, not {@code Object}.
   */
  @Override
  public void serializeWithType(
      T value, JsonGenerator generator, SerializationContext context, TypeSerializer typeSerializer) {
    serialize(value, generator, context);
  }

  @Override
  public Class<?> handledType() {
    return type;
  }
}
