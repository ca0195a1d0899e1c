package io.crdtkit.jackson;

import java.util.Arrays;
import java.util.Random;

/**
 * Byte-level damage, as a network or a disk does it: flipped bits, cut-off ends, lost and repeated stretches,
 * stray bytes, and bytes that mean something to a JSON or Smile parser dropped in at random.
 */
final class Mutations {

  // Structural bytes of JSON ('[', '{', '"', digits, '-') and Smile (array/object start and end markers, string
  // and number tokens, the end-of-string marker), and the extremes.
  private static final byte[] MEANINGFUL = {
      0x00, (byte) 0xFF, 0x7F, (byte) 0x80, '[', ']', '{', '}', '"', ',', ':', '-', '9', '0', 'e',
      (byte) 0xF8, (byte) 0xF9, (byte) 0xFA, (byte) 0xFB, (byte) 0xFC, (byte) 0xFD, 0x24, 0x25, 0x26, 0x28,
      (byte) 0xE0, (byte) 0xE4, (byte) 0xE8, (byte) 0xC0, 0x20, 0x21, 0x22, 0x23};

  private Mutations() {}

  /** {@code payload} damaged one way, chosen by {@code random}; never the payload itself. */
  static byte[] mutate(byte[] payload, Random random) {
    if (payload.length == 0) {
      return new byte[] {MEANINGFUL[random.nextInt(MEANINGFUL.length)]};
    }
    return switch (random.nextInt(8)) {
      case 0 -> flipBits(payload, random, 1);
      case 1 -> flipBits(payload, random, 1 + random.nextInt(8));
      case 2 -> Arrays.copyOf(payload, random.nextInt(payload.length));
      case 3 -> delete(payload, random);
      case 4 -> insert(payload, random);
      case 5 -> repeat(payload, random);
      case 6 -> overwrite(payload, random);
      default -> splice(payload, random);
    };
  }

  private static byte[] flipBits(byte[] payload, Random random, int bits) {
    byte[] copy = payload.clone();
    for (int i = 0; i < bits; i++) {
      copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
    }
    return copy;
  }

  private static byte[] delete(byte[] payload, Random random) {
    int from = random.nextInt(payload.length);
    int length = Math.min(1 + random.nextInt(8), payload.length - from);
    byte[] copy = new byte[payload.length - length];
    System.arraycopy(payload, 0, copy, 0, from);
    System.arraycopy(payload, from + length, copy, from, payload.length - from - length);
    return copy;
  }

  private static byte[] insert(byte[] payload, Random random) {
    int at = random.nextInt(payload.length + 1);
    byte[] inserted = new byte[1 + random.nextInt(8)];
    for (int i = 0; i < inserted.length; i++) {
      inserted[i] = random.nextBoolean() ? MEANINGFUL[random.nextInt(MEANINGFUL.length)] : (byte) random.nextInt();
    }
    return join(Arrays.copyOfRange(payload, 0, at), inserted, Arrays.copyOfRange(payload, at, payload.length));
  }

  private static byte[] repeat(byte[] payload, Random random) {
    int from = random.nextInt(payload.length);
    int to = from + 1 + random.nextInt(Math.min(32, payload.length - from));
    byte[] stretch = Arrays.copyOfRange(payload, from, to);
    return join(Arrays.copyOfRange(payload, 0, to), stretch, stretch, Arrays.copyOfRange(payload, to, payload.length));
  }

  private static byte[] overwrite(byte[] payload, Random random) {
    byte[] copy = payload.clone();
    copy[random.nextInt(copy.length)] = MEANINGFUL[random.nextInt(MEANINGFUL.length)];
    return copy;
  }

  /** The start of the payload joined to a later or earlier part of itself: valid pieces, wrong places. */
  private static byte[] splice(byte[] payload, Random random) {
    int cut = random.nextInt(payload.length);
    int resume = random.nextInt(payload.length);
    return join(Arrays.copyOfRange(payload, 0, cut), Arrays.copyOfRange(payload, resume, payload.length));
  }

  private static byte[] join(byte[]... parts) {
    int length = Arrays.stream(parts).mapToInt(part -> part.length).sum();
    byte[] joined = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, joined, at, part.length);
      at += part.length;
    }
    return joined;
  }
}
