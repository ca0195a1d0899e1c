package io.crdtkit.jackson;

import io.crdtkit.clock.HlcTimestamp;
import io.crdtkit.clock.ReplicaId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;

/**
 * Reads the pieces every body is made of (FORMAT.md, "Building blocks"), checking each as it comes: token types,
 * ranges, canonical order, the item budget and the document size. Every failure is a {@link CrdtDecodeException}
 * at the JSON Pointer of the offending value. Dot groups are read by {@link DotGroups} through it.
 *
 * <p>Methods named after a piece read the piece that starts at the current token and leave the parser on its
 * last token; {@link #advance()} and {@link #nextItem()} move on.
 */
final class WireReader {

  // Checking the parser's offset allocates a location object: often enough to stop a long document early, not
  // on every token.
  private static final int SIZE_CHECK_INTERVAL = 256;

  private final JsonParser parser;
  private final DeserializationContext context;
  private final DecodeSession session;
  private final String pointerPrefix;

  WireReader(JsonParser parser, DeserializationContext context, DecodeSession session, String pointerPrefix) {
    this.parser = parser;
    this.context = context;
    this.session = session;
    this.pointerPrefix = pointerPrefix;
  }

  /** A reader over a buffered field value whose pointers continue from {@code pointer}, the field's own. */
  WireReader over(JsonParser buffered, String pointer) {
    return new WireReader(buffered, context, session, pointer);
  }

  JsonParser parser() {
    return parser;
  }

  DeserializationContext context() {
    return context;
  }

  DecodeSession session() {
    return session;
  }

  /** The JSON Pointer of the current token, from the start of the input. */
  String pointer() {
    return pointerPrefix + parser.streamReadContext().pathAsPointer();
  }

  CrdtDecodeException error(String rule) {
    return new CrdtDecodeException(parser, pointer(), rule, null);
  }

  CrdtDecodeException error(String rule, @Nullable Throwable cause) {
    return new CrdtDecodeException(parser, pointer(), rule, cause);
  }

  CrdtDecodeException errorAt(String pointer, String rule, @Nullable Throwable cause) {
    return new CrdtDecodeException(parser, pointer, rule, cause);
  }

  /** Moves to the next token; the input must not end here. */
  JsonToken advance() {
    JsonToken token = parser.nextToken();
    if (token == null) {
      throw error("the input ends in the middle of the document (truncated?)");
    }
    return token;
  }

  /** The current token must be {@code expected}. */
  void expect(JsonToken expected, String what) {
    JsonToken actual = parser.currentToken();
    if (actual != expected) {
      throw error(what + " must be " + describe(expected) + ", found " + describe(actual));
    }
  }

  /**
   * Moves to the next item of the current array: {@code false} at its end. Each item counts against the
   * document's {@link CodecLimits#maxElements()}.
   */
  boolean nextItem() {
    if (advance() == JsonToken.END_ARRAY) {
      return false;
    }
    long items = session.countItem();
    if (items > session.limits().maxElements()) {
      throw error("the document holds more than " + session.limits().maxElements()
          + " items (CodecLimits.maxElements)");
    }
    if (items % SIZE_CHECK_INTERVAL == 0) {
      checkDocumentSize();
    }
    return true;
  }

  /**
   * Counts {@code count} items that one integer of the input stands for (a run's elements), against
   * {@link CodecLimits#maxElements()}, before anything is allocated for them.
   */
  void countItems(long count, String what) {
    if (session.countItems(count) > session.limits().maxElements()) {
      throw error(what + ": the document holds more than " + session.limits().maxElements()
          + " items (CodecLimits.maxElements)");
    }
  }

  /** Fails once the parser is past {@link CodecLimits#maxDocumentBytes()}; buffered input has no offset. */
  void checkDocumentSize() {
    TokenStreamLocation location = parser.currentLocation();
    long offset = Math.max(location.getByteOffset(), location.getCharOffset());
    if (offset > session.limits().maxDocumentBytes()) {
      throw error("the document is longer than " + session.limits().maxDocumentBytes()
          + " bytes (CodecLimits.maxDocumentBytes)");
    }
  }

