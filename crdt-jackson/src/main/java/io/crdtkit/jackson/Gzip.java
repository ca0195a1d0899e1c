package io.crdtkit.jackson;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Optional gzip (RFC 1952) around a whole document, for transport (FORMAT.md, "Compression"). A gzip stream starts
 * with {@code 1f 8b}, which neither JSON nor Smile (":)") can, so a decoder tells the two apart by the first bytes.
 *
 * <p>Inflating never trusts the size the stream claims: it reads in small chunks and stops at the document limit,
 * so a few kilobytes that inflate to gigabytes cost no more than the limit.
 */
final class Gzip {

  private static final int CHUNK = 8 * 1024;

  private Gzip() {}

  static boolean isCompressed(byte[] payload) {
    return payload.length >= 2 && payload[0] == (byte) 0x1f && payload[1] == (byte) 0x8b;
  }

  static byte[] compress(byte[] document) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(document.length / 4 + 64);
    try (GZIPOutputStream gzip = new GZIPOutputStream(out, CHUNK)) {
      gzip.write(document);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot happen: writing to memory", e);
    }
    return out.toByteArray();
  }

  /** The inflated document; refused past {@code maxBytes} or when the stream is damaged. */
  static byte[] inflate(byte[] payload, long maxBytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(payload.length * 4, CHUNK * 16));
    byte[] chunk = new byte[CHUNK];
    try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(payload), CHUNK)) {
      for (int read = gzip.read(chunk); read >= 0; read = gzip.read(chunk)) {
        if (out.size() + (long) read > maxBytes) {
          throw new CrdtDecodeException(null, "", "the payload inflates to more than " + maxBytes
              + " bytes (CodecLimits.maxDocumentBytes)", null);
        }
        out.write(chunk, 0, read);
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof CrdtDecodeException decodeException) {
        throw decodeException;
      }
      throw new CrdtDecodeException(null, "", "malformed gzip: " + WireReader.message(e), e);
    }
    return out.toByteArray();
  }
}
