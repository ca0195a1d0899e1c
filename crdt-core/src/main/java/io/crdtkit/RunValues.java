package io.crdtkit;

import java.util.Arrays;

/**
 * The values of a {@link SequencePiece}, packed when they are characters (what text is made of): one byte each when
 * every one is in Latin-1, else one {@code char} each, as {@link String} does; any other element type stays an
 * {@code Object[]}. A run of typed text then costs what its characters cost, not a reference (and, past the cache
 * of {@link Character#valueOf}, a boxed object) per character. Deleted slots hold {@code null} or 0: the piece's
 * delete marks tell them apart, not the value.
 */
final class RunValues {

  private RunValues() {}

  /** {@code values} packed: a {@code byte[]}, a {@code char[]}, or {@code values} itself. */
  static Object pack(Object[] values) {
    boolean latin1 = true;
    for (Object value : values) {
      if (value == null) {
        continue;
      }
      if (!(value instanceof Character c)) {
        return values;
      }
      latin1 &= c <= 0xFF;
    }
    if (latin1) {
      byte[] bytes = new byte[values.length];
      for (int i = 0; i < values.length; i++) {
        bytes[i] = values[i] == null ? 0 : (byte) (char) (Character) values[i];
      }
      return bytes;
    }
    char[] chars = new char[values.length];
    for (int i = 0; i < values.length; i++) {
      chars[i] = values[i] == null ? 0 : (Character) values[i];
    }
    return chars;
  }

  static int length(Object packed) {
    if (packed instanceof byte[] bytes) {
      return bytes.length;
    }
    if (packed instanceof char[] chars) {
      return chars.length;
    }
    return ((Object[]) packed).length;
  }

  /** The value at {@code offset}; meaningless (0 or null) for a deleted slot. */
  static Object get(Object packed, int offset) {
    if (packed instanceof byte[] bytes) {
      return (char) (bytes[offset] & 0xFF);
    }
    if (packed instanceof char[] chars) {
      return chars[offset];
    }
    return ((Object[]) packed)[offset];
  }

  /** {@code packed} with {@code more} after it, still packed when they fit; what typing a character costs. */
  static Object append(Object packed, Object[] more) {
    int length = length(packed);
    if (packed instanceof byte[] bytes && fitLatin1(more)) {
      byte[] joined = Arrays.copyOf(bytes, length + more.length);
      for (int i = 0; i < more.length; i++) {
        joined[length + i] = (byte) (char) (Character) more[i];
      }
      return joined;
    }
    if (packed instanceof char[] chars && allCharacters(more)) {
      char[] joined = Arrays.copyOf(chars, length + more.length);
      for (int i = 0; i < more.length; i++) {
        joined[length + i] = (Character) more[i];
      }
      return joined;
    }
    Object[] joined = Arrays.copyOf(unpack(packed, 0, length), length + more.length);
    System.arraycopy(more, 0, joined, length, more.length);
    return pack(joined);
  }

  /** {@code packed} with the slots {@code [from, to)} cleared (deleted). */
  static Object clear(Object packed, int from, int to) {
    if (packed instanceof byte[] bytes) {
      byte[] kept = bytes.clone();
      Arrays.fill(kept, from, to, (byte) 0);
      return kept;
    }
    if (packed instanceof char[] chars) {
      char[] kept = chars.clone();
      Arrays.fill(kept, from, to, (char) 0);
      return kept;
    }
    Object[] kept = ((Object[]) packed).clone();
    Arrays.fill(kept, from, to, null);
    return kept;
  }

  private static boolean fitLatin1(Object[] values) {
    for (Object value : values) {
      if (!(value instanceof Character c) || c > 0xFF) {
        return false;
      }
    }
    return true;
  }

  private static boolean allCharacters(Object[] values) {
    for (Object value : values) {
      if (!(value instanceof Character)) {
        return false;
      }
    }
    return true;
  }

  /** The values as objects, {@code from} to {@code to}. */
  static Object[] unpack(Object packed, int from, int to) {
    if (packed instanceof Object[] objects) {
      return Arrays.copyOfRange(objects, from, to);
    }
    Object[] values = new Object[to - from];
    for (int i = from; i < to; i++) {
      values[i - from] = get(packed, i);
    }
    return values;
  }
}
