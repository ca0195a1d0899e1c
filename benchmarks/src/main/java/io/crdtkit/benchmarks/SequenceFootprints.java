package io.crdtkit.benchmarks;

import io.crdtkit.Sequence;
import org.jspecify.annotations.Nullable;

/** The footprint of a trace's final document ({@link SequenceFootprint}), before and after garbage collection. */
final class SequenceFootprints {

  private SequenceFootprints() {}

  static SequenceFootprint of(Sequence<Character> doc, EditTrace trace) {
    return new SequenceFootprint(HeapSize.of(doc), -1, null, null, null);
  }

  /** {@code null} until Sequence implements {@code Collectable}. */
  static @Nullable SequenceFootprint afterCollection(Sequence<Character> doc, EditTrace trace) {
    return null;
  }
}
