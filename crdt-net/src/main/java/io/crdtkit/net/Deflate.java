package io.crdtkit.net;

import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Deflate in zlib framing (RFC 1950, with its checksum) of frame bodies. Inflating trusts nothing: the frame states the inflated length, checked
 * against the limit before anything is allocated, and the stream must end exactly there.
 */
final class Deflate {

  private Deflate() {}

  static byte[] compress(byte[] body) {
    Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    try {
      deflater.setInput(body);
      deflater.finish();
      byte[] buffer = new byte[body.length + 64];
      int length = 0;
      while (!deflater.finished()) {
        if (length == buffer.length) {
          buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
        }
        length += deflater.deflate(buffer, length, buffer.length - length);
      }
      return java.util.Arrays.copyOf(buffer, length);
    } finally {
      deflater.end();
    }
  }

  static byte[] inflate(byte[] compressed, int inflatedLength) {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(compressed);
      byte[] body = new byte[inflatedLength];
      int length = 0;
      while (length < inflatedLength) {
        int read = inflater.inflate(body, length, inflatedLength - length);
        if (read == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        length += read;
      }
      if (length != inflatedLength) {
        throw new WireException("compressed body inflates to " + length + " bytes, the frame said "
            + inflatedLength);
      }
      // The stream must end here: nothing more may inflate, and no input may be left over.
      if (inflater.inflate(new byte[1]) != 0 || !inflater.finished() || inflater.getRemaining() != 0) {
        throw new WireException("compressed body continues past the " + inflatedLength + " bytes the frame said");
      }
      return body;
    } catch (DataFormatException e) {
      throw new WireException("damaged compressed body: " + e.getMessage(), e);
    } finally {
      inflater.end();
    }
  }
}
