package io.crdtkit.jackson;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.jsontype.TypeDeserializer;
import tools.jackson.databind.util.TokenBuffer;

/**
 * Reads one crdtkit document: the envelope, then the body, then the state through the type's validating factory.
 * Any failure, whatever raised it (the parser, a user deserializer, a core invariant), leaves as a
 * {@link CrdtDecodeException}; nothing is built from a document that fails.
 *
 * <p>Fields are accepted in any order, because stores reorder them (PostgreSQL {@code jsonb} sorts keys by
 * length). Body fields that come before the envelope is complete are buffered, then read once the version is
 * known to be supported and the replica table is known.
 */
final class DocumentDeserializer<T> extends ValueDeserializer<T> {

  private final BodyCodec<T> codec;
  private final Class<?> type;
  private final CodecLimits limits;

  DocumentDeserializer(BodyCodec<T> codec, Class<?> type, CodecLimits limits) {
    this.codec = codec;
    this.type = type;
    this.limits = limits;
  }

  @Override
  public T deserialize(JsonParser parser, DeserializationContext context) {
    WireReader in = new WireReader(parser, context, new DecodeSession(limits), "");
    if (Format.hasDefaultTyping(context.getConfig())) {
      throw in.error(Format.NO_DEFAULT_TYPING);
    }
    try {
      return read(in);
    } catch (CrdtDecodeException e) {
      throw e;
    } catch (StreamConstraintsException e) {
      throw in.error("a parser limit was hit: " + e.getOriginalMessage(), e);
    } catch (JacksonException e) {
      throw in.error("malformed input: " + WireReader.message(e), e);
    } catch (RuntimeException e) {
      throw in.error("could not be decoded: " + WireReader.message(e), e);
    }
  }

  /** Reads the document without type information, as {@link DocumentSerializer} writes it. */
  @Override
  public Object deserializeWithType(JsonParser parser, DeserializationContext context, TypeDeserializer types) {
    return deserialize(parser, context);
  }

  @Override
  public Class<?> handledType() {
    return type;
  }

  @Override
  public boolean isCachable() {
    return true;
  }

  private T read(WireReader in) {
    in.expect(JsonToken.START_OBJECT, "the " + codec.typeName() + " document");
    String documentPointer = in.pointer();
    BodyCodec.Decoder<T> decoder = codec.decoder();
    Set<String> seen = new HashSet<>();
    List<Deferred> deferred = new ArrayList<>();
    while (in.advance() == JsonToken.PROPERTY_NAME) {
      String field = in.parser().currentName();
      if (!Format.isEnvelopeField(field) && !codec.fields().contains(field)) {
        throw in.error("the " + codec.typeName() + " document has no field " + WireReader.quote(field));
      }
      if (!seen.add(field)) {
        throw in.error("field " + WireReader.quote(field) + " appears twice");
      }
      in.advance();
      switch (field) {
        case Format.TYPE -> checkType(in);
        case Format.VERSION -> checkVersion(in);
        case Format.REPLICAS -> in.replicaTable();
        default -> {
          if (seen.contains(Format.TYPE) && seen.contains(Format.VERSION) && seen.contains(Format.REPLICAS)) {
            decoder.read(field, in);
          } else {
            deferred.add(new Deferred(field, in.pointer(), buffer(in.parser())));
          }
        }
      }
    }
    for (String field : List.of(Format.TYPE, Format.VERSION, Format.REPLICAS)) {
      if (!seen.contains(field)) {
        throw in.errorAt(documentPointer, "a document needs field " + WireReader.quote(field), null);
      }
    }
    for (Deferred field : deferred) {
      JsonParser buffered = field.tokens.asParserOnFirstToken(in.context());
      decoder.read(field.name, in.over(buffered, field.pointer));
    }
    in.requireFields(codec, seen, documentPointer);
    in.checkDocumentSize();
    return in.build(documentPointer, codec.typeName(), () -> decoder.build(in));
  }

  private void checkType(WireReader in) {
    in.expect(JsonToken.VALUE_STRING, "the type");
    String name = in.parser().getString();
    if (!name.equals(codec.typeName())) {
      throw in.error("the document holds type " + WireReader.quote(name) + ", expected " + codec.typeName());
    }
  }

  private static void checkVersion(WireReader in) {
    long version = in.integer("the format version", Integer.MIN_VALUE, Integer.MAX_VALUE);
    if (version < Format.OLDEST_READABLE_VERSION || version > Format.CURRENT_VERSION) {
      throw in.error("format version " + version + " is not supported: this release reads versions "
          + Format.OLDEST_READABLE_VERSION + " to " + Format.CURRENT_VERSION);
    }
    in.session().version((int) version);
  }

  /** The current value, copied (its size is bounded by the document's, already read from the input). */
  private static TokenBuffer buffer(JsonParser parser) {
    TokenBuffer tokens = TokenBuffer.forGeneration();
    tokens.copyCurrentStructure(parser);
    return tokens;
  }

  /** A body field that arrived before the envelope was complete. */
  private record Deferred(String name, String pointer, TokenBuffer tokens) {}
}
