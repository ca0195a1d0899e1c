package io.crdtkit.jackson;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.crdtkit.clock.ReplicaId;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.ser.Serializers;

/** Finds the serializer of each crdtkit type, for its declared type with its type arguments. */
final class CrdtSerializers implements Serializers {

  /** Replica ids as map keys. */
  static final Serializers KEYS = new Serializers() {
    @Override
    public @Nullable ValueSerializer<?> findSerializer(SerializationConfig config, JavaType type,
        BeanDescription.Supplier beanDescription, JsonFormat.@Nullable Value formatOverrides) {
      return type.hasRawClass(ReplicaId.class) ? ReplicaIdSerializer.AS_KEY : null;
    }
  };

  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public @Nullable ValueSerializer<?> findSerializer(SerializationConfig config, JavaType type,
      BeanDescription.Supplier beanDescription, JsonFormat.@Nullable Value formatOverrides) {
    if (type.hasRawClass(ReplicaId.class)) {
      return ReplicaIdSerializer.AS_VALUE;
    }
    BodyCodec<?> codec = BodyCodecs.forType(type);
    return codec == null ? null : new DocumentSerializer(codec, type.getRawClass());
  }
}
