package io.crdtkit.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * How records sit in the engine. Keys: {@code 'i'} the identity, {@code 'g'} the GC state, {@code 'o'} the
 * {@link OpenMarker}, {@code 's' len name} a
 * key's snapshot, {@code 'd' len name seq} a key's delta (big-endian seq, so a key's deltas are contiguous and in
 * append order). Values: a CRC32C over the record's key and payload, then the payload. The engine checks its own
 * blocks too; this checksum is ours, so a flipped byte is caught whatever the engine's settings, and a record moved
 * under another key (a damaged key) fails as well.
 */
final class RecordFormat {

  static final byte IDENTITY = 'i';
  static final byte GC_STATE = 'g';
  static final byte OPEN_MARKER = 'o';
  static final byte SNAPSHOT = 's';
  static final byte DELTA = 'd';
  static final int CRC_BYTES = 4;

  private RecordFormat() {}

  static byte[] identityKey() {
    return new byte[] {IDENTITY};
  }

  static byte[] openMarkerKey() {
    return new byte[] {OPEN_MARKER};
  }

  static byte[] gcStateKey() {
    return new byte[] {GC_STATE};
  }

  static byte[] snapshotKey(String key) {
    byte[] name = key.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(1 + 4 + name.length).put(SNAPSHOT).putInt(name.length).put(name).array();
  }

  static byte[] deltaKey(String key, long seq) {
    byte[] name = key.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(1 + 4 + name.length + 8).put(DELTA).putInt(name.length).put(name).putLong(seq).array();
  }

  /** The first and the past-the-end delta keys of {@code key}: a range that covers all its deltas. */
  static byte[][] deltaRange(String key) {
    return new byte[][] {deltaKey(key, 0), deltaKey(key, Long.MAX_VALUE)};
  }

  /** The key name inside a snapshot or delta record key. */
  static String keyName(byte[] recordKey) {
    ByteBuffer buffer = ByteBuffer.wrap(recordKey, 1, recordKey.length - 1);
    int length = buffer.getInt();
    if (length < 0 || length > buffer.remaining()) {
      throw new IllegalArgumentException("name length " + length + " exceeds the record key");
    }
    return new String(recordKey, 5, length, StandardCharsets.UTF_8);
  }

  static long deltaSeq(byte[] recordKey) {
    return ByteBuffer.wrap(recordKey, recordKey.length - 8, 8).getLong();
  }

  static byte[] encodeIdentity(StoredIdentity identity) {
    byte[] id = identity.replicaId().getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(8 + 4 + id.length).putLong(identity.createdAtMillis()).putInt(id.length).put(id)
        .array();
  }

  static StoredIdentity decodeIdentity(byte[] payload) {
    ByteBuffer buffer = ByteBuffer.wrap(payload);
    long created = buffer.getLong();
    int length = buffer.getInt();
    if (length != buffer.remaining()) {
      throw new IllegalArgumentException("replica id length " + length + ", " + buffer.remaining() + " bytes left");
    }
    return new StoredIdentity(new String(payload, 12, length, StandardCharsets.UTF_8), created);
  }

  /** The stored value: checksum, then payload. */
  static byte[] seal(byte[] recordKey, byte[] payload) {
    byte[] value = new byte[CRC_BYTES + payload.length];
    ByteBuffer.wrap(value).putInt(crc(recordKey, payload, 0, payload.length));
    System.arraycopy(payload, 0, value, CRC_BYTES, payload.length);
    return value;
  }

  /**
   * The payload of a stored value whose checksum matches.
   *
   * @throws DamagedStoreException naming the record when it does not
   */
  static byte[] open(byte[] recordKey, byte[] value, String describedAs) {
    if (value.length < CRC_BYTES) {
      throw new DamagedStoreException("record " + describedAs + " is " + value.length
          + " bytes, shorter than its checksum: truncated");
    }
    int stored = ByteBuffer.wrap(value).getInt();
    int actual = crc(recordKey, value, CRC_BYTES, value.length - CRC_BYTES);
    if (stored != actual) {
      throw new DamagedStoreException(String.format(
          "record %s fails its CRC32C (stored %08x, computed %08x): the record or its key is damaged",
          describedAs, stored, actual));
    }
    return Arrays.copyOfRange(value, CRC_BYTES, value.length);
  }

  private static int crc(byte[] recordKey, byte[] payload, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(recordKey);
    crc.update(payload, offset, length);
    return (int) crc.getValue();
  }
}
