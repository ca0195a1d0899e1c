package io.crdtkit.benchmarks;

import io.crdtkit.LWWMap;
import io.crdtkit.clock.HybridLogicalClock;
import java.time.Duration;
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
 * One put that overwrites a key of an LWWMap of {@code size} entries, timestamped now: crdtkit through a
 * {@link HybridLogicalClock}, Pekko through its default clock (wall time). Overwriting keeps every map's size, so
 * the mutable {@code java.util.HashMap} needs no tear-down.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LWWMapPutBenchmark {

  /** The keys a benchmark overwrites, and the value it writes to each. */
  static String[] keys(int size) {
    return Elements.items(0, Math.min(size, Elements.FRESH));
  }

  static String[] newValues(int size) {
    return Elements.values(size, Math.min(size, Elements.FRESH));
  }

  @State(Scope.Thread)
  public static class Crdtkit {
    @Param({"1000", "100000"})
    int size;

    LWWMap<String, String> map;
    final HybridLogicalClock clock = HybridLogicalClock.create(Replicas.crdtkit(0), Duration.ofSeconds(5));
    String[] keys;
    String[] values;
    int next;

    @Setup(Level.Trial)
    public void build() {
      map = CrdtkitStates.lwwMap(Elements.items(0, size), Elements.values(0, size));
      keys = keys(size);
      values = newValues(size);
    }
  }

  @State(Scope.Thread)
  public static class Pekko {
    @Param({"1000", "100000"})
    int size;

    org.apache.pekko.cluster.ddata.LWWMap<String, String> map;
    final SelfUniqueAddress node = Replicas.pekko(0);
    String[] keys;
    String[] values;
    int next;

    @Setup(Level.Trial)
    public void build() {
      map = PekkoStates.lwwMap(Elements.items(0, size), Elements.values(0, size));
      keys = keys(size);
      values = newValues(size);
    }
  }

  @State(Scope.Thread)
  public static class Vavr {
    @Param({"1000", "100000"})
    int size;

    io.vavr.collection.HashMap<String, String> map;
    String[] keys;
    String[] values;
    int next;

    @Setup(Level.Trial)
    public void build() {
      map = PlainStates.vavrMap(Elements.items(0, size), Elements.values(0, size));
      keys = keys(size);
      values = newValues(size);
    }
  }

  @State(Scope.Thread)
  public static class JavaMap {
    @Param({"1000", "100000"})
    int size;

    java.util.HashMap<String, String> map;
    String[] keys;
    String[] values;
    int next;

    @Setup(Level.Trial)
    public void build() {
      map = PlainStates.javaMap(Elements.items(0, size), Elements.values(0, size));
      keys = keys(size);
      values = newValues(size);
    }
  }

  @Benchmark
  public LWWMap<String, String> crdtkit(Crdtkit state) {
    int i = Math.floorMod(state.next++, state.keys.length);
    return state.map.put(state.clock, state.keys[i], state.values[i]);
  }

  @Benchmark
  public org.apache.pekko.cluster.ddata.LWWMap<String, String> pekko(Pekko state) {
    int i = Math.floorMod(state.next++, state.keys.length);
    return state.map.put(state.node, state.keys[i], state.values[i]);
  }

  @Benchmark
  public io.vavr.collection.HashMap<String, String> vavrHashMap(Vavr state) {
    int i = Math.floorMod(state.next++, state.keys.length);
    return state.map.put(state.keys[i], state.values[i]);
  }

  @Benchmark
  public String javaHashMap(JavaMap state) {
    int i = Math.floorMod(state.next++, state.keys.length);
    return state.map.put(state.keys[i], state.values[i]);
  }
}
