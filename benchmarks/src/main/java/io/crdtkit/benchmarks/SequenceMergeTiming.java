package io.crdtkit.benchmarks;

import io.crdtkit.Sequence;
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
 * The full-state merge {@code a.merge(b)} of two replicas of an editing trace's document that diverged as a
 * {@link SequenceScenario} says. Both states are immutable, so every invocation merges the same pair. Run by
 * {@link SequenceComparison} (see {@link SequenceReplayTiming} for the trace's path).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SequenceMergeTiming {

  @State(Scope.Benchmark)
  public static class Replicas {
    /** {@link SequenceScenario#key()}: where the replicas forked, and by how much they diverged. */
    @Param({"0.25/0.01", "0.5/0.01", "0.99/0.01", "0.75/0.25", "0.5/0.5"})
    String scenario;

    Sequence<Character> a;
    Sequence<Character> b;

    @Setup(Level.Trial)
    public void build() {
      EditTrace trace = EditTrace.load(Path.of(System.getProperty(SequenceReplayTiming.TRACE_PROPERTY)));
      SequenceScenario.Replicas replicas = SequenceScenario.parse(scenario).build(trace);
      a = replicas.a();
      b = replicas.b();
    }
  }

  @Benchmark
  public Sequence<Character> merge(Replicas state) {
    return state.a.merge(state.b);
  }
}
