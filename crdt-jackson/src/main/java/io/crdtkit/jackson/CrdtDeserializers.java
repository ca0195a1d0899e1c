package io.crdtkit.jackson;

import io.crdtkit.clock.ReplicaId;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.Deserializers;
import tools.jackson.databind.deser.KeyDeserializers;

/** Finds the deserializer of each crdtkit type, for its declared type with its type arguments. */
final class CrdtDeserializers extends Deserializers.Base {

  /** Replica ids as map keys. */
  static final KeyDeserializers KEYS = new KeyDeserializers() {
    @Override
    public @Nullable KeyDeserializer findKeyDeserializer(
        JavaType type, DeserializationConfig config, BeanDescription.Supplier beanDescription) {
      return type.hasRawClass(ReplicaId.class) ? ReplicaIdDeserializer.KEYS : null;
    }
  };

  private final CodecLimits limits;

  CrdtDeserializers(CodecLimits limits) {
    this.limits = limits;
  }

  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public @Nullable ValueDeserializer<?> findBeanDeserializer(
      JavaType type, DeserializationConfig config, BeanDescription.Supplier beanDescription) {
    if (type.hasRawClass(ReplicaId.class)) {
      return ReplicaIdDeserializer.INSTANCE;
    }
    BodyCodec<?> codec = BodyCodecs.forType(type);
    return codec == null ? null : new DocumentDeserializer(codec, type.getRawClass(), limits);
  }

  @Override
  public boolean hasDeserializerFor(DeserializationConfig config, Class<?> valueType) {
    return valueType == ReplicaId.class || BodyCodecs.TYPES.contains(valueType);
  }
}
