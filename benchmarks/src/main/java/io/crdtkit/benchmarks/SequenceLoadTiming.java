package io.crdtkit.benchmarks;

import io.crdtkit.Sequence;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.jackson.CrdtCodec;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Loading a trace's final document from its Smile encoding (crdt-jackson), as it was replayed or after garbage
 * collection at stability ({@link SequenceFootprints#collected}). Run by {@link SequenceComparison} (see
 * {@link SequenceReplayTiming} for the trace's path).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SequenceLoadTiming {

  static final String FINAL = "final";
  static final String COLLECTED = "collected";

  @State(Scope.Benchmark)
  public static class Encoded {
    /** The document as replayed, or collected at stability. */
    @Param({FINAL, COLLECTED})
    String document;

    CrdtCodec<Sequence<Character>> codec;
    byte[] bytes;

    @Setup(Level.Trial)
    public void encode() {
      EditTrace trace = EditTrace.load(Path.of(System.getProperty(SequenceReplayTiming.TRACE_PROPERTY)));
      Sequence<Character> doc = trace.replay(ReplicaId.of("editor"));
      codec = SequenceFootprints.smile();
      bytes = codec.encode(document.equals(COLLECTED) ? SequenceFootprints.collected(doc) : doc);
    }
  }

  @Benchmark
  public Sequence<Character> load(Encoded state) {
    return state.codec.decode(state.bytes);
  }
}
