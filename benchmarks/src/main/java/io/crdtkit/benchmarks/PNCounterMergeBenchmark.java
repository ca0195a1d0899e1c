package io.crdtkit.benchmarks;

import io.crdtkit.PNCounter;
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
 * The merge of two copies of a PNCounter that {@code replicas} replicas have changed, after the first half of the
 * replicas incremented on one copy and the second half on the other: every entry differs on one side.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PNCounterMergeBenchmark {

  @State(Scope.Thread)
  public static class Crdtkit {
    @Param({"64"})
    int replicas;

    PNCounter left;
    PNCounter right;

    @Setup(Level.Trial)
    public void build() {
      var pair = CrdtkitStates.diverged(CrdtkitStates.pnCounter(replicas), replicas);
      left = pair._1;
      right = pair._2;
    }
  }

  @State(Scope.Thread)
  public static class Pekko {
    @Param({"64"})
    int replicas;

    org.apache.pekko.cluster.ddata.PNCounter left;
    org.apache.pekko.cluster.ddata.PNCounter right;

    @Setup(Level.Trial)
    public void build() {
      var pair = PekkoStates.diverged(PekkoStates.pnCounter(replicas), replicas);
      left = pair._1;
      right = pair._2;
    }
  }

  @Benchmark
  public PNCounter crdtkit(Crdtkit state) {
    return state.left.merge(state.right);
  }

  @Benchmark
  public org.apache.pekko.cluster.ddata.PNCounter pekko(Pekko state) {
    return state.left.merge(state.right);
  }
}
