package io.crdtkit.benchmarks;

import org.jspecify.annotations.Nullable;

/**
 * What the final document of a trace costs to hold and to ship: crdtkit's, before or after garbage collection.
 *
 * @param heapBytes        retained heap (JOL), without the replica ids
 * @param tombstones       deleted elements still held; {@code -1} where the type cannot count them
 * @param encodedBytes     Smile bytes of the codec; {@code null} without one
 * @param encodedGzipBytes the same, gzipped; {@code null} without a codec
 * @param load             decoding those bytes; {@code null} without a codec
 */
record SequenceFootprint(long heapBytes, int tombstones, @Nullable Long encodedBytes,
    @Nullable Long encodedGzipBytes, @Nullable Score load) {

  /** This footprint with its load time. */
  SequenceFootprint withLoad(Score time) {
    return new SequenceFootprint(heapBytes, tombstones, encodedBytes, encodedGzipBytes, time);
  }
}
