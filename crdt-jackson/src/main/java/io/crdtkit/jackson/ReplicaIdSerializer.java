package io.crdtkit.jackson;

import io.crdtkit.clock.ReplicaId;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.jsontype.TypeSerializer;

/**
 * A replica id is a scalar, written as its name (FORMAT.md, "ReplicaId"): as a value and as a map key, so that
 * {@code Map<ReplicaId, ...>} fields of your own types work too. It is an identifier, like a UUID, and has no
 * format version of its own.
 */
final class ReplicaIdSerializer extends ValueSerializer<ReplicaId> {

  static final ReplicaIdSerializer AS_VALUE = new ReplicaIdSerializer(false);
  static final ReplicaIdSerializer AS_KEY = new ReplicaIdSerializer(true);

  private final boolean asKey;

  private ReplicaIdSerializer(boolean asKey) {
    this.asKey = asKey;
  }

  @Override
  public void serialize(ReplicaId replica, JsonGenerator generator, SerializationContext context) {
    if (asKey) {
      generator.writeName(replica.name());
    } else {
      generator.writeString(replica.name());
    }
  }

  @Override
  public void serializeWithType(
      ReplicaId replica, JsonGenerator generator, SerializationContext context, TypeSerializer typeSerializer) {
    serialize(replica, generator, context);
  }

  @Override
  public Class<?> handledType() {
    return ReplicaId.class;
  }
}
