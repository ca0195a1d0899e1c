package io.crdtkit.benchmarks;

import io.crdtkit.LWWMap;
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
 * The full-state merge of two replicas of a {@code size}-entry LWWMap that diverged by {@code divergence}: each
 * side put new keys and overwrote or removed existing ones (see {@link Divergence}). A divergence of 0 merges two
 * equal states that are not the same instances. The limits merge by "put all", without timestamps.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LWWMapMergeBenchmark {

  @State(Scope.Thread)
  public static class Crdtkit {
    @Param({"100000"})
    int size;

    @Param({"0", "0.01", "0.5"})
    double divergence;

    LWWMap<String, String> left;
    LWWMap<String, String> right;

    @Setup(Level.Trial)
    public void build() {
      String[] keys = Elements.items(0, size);
      LWWMap<String, String> base = CrdtkitStates.lwwMap(keys, Elements.values(0, size));
      if (divergence == 0) {
        left = base;
        right = CrdtkitStates.lwwMap(keys, Elements.values(0, size));
      } else {
        var pair = CrdtkitStates.diverged(base, size, Divergence.of(keys, divergence));
        left = pair._1;
        right = pair._2;
      }
    }
  }

  @State(Scope.Thread)
  public static class Pekko {
    @Param({"100000"})
    int size;

    @Param({"0", "0.01", "0.5"})
    double divergence;

    org.apache.pekko.cluster.ddata.LWWMap<String, String> left;
    org.apache.pekko.cluster.ddata.LWWMap<String, String> right;

    @Setup(Level.Trial)
    public void build() {
      String[] keys = Elements.items(0, size);
      org.apache.pekko.cluster.ddata.LWWMap<String, String> base = PekkoStates.lwwMap(keys, Elements.values(0, size));
      if (divergence == 0) {
        left = base;
        right = PekkoStates.lwwMap(keys, Elements.values(0, size));
      } else {
        var pair = PekkoStates.diverged(base, size, Divergence.of(keys, divergence));
        left = pair._1;
        right = pair._2;
      }
    }
  }

  @State(Scope.Thread)
  public static class Vavr {
    @Param({"100000"})
    int size;

    @Param({"0", "0.01", "0.5"})
    double divergence;

    io.vavr.collection.HashMap<String, String> left;
    io.vavr.collection.HashMap<String, String> right;

    @Setup(Level.Trial)
    public void build() {
      String[] keys = Elements.items(0, size);
      io.vavr.collection.HashMap<String, String> base = PlainStates.vavrMap(keys, Elements.values(0, size));
      if (divergence == 0) {
        left = base;
        right = PlainStates.vavrMap(keys, Elements.values(0, size));
      } else {
        var pair = PlainStates.diverged(base, Divergence.of(keys, divergence));
        left = pair._1;
        right = pair._2;
      }
    }
  }

  @State(Scope.Thread)
  public static class JavaMap {
    @Param({"100000"})
    int size;

    @Param({"0", "0.01", "0.5"})
    double divergence;

    java.util.HashMap<String, String> left;
    java.util.HashMap<String, String> right;

    @Setup(Level.Trial)
    public void build() {
      Vavr same = new Vavr();
      same.size = size;
      same.divergence = divergence;
      same.build();
      left = new java.util.HashMap<>(same.left.toJavaMap());
      right = new java.util.HashMap<>(same.right.toJavaMap());
    }
  }

  @Benchmark
  public LWWMap<String, String> crdtkit(Crdtkit state) {
    return state.left.merge(state.right);
  }

  @Benchmark
  public org.apache.pekko.cluster.ddata.LWWMap<String, String> pekko(Pekko state) {
    return state.left.merge(state.right);
  }

  @Benchmark
  public io.vavr.collection.HashMap<String, String> vavrHashMap(Vavr state) {
    return state.left.merge(state.right);
  }

  @Benchmark
  public java.util.HashMap<String, String> javaHashMap(JavaMap state) {
    java.util.HashMap<String, String> union = new java.util.HashMap<>(state.left);
    union.putAll(state.right);
    return union;
  }
}
