package io.crdtkit.benchmarks;

import java.util.List;

/**
 * crdtkit's figures on one trace, as {@link SequenceComparison} measured them.
 *
 * @param patches         the trace's patches
 * @param finalLength     the final text's length in characters
 * @param finalUtf8Bytes  the final text's UTF-8 bytes: what any encoding must carry
 * @param replay          the whole trace replayed (JMH, single shot, ms)
 * @param before          the final document's footprint
 * @param afterCollection the same after garbage collection at stability (every dot seen is stable)
 * @param stringHeap      the retained heap of a plain {@link String} of the final text
 * @param merges          one per {@link SequenceScenario#ALL}, in order
 */
record SequenceFigures(int patches, int finalLength, int finalUtf8Bytes, Score replay, SequenceFootprint before,
    SequenceFootprint afterCollection, long stringHeap, List<Merge> merges) {

  /**
   * The merge of a scenario's two replicas.
   *
   * @param scenario   where they forked and by how much they diverged
   * @param time       {@code a.merge(b)} (JMH, average time, ms)
   * @param textLength the merged text's length
   */
  record Merge(SequenceScenario scenario, Score time, int textLength) {}
}
