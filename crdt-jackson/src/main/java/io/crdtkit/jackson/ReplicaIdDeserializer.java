package io.crdtkit.jackson;

import io.crdtkit.clock.ReplicaId;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.jsontype.TypeDeserializer;

/** Reads a replica id from its name, as a value or as a map key; an invalid name is a {@link CrdtDecodeException}. */
final class ReplicaIdDeserializer extends ValueDeserializer<ReplicaId> {

  static final ReplicaIdDeserializer INSTANCE = new ReplicaIdDeserializer();

  static final KeyDeserializer KEYS = new KeyDeserializer() {
    @Override
    public Object deserializeKey(String key, DeserializationContext context) {
      return parse(key, context.getParser(), context.getParser().streamReadContext().pathAsPointer().toString());
    }
  };

  private ReplicaIdDeserializer() {}

  @Override
  public ReplicaId deserialize(JsonParser parser, DeserializationContext context) {
    String pointer = parser.streamReadContext().pathAsPointer().toString();
    if (parser.currentToken() != JsonToken.VALUE_STRING) {
      throw new CrdtDecodeException(parser, pointer,
          "a replica id must be a string, found " + WireReader.describe(parser.currentToken()), null);
    }
    return parse(parser.getString(), parser, pointer);
  }

  @Override
  public Object deserializeWithType(JsonParser parser, DeserializationContext context, TypeDeserializer types) {
    return deserialize(parser, context);
  }

  @Override
  public Class<?> handledType() {
    return ReplicaId.class;
  }

  private static ReplicaId parse(String name, JsonParser parser, String pointer) {
    try {
      return ReplicaId.of(name);
    } catch (IllegalArgumentException e) {
      throw new CrdtDecodeException(parser, pointer, "not a valid replica id: " + e.getMessage(), e);
    }
  }
}
