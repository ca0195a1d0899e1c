package io.crdtkit.net;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link FrameWriter} wrote, distrusting every count and length: each is checked against the bytes that
 * remain before anything is allocated, so a frame cannot make the reader allocate more than its own size.
 */
final class FrameReader {

  /** The longest string (key, replica id) a frame carries, in UTF-8 bytes. */
  static final int MAX_STRING_BYTES = 1024;

  private final ByteBuffer in;

  FrameReader(byte[] frame, int offset, int length) {
    in = ByteBuffer.wrap(frame, offset, length);
  }

  int u8(String field) {
    require(1, field);
    return in.get() & 0xFF;
  }

  int u16(String field) {
    require(2, field);
    return ((in.get() & 0xFF) << 8) | (in.get() & 0xFF);
  }

  int i32(String field) {
    require(4, field);
    return in.getInt();
  }

  long i64(String field) {
    require(8, field);
    return in.getLong();
  }

  /** A non-negative count of items that take at least {@code minItemBytes} each. */
  int count(String field, int minItemBytes) {
    int count = i32(field);
    if (count < 0 || (long) count * minItemBytes > in.remaining()) {
      throw new WireException(field + ": a count of " + count + " does not fit the " + in.remaining()
          + " bytes left");
    }
    return count;
  }

  String string(String field) {
    require(2, field);
    int length = ((in.get() & 0xFF) << 8) | (in.get() & 0xFF);
    if (length > MAX_STRING_BYTES) {
      throw new WireException(field + ": a string of " + length + " bytes, more than " + MAX_STRING_BYTES);
    }
    require(length, field);
    ByteBuffer slice = in.slice();
    slice.limit(length);
    in.position(in.position() + length);
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(slice)
          .toString();
    } catch (CharacterCodingException e) {
      throw new WireException(field + ": not valid UTF-8", e);
    }
  }

  byte[] bytes(String field) {
    int length = i32(field);
    if (length < 0) {
      throw new WireException(field + ": negative length " + length);
    }
    require(length, field);
    byte[] value = new byte[length];
    in.get(value);
    return value;
  }

  /** Every byte left. */
  byte[] rest() {
    byte[] value = new byte[in.remaining()];
    in.get(value);
    return value;
  }

  /** Whether any byte is left: a trailing optional field is present. */
  boolean hasRemaining() {
    return in.hasRemaining();
  }

  void requireEnd() {
    if (in.hasRemaining()) {
      throw new WireException(in.remaining() + " trailing bytes after the message");
    }
  }

  private void require(int bytes, String field) {
    if (in.remaining() < bytes) {
      throw new WireException(field + ": truncated, needs " + bytes + " bytes, " + in.remaining() + " left");
    }
  }
}