  /**
   * {@code ["a", "b", ...]}: the document's replica table, sorted by id, each once. It is what every replica
   * index of the body points into.
   */
  void replicaTable() {
    expect(JsonToken.START_ARRAY, "the replica table");
    List<ReplicaId> table = new ArrayList<>();
    while (nextItem()) {
      if (table.size() == session.limits().maxReplicas()) {
        throw error("the replica table has more than " + session.limits().maxReplicas()
            + " entries (CodecLimits.maxReplicas)");
      }
      expect(JsonToken.VALUE_STRING, "a replica id");
      ReplicaId replica = build(pointer(), "replica id", () -> ReplicaId.of(parser.getString()));
      if (!table.isEmpty() && replica.compareTo(table.get(table.size() - 1)) <= 0) {
        throw error("the replica table must be sorted by id, each id once");
      }
      table.add(replica);
    }
    session.replicaTable(table.toArray(new ReplicaId[0]));
  }

  /** The current token as an integer in {@code [min, max]}. */
  /** The current token as a boolean. */
  boolean bool(String what) {
    JsonToken token = parser.currentToken();
    if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
      throw error(what + " must be true or false, found " + describe(token));
    }
    return token == JsonToken.VALUE_TRUE;
  }

  long integer(String what, long min, long max) {
    if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
      throw error(what + " must be an integer, found " + describe(parser.currentToken()));
    }
    if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      throw error(what + " must be between " + min + " and " + max + ", found a larger integer");
    }
    long value = parser.getLongValue();
    if (value < min || value > max) {
      throw error(what + " must be between " + min + " and " + max + ", found " + value);
    }
    return value;
  }

  /** The current token as an index into the replica table. */
  ReplicaId replica(String what) {
    ReplicaId[] table = session.replicaTable();
    if (table == null) {
      throw new IllegalStateException("a body was read before the replica table");
    }
    if (table.length == 0) {
      throw error(what + " refers to a replica, but the replica table is empty");
    }
    return table[(int) integer(what + " (an index into the replica table)", 0, table.length - 1)];
  }

  /** {@code [r, n, r, n, ...]}: counts of at least 1, replicas in ascending table order, each once. */
  Map<ReplicaId, Long> counts(String what) {
    expect(JsonToken.START_ARRAY, what);
    Map<ReplicaId, Long> counts = new LinkedHashMap<>();
    @Nullable ReplicaId previous = null;
    while (nextItem()) {
      ReplicaId replica = replica("a replica in " + what);
      if (previous != null && replica.compareTo(previous) <= 0) {
        throw error(what + " must list replicas in ascending table order, each once");
      }
      advance();
      counts.put(replica, integer("the count of " + replica + " in " + what, 1, Long.MAX_VALUE));
      previous = replica;
    }
    return counts;
  }

  /** {@code [wallTime, logical, r]}. */
  HlcTimestamp timestamp(String what) {
    expect(JsonToken.START_ARRAY, what);
    advance();
    long wallTime = integer("the wall time of " + what, 0, Long.MAX_VALUE);
    advance();
    int logical = (int) integer("the logical counter of " + what, 0, Integer.MAX_VALUE);
    advance();
    ReplicaId replica = replica("the replica of " + what);
    if (advance() != JsonToken.END_ARRAY) {
      throw error(what + " must have exactly 3 items: wall time, logical counter, replica");
    }
    return HlcTimestamp.of(wallTime, logical, replica);
  }

  /** {@code [v, v, ...]}: values of the user's type, each once. */
  <E> Set<E> distinctValues(String what, JavaType type) {
    expect(JsonToken.START_ARRAY, what);
    Set<E> values = new LinkedHashSet<>();
    while (nextItem()) {
      if (!values.add(value(type, "an item of " + what))) {
        throw error("an item of " + what + " appears twice");
      }
    }
    return values;
  }

  /**
   * A value of the user's type, read by the mapper's deserializer for {@code type}; whatever that deserializer
   * throws becomes a {@link CrdtDecodeException} here.
   */
  @SuppressWarnings("unchecked")
  <E> E value(JavaType type, String what) {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NULL) {
      throw error(what + " must not be null");
    }
    if (token == JsonToken.END_ARRAY || token == JsonToken.END_OBJECT) {
      throw error(what + " is missing");
    }
    if (parser.streamReadContext().getNestingDepth() > session.limits().maxNestingDepth()) {
      throw error("the document is nested deeper than " + session.limits().maxNestingDepth()
          + " levels (CodecLimits.maxNestingDepth)");
    }
    Object value;
    try {
      value = session.deserializer(context, type).deserialize(parser, context);
    } catch (CrdtDecodeException e) {
      throw e;
    } catch (StreamConstraintsException e) {
      throw error("a parser limit was hit in " + what + ": " + e.getOriginalMessage(), e);
    } catch (RuntimeException e) {
      throw error(what + " is not a valid " + type.getRawClass().getTypeName() + ": " + message(e), e);
    }
    if (value == null) {
      throw error(what + " must not be null");
    }
    return (E) value;
  }

  /** A nested crdtkit body: an object of the type's fields, in any order, each once. */
  <T> T body(BodyCodec<T> codec) {
    expect(JsonToken.START_OBJECT, "the nested " + codec.typeName());
    String bodyPointer = pointer();
    BodyCodec.Decoder<T> decoder = codec.decoder();
    Set<String> seen = new HashSet<>();
    while (advance() == JsonToken.PROPERTY_NAME) {
      String field = parser.currentName();
      if (!codec.fields().contains(field)) {
        throw error("the nested " + codec.typeName() + " has no field " + quote(field));
      }
      if (!seen.add(field)) {
        throw error("field " + quote(field) + " appears twice");
      }
      advance();
      decoder.read(field, this);
    }
    requireFields(codec, seen, bodyPointer);
    return build(bodyPointer, codec.typeName(), () -> decoder.build(this));
  }

  /** Fails if a required field of {@code codec} is not among {@code seen}. */
  void requireFields(BodyCodec<?> codec, Set<String> seen, String bodyPointer) {
    Set<String> required = codec.requiredFields(seen);
    for (String field : codec.fields()) {
      if (required.contains(field) && !seen.contains(field)) {
        throw errorAt(bodyPointer, "the " + codec.typeName() + " needs field " + quote(field), null);
      }
    }
  }

  /**
   * Runs a core factory: the {@code IllegalArgumentException} naming the broken invariant becomes a
   * {@link CrdtDecodeException} at {@code pointer}, the field the invariant is about.
   */
  <T> T build(String pointer, String typeName, Supplier<T> factory) {
    try {
      return factory.get();
    } catch (CrdtDecodeException e) {
      throw e;
    } catch (RuntimeException e) {
      throw errorAt(pointer, "not a valid " + typeName + ": " + message(e), e);
    }
  }

  static String quote(String name) {
    return "\"" + CrdtDecodeException.printable(name, 64) + "\"";
  }

  static String message(Throwable e) {
    String message = e instanceof JacksonException jackson ? jackson.getOriginalMessage() : e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }

  static String describe(@Nullable JsonToken token) {
    if (token == null) {
      return "the end of the input";
    }
    return switch (token) {
      case START_OBJECT -> "an object";
      case END_OBJECT -> "the end of an object";
      case START_ARRAY -> "an array";
      case END_ARRAY -> "the end of an array";
      case PROPERTY_NAME -> "a field name";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT -> "an integer";
      case VALUE_NUMBER_FLOAT -> "a decimal number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> "an embedded value";
    };
  }
}
