package io.crdtkit.net;

import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JavaType;

/**
 * The name a key's type travels under in frames. Two members that registered one key with different element types
 * ({@code ORSet<String>} and {@code ORSet<Integer>}) would otherwise read each other's documents, converting
 * {@code "42"} to {@code 42} on the way, and converge on values neither wrote: so every entry names its type, and a
 * receiver refuses an entry whose type is not the key's here.
 */
final class KeyTypes {

  private KeyTypes() {}

  /**
   * The canonical name of {@code type} ({@code io.crdtkit.ORSet<java.lang.String>}); one longer than a frame's
   * strings may be is cut, with a hash of the whole name, so that different long names still differ.
   */
  static String nameOf(JavaType type) {
    String name = type.toCanonical();
    if (name.getBytes(StandardCharsets.UTF_8).length <= FrameReader.MAX_STRING_BYTES) {
      return name;
    }
    String hash = Long.toHexString(Hashes.ofKey(name));
    return name.substring(0, 256) + "...#" + hash;
  }
}
