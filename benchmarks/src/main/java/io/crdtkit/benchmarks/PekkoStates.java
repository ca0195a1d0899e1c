package io.crdtkit.benchmarks;

import io.vavr.Tuple;
import io.vavr.Tuple2;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.LWWRegister;
import org.apache.pekko.cluster.ddata.ORSet;
import org.apache.pekko.cluster.ddata.PNCounter;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;

/**
 * The Pekko Distributed Data states the benchmarks start from: the same updates by the same replicas as
 * {@link CrdtkitStates}. Every fixture has its pending delta reset, as the Replicator does after propagating it,
 * so that no benchmark carries a delta group it would not have in a running cluster.
 */
final class PekkoStates {

  private PekkoStates() {}

  /** An ORSet holding {@code elements}, added by three replicas in turn, merged. */
  static ORSet<String> orSet(String[] elements) {
    ORSet<String>[] writers = writers(elements);
    return writers[0].merge(writers[1]).merge(writers[2]).resetDelta();
  }

  /** The same state merged in the opposite order: equal, not the same instances. */
  static ORSet<String> orSetMergedInReverse(String[] elements) {
    ORSet<String>[] writers = writers(elements);
    return writers[2].merge(writers[1]).merge(writers[0]).resetDelta();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static ORSet<String>[] writers(String[] elements) {
    ORSet<String>[] writers = new ORSet[CrdtkitStates.WRITERS];
    java.util.Arrays.fill(writers, ORSet.<String>create());
    for (int i = 0; i < elements.length; i++) {
      int writer = i % CrdtkitStates.WRITERS;
      writers[writer] = writers[writer].add(Replicas.pekko(writer), elements[i]);
    }
    for (int i = 0; i < writers.length; i++) {
      writers[i] = writers[i].resetDelta();
    }
    return writers;
  }

  /** Two replicas of {@code base} after each did its side of {@code divergence}: replica 0 left, 1 right. */
  static Tuple2<ORSet<String>, ORSet<String>> diverged(ORSet<String> base, Divergence divergence) {
    return Tuple.of(
        apply(base, Replicas.pekko(0), divergence.leftAdds(), divergence.leftChanges()),
        apply(base, Replicas.pekko(1), divergence.rightAdds(), divergence.rightChanges()));
  }

  private static ORSet<String> apply(ORSet<String> base, SelfUniqueAddress node, String[] adds, String[] removes) {
    ORSet<String> set = base;
    for (String element : adds) {
      set = set.add(node, element);
    }
    for (String element : removes) {
      set = set.remove(node, element);
    }
    return set.resetDelta();
  }

  /** A PNCounter that {@code replicas} replicas changed, as {@link CrdtkitStates#pnCounter}. */
  static PNCounter pnCounter(int replicas) {
    PNCounter counter = PNCounter.create();
    for (int i = 0; i < replicas; i++) {
      counter = counter.increment(Replicas.pekko(i), i + 1L).decrement(Replicas.pekko(i), 1L);
    }
    return counter.resetDelta();
  }

  /** Two replicas of {@code base}, as {@link CrdtkitStates#diverged(io.crdtkit.PNCounter, int)}. */
  static Tuple2<PNCounter, PNCounter> diverged(PNCounter base, int replicas) {
    PNCounter left = base;
    PNCounter right = base;
    for (int i = 0; i < replicas; i++) {
      if (i < replicas / 2) {
        left = left.increment(Replicas.pekko(i), 1L);
      } else {
        right = right.increment(Replicas.pekko(i), 1L);
      }
    }
    return Tuple.of(left.resetDelta(), right.resetDelta());
  }

  /** An LWWMap of {@code keys[i] -> values[i]} with the timestamps of {@link CrdtkitStates#lwwMap}. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static LWWMap<String, String> lwwMap(String[] keys, String[] values) {
    LWWMap<String, String>[] writers = new LWWMap[CrdtkitStates.WRITERS];
    java.util.Arrays.fill(writers, LWWMap.<String, String>create());
    for (int i = 0; i < keys.length; i++) {
      int writer = i % CrdtkitStates.WRITERS;
      writers[writer] = writers[writer].put(Replicas.pekko(writer), keys[i], values[i], clockAt(i));
    }
    LWWMap<String, String> merged = writers[0].resetDelta();
    for (int i = 1; i < writers.length; i++) {
      merged = merged.merge(writers[i].resetDelta());
    }
    return merged.resetDelta();
  }

  /** Two replicas of {@code base}, as {@link CrdtkitStates#diverged(io.crdtkit.LWWMap, int, Divergence)}. */
  static Tuple2<LWWMap<String, String>, LWWMap<String, String>> diverged(
      LWWMap<String, String> base, int writes, Divergence divergence) {
    return Tuple.of(
        apply(base, writes, 0, divergence.leftAdds(), divergence.leftChanges()),
        apply(base, writes, 1, divergence.rightAdds(), divergence.rightChanges()));
  }

  private static LWWMap<String, String> apply(
      LWWMap<String, String> base, int writes, int writer, String[] adds, String[] changes) {
    LWWMap<String, String> map = base;
    SelfUniqueAddress node = Replicas.pekko(writer);
    int write = writes;
    for (String key : adds) {
      map = map.put(node, key, "new-" + key, clockAt(write++));
    }
    for (int i = 0; i < changes.length; i++) {
      map = i % 2 == 0
          ? map.put(node, changes[i], "changed-" + changes[i], clockAt(write++))
          : map.remove(node, changes[i]);
    }
    return map.resetDelta();
  }

  /** Pekko's register clock for the {@code write}-th write: the same wall time as crdtkit's timestamp. */
  static LWWRegister.Clock<String> clockAt(int write) {
    long millis = CrdtkitStates.EPOCH_MILLIS + write;
    return (currentTimestamp, value) -> Math.max(currentTimestamp + 1, millis);
  }
}
