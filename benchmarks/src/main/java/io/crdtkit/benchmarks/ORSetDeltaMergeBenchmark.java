package io.crdtkit.benchmarks;

import io.crdtkit.ORSet;
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
 * Receiving one remote add: merging the delta of one add, made on another replica, into an ORSet of {@code size}
 * elements. This is what every replica does for every update of every other replica, so it should cost what an
 * add costs, whatever the size. Each invocation merges one of {@link Elements#FRESH} deltas into the unchanged
 * fixture.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ORSetDeltaMergeBenchmark {

  @State(Scope.Thread)
  public static class Crdtkit {
    @Param({"1000", "100000"})
    int size;

    ORSet<String> set;
    @SuppressWarnings({"unchecked", "rawtypes"})
    final ORSet<String>[] deltas = new ORSet[Elements.FRESH];
    int next;

    @Setup(Level.Trial)
    public void build() {
      set = CrdtkitStates.orSet(Elements.items(0, size));
      // Made on the other replica's copy, an equal state but not this instance, as a delta that arrives is: merging
      // a delta back into the very state it was made from is the local update's shortcut (OwnDelta), not this.
      ORSet<String> remote = CrdtkitStates.orSetMergedInReverse(Elements.items(0, size));
      String[] fresh = Elements.fresh();
      for (int i = 0; i < deltas.length; i++) {
        deltas[i] = remote.deltaAdd(Replicas.crdtkit(1), fresh[i]);
      }
    }
  }

  @State(Scope.Thread)
  public static class Pekko {
    @Param({"1000", "100000"})
    int size;

    org.apache.pekko.cluster.ddata.ORSet<String> set;
    final org.apache.pekko.cluster.ddata.ORSet.DeltaOp[] deltas =
        new org.apache.pekko.cluster.ddata.ORSet.DeltaOp[Elements.FRESH];
    int next;

    @Setup(Level.Trial)
    public void build() {
      set = PekkoStates.orSet(Elements.items(0, size));
      SelfUniqueAddress other = Replicas.pekko(1);
      String[] fresh = Elements.fresh();
      for (int i = 0; i < deltas.length; i++) {
        deltas[i] = set.add(other, fresh[i]).delta().get();
      }
    }
  }

  @Benchmark
  public ORSet<String> crdtkit(Crdtkit state) {
    return state.set.merge(state.deltas[state.next++ & (Elements.FRESH - 1)]);
  }

  @Benchmark
  public org.apache.pekko.cluster.ddata.ORSet<String> pekko(Pekko state) {
    return state.set.mergeDelta(state.deltas[state.next++ & (Elements.FRESH - 1)]);
  }
}
