package io.crdtkit.jackson;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.util.TokenBuffer;

/**
 * The canonical order of values that carry no dot (GSet and TwoPhaseSet elements, LWWMap keys that share a
 * timestamp): by the tokens the mapper's serializer writes for them, compared as bytes (FORMAT.md, "Canonical
 * order"). It works for any user type, needs no {@code Comparable}, and is the same under JSON and Smile because
 * it looks at tokens, not at one format's bytes.
 *
 * <p>The key of a token stream is injective (each token is tagged, strings are terminated, numbers fixed-width),
 * so two values get one key only if the serializer writes the same tokens for both; such values would decode as
 * one, so writing them is refused.
 */
final class CanonicalOrder {

  private static final Comparator<Encoded<?>> BY_KEY = (a, b) -> Arrays.compareUnsigned(a.key, b.key);

  private CanonicalOrder() {}

  /** A value with its tokens (none when it is a plain string) and its sort key. */
  record Encoded<E>(E value, @Nullable TokenBuffer tokens, byte[] key) {

    /** Writes the value exactly as {@link WireWriter#value} would have. */
    void writeTo(WireWriter out) {
      if (tokens == null) {
        out.generator().writeString((String) value);
      } else {
        tokens.serialize(out.generator());
      }
    }
  }

  /** The values encoded, in canonical order; refused if two of them encode alike. */
  static <E> List<Encoded<E>> sorted(Iterable<E> values, JavaType declared, WireWriter out, String what) {
    List<Encoded<E>> encoded = new ArrayList<>();
    for (E value : values) {
      encoded.add(encode(value, declared, out));
    }
    encoded.sort(BY_KEY);
    for (int i = 1; i < encoded.size(); i++) {
      if (BY_KEY.compare(encoded.get(i - 1), encoded.get(i)) == 0) {
        throw DatabindException.from(out.generator(), "two different " + what + " encode to the same tokens under"
            + " this mapper, so they would decode as one: " + encoded.get(i - 1).value + " and "
            + encoded.get(i).value + "; give their type a serializer that tells them apart");
      }
    }
    return encoded;
  }

  /** One value encoded, with its key. */
  static <E> Encoded<E> encode(E value, JavaType declared, WireWriter out) {
    if (out.writesAsPlainString(declared, value)) {
      // The common case, short-cut: the key a string token would get, without buffering it.
      KeyBuilder key = new KeyBuilder();
      key.text(Tag.STRING, (String) value);
      return new Encoded<>(value, null, key.toByteArray());
    }
    TokenBuffer tokens = out.tokens(declared, value);
    return new Encoded<>(value, tokens, key(tokens));
  }

  private static byte[] key(TokenBuffer tokens) {
    KeyBuilder key = new KeyBuilder();
    try (JsonParser parser = tokens.asParser()) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        switch (token) {
          case START_OBJECT -> key.tag(Tag.START_OBJECT);
          case END_OBJECT -> key.tag(Tag.END_OBJECT);
          case START_ARRAY -> key.tag(Tag.START_ARRAY);
          case END_ARRAY -> key.tag(Tag.END_ARRAY);
          case PROPERTY_NAME -> key.text(Tag.NAME, parser.currentName());
          case VALUE_STRING -> key.text(Tag.STRING, parser.getString());
          case VALUE_NUMBER_INT -> integer(parser, key);
          case VALUE_NUMBER_FLOAT -> key.text(Tag.FLOAT, parser.getNumberValue().toString());
          case VALUE_TRUE -> key.tag(Tag.TRUE);
          case VALUE_FALSE -> key.tag(Tag.FALSE);
          case VALUE_NULL -> key.tag(Tag.NULL);
          default -> embedded(parser.getEmbeddedObject(), key);
        }
      }
    }
    return key.toByteArray();
  }

  private static void integer(JsonParser parser, KeyBuilder key) {
    if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      key.text(Tag.BIG_INTEGER, parser.getBigIntegerValue().toString());
    } else {
      // Fixed width, sign bit flipped: integers sort numerically, so a set of ids reads in order.
      key.tag(Tag.INTEGER);
      key.fixed(parser.getLongValue() ^ Long.MIN_VALUE);
    }
  }

  private static void embedded(@Nullable Object value, KeyBuilder key) {
    if (value instanceof byte[] bytes) {
      key.tag(Tag.BINARY);
      key.fixed(bytes.length);
      key.bytes(bytes);
    } else {
      key.text(Tag.EMBEDDED, String.valueOf(value));
    }
  }

  /**
   * Token tags. Ends sort first, so a value that is a prefix of another sorts before it ({@code [1]} before
   * {@code [1, 2]}).
   */
  private enum Tag {
    END_ARRAY, END_OBJECT, NULL, FALSE, TRUE, INTEGER, BIG_INTEGER, FLOAT, STRING, BINARY, EMBEDDED, NAME,
    START_ARRAY, START_OBJECT
  }

  private static final class KeyBuilder extends ByteArrayOutputStream {

    void tag(Tag tag) {
      write(tag.ordinal() + 1);
    }

    /**
     * The text in modified UTF-8 (as {@code DataOutput.writeUTF}, without the length), then a 0 byte that no
     * character encodes to: prefix-free, and ordered as {@link String#compareTo} orders texts (NUL, written as
     * two bytes, is the one exception; any fixed order will do, as long as it is the same everywhere).
     */
    void text(Tag tag, String text) {
      tag(tag);
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c >= 0x01 && c <= 0x7F) {
          write(c);
        } else if (c <= 0x7FF) {
          write(0xC0 | (c >> 6));
          write(0x80 | (c & 0x3F));
        } else {
          write(0xE0 | (c >> 12));
          write(0x80 | ((c >> 6) & 0x3F));
          write(0x80 | (c & 0x3F));
        }
      }
      write(0);
    }

    void fixed(long value) {
      for (int shift = 56; shift >= 0; shift -= 8) {
        write((int) (value >>> shift) & 0xFF);
      }
    }

    void bytes(byte[] bytes) {
      write(bytes, 0, bytes.length);
    }
  }
}
