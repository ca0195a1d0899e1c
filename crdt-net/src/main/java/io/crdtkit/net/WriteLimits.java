package io.crdtkit.net;

import io.crdtkit.Crdt;
import io.crdtkit.jackson.CodecLimits;
import io.crdtkit.jackson.CrdtCodec;
import io.crdtkit.jackson.CrdtDecodeException;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;

/**
 * The limits a peer's decoder applies to a key's documents, checked where an update is made (DESIGN.md, 5b: "a local
 * update that peers would refuse fails locally, before it changes anything"). Without it, a state past
 * {@link CodecLimits#maxElements()} was taken here and refused by every peer, which then stayed behind for good.
 *
 * <p>Each update's delta is encoded and decoded with the key's codec: exact, and cheap, since deltas are small. A
 * delta too small to break a count limit is only encoded, when the key's type can hold nothing else that a peer's
 * decoder could refuse (see {@link #shortDeltaProven(CodecLimits)}): the decode was half of a local update's cost. The
 * whole state is what anti-entropy sends, but checking it at every update would cost its size each time; so it is
 * checked in full, and also against half the limits, and while it was within half of them, later updates only add
 * up their deltas' sizes until those reach a quarter of the smaller of the byte and item limits. That is safe because
 * merging adds at most a delta's items and bytes to a state (every item takes at least a byte), a local update adds
 * no replica but this node's own, and nesting depth and string length do not grow by merging: a delta within them
 * keeps the state within them. Near the limits every update is checked in full. Guarded by the key's lock.
 *
 * @param <S> the key's type
 */
final class WriteLimits<S> {

  /** Room for what a frame adds around a state's document: key, type, counts (a reassembled frame is bounded). */
  static final int FRAME_ROOM = 2048;

  /** The element types a node's own mapper reads back from any document it wrote: nothing in them can be refused. */
  private static final Set<Class<?>> PLAIN_SCALARS =
      Set.of(String.class, Integer.class, Long.class, Short.class, Byte.class, Boolean.class);

  /** The first byte of a Smile document; a gzipped one starts otherwise (its length then says nothing of its items). */
  private static final byte SMILE_HEADER = ':';

  private final CrdtCodec<S> codec;
  private final @Nullable CrdtCodec<S> halved;
  private final long maxDocumentBytes;
  private final long headroom;
  /** A delta's document of at most this many bytes is within every count limit; 0 if a decode must prove it. */
  private final long maxUndecodedDeltaBytes;
  /** Bytes of deltas taken in since the state was last found within half the limits. */
  private long sinceHalfCheck = Long.MAX_VALUE / 2;

  /**
   * The limits of one key.
   *
   * @param codec  the key's codec, with the limits its peers decode with
   * @param halved the same type on a mapper with half the limits, or null (a user's own codec): then every update
   *               checks the whole state
   * @param limits the node's limits, which bound a frame (NET.md, "Wire format")
   */
  WriteLimits(CrdtCodec<S> codec, @Nullable CrdtCodec<S> halved, CodecLimits limits) {
    this.codec = codec;
    this.halved = halved;
    this.maxDocumentBytes = Math.max(1, limits.maxDocumentBytes() - FRAME_ROOM);
    // Replicas do not bound the headroom: a local update adds no replica but this node's own (OwnReplicaRule holds
    // every delta to its own dots; the rest of its context it observed in the state), so the state has at most one
    // more replica than when it was found within half the limits. Bytes and items bound it: an item takes a byte.
    this.headroom = limits.maxReplicas() >= 2
        ? Math.min(maxDocumentBytes, limits.maxElements()) / 4
        : Math.min(maxDocumentBytes, Math.min(limits.maxElements(), limits.maxReplicas())) / 4;
    this.maxUndecodedDeltaBytes = halved != null && onlyPlainScalars(codec.type()) ? shortDeltaProven(limits) : 0;
  }

  /** The key's codec on a mapper with half the limits, if the node made its codec (what a new entry is made with). */
  @Nullable CrdtCodec<S> halved() {
    return halved;
  }

