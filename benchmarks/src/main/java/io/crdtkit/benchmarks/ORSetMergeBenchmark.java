package io.crdtkit.benchmarks;

import io.crdtkit.ORSet;
import io.vavr.Tuple2;
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
 * The full-state merge of two replicas of a {@code size}-element ORSet that diverged by {@code divergence} (see
 * {@link Divergence}). A divergence of 0 merges two equal states that are not the same instances (the same
 * updates merged in different orders): what anti-entropy does between converged replicas. The limits merge by
 * union, which is all a plain set can do.
 *
 * <p>The aim (PERFORMANCE.md, "Targets") is a merge whose cost follows the divergence, not the size: compare the
 * rows of one implementation across divergences.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ORSetMergeBenchmark {

  @State(Scope.Thread)
  public static class Crdtkit {
    @Param({"100000"})
    int size;

    @Param({"0", "0.01", "0.5"})
    double divergence;

    ORSet<String> left;
    ORSet<String> right;

    @Setup(Level.Trial)
    public void build() {
      String[] elements = Elements.items(0, size);
      ORSet<String> base = CrdtkitStates.orSet(elements);
      if (divergence == 0) {
        left = base;
        right = CrdtkitStates.orSetMergedInReverse(elements);
      } else {
        Tuple2<ORSet<String>, ORSet<String>> pair = CrdtkitStates.diverged(base, Divergence.of(elements, divergence));
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

    org.apache.pekko.cluster.ddata.ORSet<String> left;
    org.apache.pekko.cluster.ddata.ORSet<String> right;

    @Setup(Level.Trial)
    public void build() {
      String[] elements = Elements.items(0, size);
      org.apache.pekko.cluster.ddata.ORSet<String> base = PekkoStates.orSet(elements);
      if (divergence == 0) {
        left = base;
        right = PekkoStates.orSetMergedInReverse(elements);
      } else {
        var pair = PekkoStates.diverged(base, Divergence.of(elements, divergence));
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

    io.vavr.collection.HashSet<String> left;
    io.vavr.collection.HashSet<String> right;

    @Setup(Level.Trial)
    public void build() {
      String[] elements = Elements.items(0, size);
      if (divergence == 0) {
        left = PlainStates.vavrSet(elements);
        right = PlainStates.vavrSet(elements);
      } else {
        var pair = PlainStates.diverged(PlainStates.vavrSet(elements), Divergence.of(elements, divergence));
        left = pair._1;
        right = pair._2;
      }
    }
  }

  @State(Scope.Thread)
  public static class JavaSet {
    @Param({"100000"})
    int size;

    @Param({"0", "0.01", "0.5"})
    double divergence;

    java.util.HashSet<String> left;
    java.util.HashSet<String> right;

    @Setup(Level.Trial)
    public void build() {
      Vavr same = new Vavr();
      same.size = size;
      same.divergence = divergence;
      same.build();
      left = new java.util.HashSet<>(same.left.toJavaSet());
      right = new java.util.HashSet<>(same.right.toJavaSet());
    }
  }

  @Benchmark
  public ORSet<String> crdtkit(Crdtkit state) {
    return state.left.merge(state.right);
  }

  @Benchmark
  public org.apache.pekko.cluster.ddata.ORSet<String> pekko(Pekko state) {
    return state.left.merge(state.right);
  }

  @Benchmark
  public io.vavr.collection.HashSet<String> vavrHashSet(Vavr state) {
    return state.left.union(state.right);
  }

  /** A mutable set cannot merge in place without losing the fixture: the union is a copy plus the other side. */
  @Benchmark
  public java.util.HashSet<String> javaHashSet(JavaSet state) {
    java.util.HashSet<String> union = new java.util.HashSet<>(state.left);
    union.addAll(state.right);
    return union;
  }
}
