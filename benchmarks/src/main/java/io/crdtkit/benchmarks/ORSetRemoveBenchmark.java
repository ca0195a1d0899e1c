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
 * One remove of a present element from an ORSet of {@code size} elements: the persistent sets remove from the same
 * fixture every time, cycling through its first elements; {@code java.util.HashSet} removes a batch and an untimed
 * tear-down puts it back. A crdtkit remove mints a dot (every mutation is an event, for garbage collection); a
 * Pekko remove does not.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ORSetRemoveBenchmark {

  static final int BATCH = 64;

  /** The present elements a benchmark cycles through: the first {@code min(size, FRESH)}. */
  static String[] present(int size) {
    return Elements.items(0, Math.min(size, Elements.FRESH));
  }

  @State(Scope.Thread)
  public static class Crdtkit {
    @Param({"1000", "100000"})
    int size;

    ORSet<String> set;
    final ReplicaId replica = Replicas.crdtkit(0);
    String[] present;
    int next;

    @Setup(Level.Trial)
    public void build() {
      set = CrdtkitStates.orSet(Elements.items(0, size));
      present = present(size);
    }
  }

  @State(Scope.Thread)
  public static class Pekko {
    @Param({"1000", "100000"})
    int size;

    org.apache.pekko.cluster.ddata.ORSet<String> set;
    final SelfUniqueAddress node = Replicas.pekko(0);
    String[] present;
    int next;

    @Setup(Level.Trial)
    public void build() {
      set = PekkoStates.orSet(Elements.items(0, size));
      present = present(size);
    }
  }

  @State(Scope.Thread)
  public static class Vavr {
    @Param({"1000", "100000"})
    int size;

    io.vavr.collection.HashSet<String> set;
    String[] present;
    int next;

    @Setup(Level.Trial)
    public void build() {
      set = PlainStates.vavrSet(Elements.items(0, size));
      present = present(size);
    }
  }

  @State(Scope.Thread)
  public static class JavaSet {
    @Param({"1000", "100000"})
    int size;

    java.util.HashSet<String> set;
    String[] present;
    int next;

    @Setup(Level.Trial)
    public void build() {
      set = PlainStates.javaSet(Elements.items(0, size));
      present = present(size);
    }

    @TearDown(Level.Invocation)
    public void putTheBatchBack() {
      for (int i = 1; i <= BATCH; i++) {
        set.add(present[Math.floorMod(next - i, present.length)]);
      }
    }
  }

  @Benchmark
  public ORSet<String> crdtkit(Crdtkit state) {
    return state.set.remove(state.replica, state.present[Math.floorMod(state.next++, state.present.length)]);
  }

  @Benchmark
  public org.apache.pekko.cluster.ddata.ORSet<String> pekko(Pekko state) {
    return state.set.remove(state.node, state.present[Math.floorMod(state.next++, state.present.length)]);
  }

  @Benchmark
  public io.vavr.collection.HashSet<String> vavrHashSet(Vavr state) {
    return state.set.remove(state.present[Math.floorMod(state.next++, state.present.length)]);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public boolean javaHashSet(JavaSet state) {
    boolean removed = false;
    for (int i = 0; i < BATCH; i++) {
      removed |= state.set.remove(state.present[Math.floorMod(state.next++, state.present.length)]);
    }
    return removed;
  }
}
