package io.crdtkit.net;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes the primitive fields of a frame: big-endian integers, length-prefixed strings and byte blocks. */
final class FrameWriter {

  private final ByteArrayOutputStream out;

  FrameWriter(int expectedSize) {
    out = new ByteArrayOutputStream(expectedSize);
  }

  FrameWriter u8(int value) {
    out.write(value);
    return this;
  }

  FrameWriter u16(int value) {
    if (value < 0 || value > 0xFFFF) {
      throw new IllegalArgumentException("a 16-bit field cannot hold " + value);
    }
    out.write(value >>> 8);
    out.write(value);
    return this;
  }

  FrameWriter i32(int value) {
    out.write(value >>> 24);
    out.write(value >>> 16);
    out.write(value >>> 8);
    out.write(value);
    return this;
  }

  FrameWriter i64(long value) {
    i32((int) (value >>> 32));
    return i32((int) value);
  }

  /** A string as its UTF-8 length (two bytes) and bytes; callers keep strings short (keys, replica ids). */
  FrameWriter string(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > FrameReader.MAX_STRING_BYTES) {
      throw new IllegalArgumentException("a string of " + bytes.length + " UTF-8 bytes is longer than the "
          + FrameReader.MAX_STRING_BYTES + " a frame carries");
    }
    out.write(bytes.length >>> 8);
    out.write(bytes.length);
    out.write(bytes, 0, bytes.length);
    return this;
  }

  FrameWriter bytes(byte[] value) {
    i32(value.length);
    out.write(value, 0, value.length);
    return this;
  }

  /** Bytes as they are, no length: only at the end of a frame. */
  FrameWriter raw(byte[] value) {
    out.write(value, 0, value.length);
    return this;
  }

  int size() {
    return out.size();
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }

  /** The bytes a string field takes. */
  static int stringSize(String value) {
    return 2 + value.getBytes(StandardCharsets.UTF_8).length;
  }
}
