package io.crdtkit.benchmarks;

import io.crdtkit.Sequence;
import io.crdtkit.Sequences;
import io.crdtkit.clock.ReplicaId;
import java.util.List;
import java.util.Locale;

/**
 * Two replicas of a document that diverged: both start from the state after {@code forkAt} of the trace; replica A
 * applies the first half of the next {@code divergence} of the patches, replica B the second half (its positions
 * clamped to its document). The 1% divergences at three document sizes show whether a merge costs what the document
 * holds; 1%, 25% and 50% at one size whether it costs what the replicas differ by. Kept in step with the JS side's
 * {@code SCENARIOS} ({@code benchmarks/js/sequence-peers.mjs}).
 *
 * @param forkAt     the fraction of the trace both replicas share
 * @param divergence the fraction of the trace that they apply between them after the fork
 */
record SequenceScenario(double forkAt, double divergence) {

  static final List<SequenceScenario> ALL = List.of(new SequenceScenario(0.25, 0.01),
      new SequenceScenario(0.5, 0.01), new SequenceScenario(0.99, 0.01), new SequenceScenario(0.75, 0.25),
      new SequenceScenario(0.5, 0.5));

  static final ReplicaId BASE = ReplicaId.of("base");
  static final ReplicaId A = ReplicaId.of("a");
  static final ReplicaId B = ReplicaId.of("b");

  /** The two replicas, A first. */
  record Replicas(Sequence<Character> a, Sequence<Character> b) {}

  /** Parses {@link #key()}. */
  static SequenceScenario parse(String key) {
    String[] parts = key.split("/");
    return new SequenceScenario(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
  }

  /** {@code forkAt/divergence}, a JMH parameter value. */
  String key() {
    return forkAt + "/" + divergence;
  }

  String describe() {
    return String.format(Locale.ROOT, "forked after %.0f%% of the trace, diverged by %.0f%%", forkAt * 100,
        divergence * 100);
  }

  /** The two replicas of this scenario over {@code trace}. */
  Replicas build(EditTrace trace) {
    int fork = trace.at(forkAt);
    int middle = Math.min(trace.size(), fork + (int) Math.floor(divergence * trace.size() / 2));
    int end = Math.min(trace.size(), fork + (int) Math.floor(divergence * trace.size()));
    Sequence<Character> base = trace.applyTo(Sequence.empty(), BASE, 0, fork, false);
    return new Replicas(trace.applyTo(base, A, fork, middle, false), trace.applyTo(base, B, middle, end, true));
  }

  /** The number of characters of the merge of A and B: every library must agree on it. */
  static int mergedLength(Replicas replicas) {
    return Sequences.text(replicas.a().merge(replicas.b())).length();
  }
}
