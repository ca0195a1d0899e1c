package io.crdtkit.benchmarks;

import io.crdtkit.ORSet;
import io.crdtkit.clock.ReplicaId;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One add of an absent element to an ORSet of {@code size} elements. The persistent sets add to the same fixture
 * every time (it stays unchanged), cycling through {@link Elements#FRESH} absent elements. {@code java.util.HashSet}
 * is mutable, so it adds a batch of them and an untimed tear-down takes them out again.
 *
 * <p>{@code crdtkitDelta} is what a replicated update costs in crdtkit: the delta, then merging it into the state
 * (Pekko's {@code add} builds its delta as part of the add).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ORSetAddBenchmark {

  static final int BATCH = 64;

  @State(Scope.Thread)
  public static class Crdtkit {
    @Param({"1000", "100000"})
    int size;

    ORSet<String> set;
    final ReplicaId replica = Replicas.crdtkit(0);
    final String[] fresh = Elements.fresh();
    int next;

    @Setup(Level.Trial)
    public void build() {
      set = CrdtkitStates.orSet(Elements.items(0, size));
    }

    String nextFresh() {
      return fresh[next++ & (Elements.FRESH - 1)];
    }
  }

  @State(Scope.Thread)
  public static class Pekko {
    @Param({"1000", "100000"})
    int size;

    org.apache.pekko.cluster.ddata.ORSet<String> set;
    final SelfUniqueAddress node = Replicas.pekko(0);
    final String[] fresh = Elements.fresh();
    int next;

    @Setup(Level.Trial)
    public void build() {
      set = PekkoStates.orSet(Elements.items(0, size));
    }
  }

  @State(Scope.Thread)
  public static class Vavr {
    @Param({"1000", "100000"})
    int size;

    io.vavr.collection.HashSet<String> set;
    final String[] fresh = Elements.fresh();
    int next;

    @Setup(Level.Trial)
    public void build() {
      set = PlainStates.vavrSet(Elements.items(0, size));
    }
  }

  @State(Scope.Thread)
  public static class JavaSet {
    @Param({"1000", "100000"})
    int size;

    java.util.HashSet<String> set;
    final String[] fresh = Elements.fresh();
    int next;

    @Setup(Level.Trial)
    public void build() {
      set = PlainStates.javaSet(Elements.items(0, size));
    }

    @TearDown(Level.Invocation)
    public void takeTheBatchOut() {
      for (int i = 0; i < BATCH; i++) {
        set.remove(fresh[(next - 1 - i) & (Elements.FRESH - 1)]);
      }
    }
  }

  @Benchmark
  public ORSet<String> crdtkit(Crdtkit state) {
    return state.set.add(state.replica, state.nextFresh());
  }

  @Benchmark
  public ORSet<String> crdtkitDelta(Crdtkit state) {
    ORSet<String> delta = state.set.deltaAdd(state.replica, state.nextFresh());
    return state.set.merge(delta);
  }

  @Benchmark
  public org.apache.pekko.cluster.ddata.ORSet<String> pekko(Pekko state) {
    return state.set.add(state.node, state.fresh[state.next++ & (Elements.FRESH - 1)]);
  }

  @Benchmark
  public io.vavr.collection.HashSet<String> vavrHashSet(Vavr state) {
    return state.set.add(state.fresh[state.next++ & (Elements.FRESH - 1)]);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public boolean javaHashSet(JavaSet state) {
    boolean added = false;
    for (int i = 0; i < BATCH; i++) {
      added |= state.set.add(state.fresh[state.next++ & (Elements.FRESH - 1)]);
    }
    return added;
  }
}
