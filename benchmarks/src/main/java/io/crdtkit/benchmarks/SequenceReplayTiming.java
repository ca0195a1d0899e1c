package io.crdtkit.benchmarks;

import io.crdtkit.Sequence;
import io.crdtkit.clock.ReplicaId;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A whole editing trace replayed on a fresh {@link Sequence}, one local delete and one local insert per patch: one
 * invocation per measurement (the replay takes about a second). Run by {@link SequenceComparison}, which passes the
 * trace's path as the system property {@value #TRACE_PROPERTY}; not named {@code *Benchmark}, so that the report
 * command and CI's smoke pass leave it out.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SequenceReplayTiming {

  static final String TRACE_PROPERTY = "crdtkit.trace";

  private static final ReplicaId REPLICA = ReplicaId.of("editor");

  @State(Scope.Benchmark)
  public static class Trace {
    EditTrace trace;

    @Setup(Level.Trial)
    public void load() {
      trace = EditTrace.load(Path.of(System.getProperty(TRACE_PROPERTY)));
    }
  }

  @Benchmark
  public Sequence<Character> replay(Trace state) {
    return state.trace.replay(REPLICA);
  }
}