  /** The limits of {@code limits} that add up as states grow, halved; the others as they are. */
  static CodecLimits halve(CodecLimits limits) {
    return limits.withMaxDocumentBytes(Math.max(1, limits.maxDocumentBytes() / 2))
        .withMaxElements(Math.max(1, limits.maxElements() / 2))
        .withMaxReplicas(Math.max(1, limits.maxReplicas() / 2));
  }

  /**
   * The most bytes a delta's document may take to be within every count limit of {@code limits} whatever it holds:
   * every item, replica and character takes at least a byte, and each level of nesting two (a start and an end
   * marker).
   */
  static long shortDeltaProven(CodecLimits limits) {
    return Math.min(Math.min(limits.maxElements(), limits.maxReplicas()),
        Math.min(limits.maxStringLength(), 2L * limits.maxNestingDepth()));
  }

  /**
   * Whether {@code type} is a crdtkit type whose type arguments are, all the way down, crdtkit types or plain
   * scalars ({@code ORSet<String>}, {@code ORMap<String, PNCounter>}): a document the node's own mapper wrote of
   * such a type can be refused by a peer only for a count limit. A user's element type may fail to decode for its
   * own reasons (a missing creator, a validating setter), so its deltas are always decoded.
   */
  static boolean onlyPlainScalars(JavaType type) {
    if (!isCrdtkitType(type.getRawClass())) {
      return false;
    }
    for (int i = 0; i < type.containedTypeCount(); i++) {
      JavaType argument = type.containedType(i);
      if (!PLAIN_SCALARS.contains(argument.getRawClass()) && !onlyPlainScalars(argument)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isCrdtkitType(Class<?> raw) {
    return Crdt.class.isAssignableFrom(raw) && raw.getPackageName().equals(Crdt.class.getPackageName());
  }

  /**
   * Fails if a peer would refuse {@code delta}, or {@code merged}, the key's state with it.
   *
   * @return the delta's document, as the key's codec writes it (a durable node journals these bytes)
   * @throws IllegalArgumentException naming the key and the limit
   */
  byte[] check(String key, S delta, S merged) {
    byte[] deltaDocument = encode(key, "its delta", delta);
    if (!isShortPlainDocument(deltaDocument)) {
      decode(key, "its delta", deltaDocument);
    }
    sinceHalfCheck += deltaDocument.length;
    if (halved != null && sinceHalfCheck <= headroom) {
      return deltaDocument;
    }
    byte[] document = encode(key, "its state", merged);
    if (halved != null && document.length <= maxDocumentBytes / 2 && decodes(halved, document)) {
      sinceHalfCheck = 0;
      return deltaDocument;
    }
    decode(key, "its state", document);
    return deltaDocument;
  }

  private boolean isShortPlainDocument(byte[] document) {
    return document.length <= maxUndecodedDeltaBytes && document.length > 0 && document[0] == SMILE_HEADER;
  }

  private byte[] encode(String key, String what, S value) {
    byte[] document = codec.encode(value);
    if (document.length > maxDocumentBytes) {
      throw refused(key, what + " would take " + document.length + " bytes, more than the " + maxDocumentBytes
          + " a member takes in (CodecLimits.maxDocumentBytes, less " + FRAME_ROOM + " for the frame around it)");
    }
    return document;
  }

  private void decode(String key, String what, byte[] document) {
    try {
      codec.decode(document);
    } catch (CrdtDecodeException e) {
      throw refused(key, what + " would be refused by every member: " + e.getMessage());
    }
  }

  private static boolean decodes(CrdtCodec<?> codec, byte[] document) {
    try {
      codec.decode(document);
      return true;
    } catch (CrdtDecodeException e) {
      return false;
    }
  }

  private static IllegalArgumentException refused(String key, String why) {
    return new IllegalArgumentException("key '" + key + "': the update is refused, nothing was changed: " + why);
  }
}
