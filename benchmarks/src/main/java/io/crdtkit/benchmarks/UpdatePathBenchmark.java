package io.crdtkit.benchmarks;

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
 * The update path crdt-net takes for every local write, against the plain mutator: the delta mutator, then the
 * delta merged into the state it was made from (crdt-net's {@code Replicated.update}). The target is that the
 * first costs at most 1.2x the second, for every type (PERFORMANCE.md, "The replicated update path").
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class UpdatePathBenchmark {

  @State(Scope.Thread)
  public static class Fixture {
    @Param({"ORSet.add", "ORSet.remove", "LWWMap.put", "LWWMap.remove", "ORMap<PNCounter>.increment",
        "PNCounter.increment", "GCounter.increment", "MVRegister.write", "LWWRegister.set", "EWFlag.enable",
        "RWSet.add", "GSet.add", "TwoPhaseSet.add", "Sequence.insert"})
    String update;

    @Param({"1000", "100000"})
    int size;

    UpdateCases.UpdateCase updates;
    int next;

    @Setup(Level.Trial)
    public void build() {
      updates = UpdateCases.of(update, size);
    }
  }

  @Benchmark
  public Object plain(Fixture fixture) {
    return fixture.updates.plain(fixture.next++);
  }

  @Benchmark
  public Object viaDelta(Fixture fixture) {
    return fixture.updates.viaDelta(fixture.next++);
  }
}
