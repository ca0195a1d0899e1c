package io.crdtkit.benchmarks;

import io.crdtkit.Sequence;
import io.crdtkit.Sequences;
import io.crdtkit.jackson.CrdtCodec;
import io.crdtkit.jackson.CrdtMappers;
import tools.jackson.core.type.TypeReference;

/**
 * The footprint of a trace's final document ({@link SequenceFootprint}): retained heap (JOL, as {@link HeapSize}
 * measures every structure of this module), tombstones, and crdt-jackson's Smile encoding, plain and gzipped (the
 * same gzip as the JS side's {@code zlib.gzipSync}, for like with like); before and after garbage collection at
 * stability, with every dot the document has seen stable, as when every replica has merged every edit.
 */
final class SequenceFootprints {

  private SequenceFootprints() {}

  /** The codec of the comparison's documents: Smile, as the other benchmarks' encoded sizes. */
  static CrdtCodec<Sequence<Character>> smile() {
    return CrdtCodec.of(CrdtMappers.smile(), new TypeReference<Sequence<Character>>() {});
  }

  /** {@code doc} collected with every dot it has seen stable: the state GC leaves at quiescence. */
  static Sequence<Character> collected(Sequence<Character> doc) {
    Sequence<Character> collected = doc.collect(doc.context().vectorClock(), doc.context().vectorClock());
    if (!Sequences.text(collected).equals(Sequences.text(doc))) {
      throw new IllegalStateException("collection changed the text");
    }
    return collected;
  }

  /** Heap, tombstones and encoded sizes of {@code doc}; its load time is measured apart ({@link SequenceLoadTiming}). */
  static SequenceFootprint of(Sequence<Character> doc) {
    CrdtCodec<Sequence<Character>> codec = smile();
    byte[] encoded = codec.encode(doc);
    if (!codec.decode(encoded).equals(doc)) {
      throw new IllegalStateException("the decoded document is not the encoded one");
    }
    return new SequenceFootprint(HeapSize.of(doc), doc.tombstones(), (long) encoded.length,
        (long) EncodedSizes.gzip(encoded).length, null);
  }
}
