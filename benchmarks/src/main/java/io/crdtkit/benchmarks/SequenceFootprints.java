package io.crdtkit.benchmarks;

import io.crdtkit.Sequence;
import io.crdtkit.Sequences;

/**
 * The footprint of a trace's final document ({@link SequenceFootprint}): retained heap (JOL, as {@link HeapSize}
 * measures every structure of this module) and tombstones; before and after garbage collection at stability, with
 * every dot the document has seen stable, as when every replica has merged every edit.
 */
final class SequenceFootprints {

  private SequenceFootprints() {}

  /** {@code doc} collected with every dot it has seen stable, and collapsed: the state GC leaves at quiescence. */
  static Sequence<Character> collected(Sequence<Character> doc) {
    Sequence<Character> collected = doc.collect(doc.context().vectorClock(), doc.context().vectorClock());
    if (!Sequences.text(collected).equals(Sequences.text(doc))) {
      throw new IllegalStateException("collection changed the text");
    }
    return collected;
  }

  static SequenceFootprint of(Sequence<Character> doc) {
    return new SequenceFootprint(HeapSize.of(doc), doc.tombstones(), null, null, null);
  }
}
