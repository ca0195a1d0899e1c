package io.crdtkit.benchmarks;

import io.crdtkit.PNCounter;
import io.crdtkit.clock.ReplicaId;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
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
 * One increment of a PNCounter that {@code replicas} replicas have changed, by one of them (in the middle of the
 * sorted replica order). No plain collection does this work, so there is no limit to compare with.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PNCounterIncrementBenchmark {

  @State(Scope.Thread)
  public static class Crdtkit {
    @Param({"64"})
    int replicas;

    PNCounter counter;
    ReplicaId incrementer;

    @Setup(Level.Trial)
    public void build() {
      counter = CrdtkitStates.pnCounter(replicas);
      incrementer = Replicas.crdtkit(replicas / 3);
    }
  }

  @State(Scope.Thread)
  public static class Pekko {
    @Param({"64"})
    int replicas;

    org.apache.pekko.cluster.ddata.PNCounter counter;
    SelfUniqueAddress incrementer;

    @Setup(Level.Trial)
    public void build() {
      counter = PekkoStates.pnCounter(replicas);
      incrementer = Replicas.pekko(replicas / 3);
    }
  }

  @Benchmark
  public PNCounter crdtkit(Crdtkit state) {
    return state.counter.increment(state.incrementer, 1);
  }

  @Benchmark
  public org.apache.pekko.cluster.ddata.PNCounter pekko(Pekko state) {
    return state.counter.increment(state.incrementer, 1L);
  }
}
