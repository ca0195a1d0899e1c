package io.crdtkit.benchmarks;

import io.crdtkit.LWWMap;
import io.crdtkit.ORSet;
import io.crdtkit.PNCounter;
import io.crdtkit.clock.HlcTimestamp;
import io.crdtkit.clock.ReplicaId;
import io.vavr.Tuple;
import io.vavr.Tuple2;

/**
 * The crdtkit states the benchmarks start from. Each is built the way a cluster builds it: three replicas write in
 * turn and then merge, so that dots come from several replicas (as in {@link PekkoStates}, update for update).
 */
final class CrdtkitStates {

  /** The replicas that build the fixtures; benchmarks update as replica 0 and, for a second side, replica 1. */
  static final int WRITERS = 3;

  /** Wall time of the first fixture write; later writes advance it, so a fixture's timestamps are increasing. */
  static final long EPOCH_MILLIS = 1_732_872_000_000L;

  private CrdtkitStates() {}

  /** An ORSet holding {@code elements}, added by three replicas in turn, merged. */
  static ORSet<String> orSet(String[] elements) {
    return mergeAll(writers(elements));
  }

  /**
   * The same state as {@link #orSet}, merged in the opposite order: equal, but not the same instances, as on two
   * replicas that converged by different paths.
   */
  static ORSet<String> orSetMergedInReverse(String[] elements) {
    ORSet<String>[] writers = writers(elements);
    return writers[2].merge(writers[1]).merge(writers[0]);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static ORSet<String>[] writers(String[] elements) {
    ORSet<String>[] writers = new ORSet[WRITERS];
    java.util.Arrays.fill(writers, ORSet.empty());
    for (int i = 0; i < elements.length; i++) {
      int writer = i % WRITERS;
      writers[writer] = writers[writer].add(Replicas.crdtkit(writer), elements[i]);
    }
    return writers;
  }

  private static ORSet<String> mergeAll(ORSet<String>[] writers) {
    ORSet<String> merged = writers[0];
    for (int i = 1; i < writers.length; i++) {
      merged = merged.merge(writers[i]);
    }
    return merged;
  }

  /** Two replicas of {@code base} after each did its side of {@code divergence}: replica 0 left, 1 right. */
  static Tuple2<ORSet<String>, ORSet<String>> diverged(ORSet<String> base, Divergence divergence) {
    return Tuple.of(
        apply(base, Replicas.crdtkit(0), divergence.leftAdds(), divergence.leftChanges()),
        apply(base, Replicas.crdtkit(1), divergence.rightAdds(), divergence.rightChanges()));
  }

  private static ORSet<String> apply(ORSet<String> base, ReplicaId replica, String[] adds, String[] removes) {
    ORSet<String> set = base;
    for (String element : adds) {
      set = set.add(replica, element);
    }
    for (String element : removes) {
      set = set.remove(replica, element);
    }
    return set;
  }

  /** A PNCounter that {@code replicas} replicas changed: replica {@code i} added {@code i + 1}, and took 1 off. */
  static PNCounter pnCounter(int replicas) {
    PNCounter counter = PNCounter.empty();
    for (int i = 0; i < replicas; i++) {
      counter = counter.increment(Replicas.crdtkit(i), i + 1L).decrement(Replicas.crdtkit(i), 1);
    }
    return counter;
  }

  /** Two replicas of {@code base}: replicas {@code [0, n/2)} incremented on the left, the others on the right. */
  static Tuple2<PNCounter, PNCounter> diverged(PNCounter base, int replicas) {
    PNCounter left = base;
    PNCounter right = base;
    for (int i = 0; i < replicas; i++) {
      if (i < replicas / 2) {
        left = left.increment(Replicas.crdtkit(i), 1);
      } else {
        right = right.increment(Replicas.crdtkit(i), 1);
      }
    }
    return Tuple.of(left, right);
  }

  /** An LWWMap of {@code keys[i] -> values[i]}, written by three replicas in turn a millisecond apart, merged. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static LWWMap<String, String> lwwMap(String[] keys, String[] values) {
    LWWMap<String, String>[] writers = new LWWMap[WRITERS];
    java.util.Arrays.fill(writers, LWWMap.empty());
    for (int i = 0; i < keys.length; i++) {
      int writer = i % WRITERS;
      writers[writer] = writers[writer].put(timestamp(i, writer), keys[i], values[i]);
    }
    LWWMap<String, String> merged = writers[0];
    for (int i = 1; i < WRITERS; i++) {
      merged = merged.merge(writers[i]);
    }
    return merged;
  }

  /**
   * Two replicas of {@code base} (which has {@code writes} writes) after each did its side of {@code divergence}:
   * new keys put, existing keys alternately overwritten and removed, all after every write in {@code base}.
   */
  static Tuple2<LWWMap<String, String>, LWWMap<String, String>> diverged(
      LWWMap<String, String> base, int writes, Divergence divergence) {
    return Tuple.of(
        apply(base, writes, 0, divergence.leftAdds(), divergence.leftChanges()),
        apply(base, writes, 1, divergence.rightAdds(), divergence.rightChanges()));
  }

  private static LWWMap<String, String> apply(
      LWWMap<String, String> base, int writes, int writer, String[] adds, String[] changes) {
    LWWMap<String, String> map = base;
    int write = writes;
    for (String key : adds) {
      map = map.put(timestamp(write++, writer), key, "new-" + key);
    }
    for (int i = 0; i < changes.length; i++) {
      map = i % 2 == 0
          ? map.put(timestamp(write++, writer), changes[i], "changed-" + changes[i])
          : map.remove(timestamp(write++, writer), changes[i]);
    }
    return map;
  }

  /** The timestamp of the {@code write}-th write: a millisecond after the previous one. */
  static HlcTimestamp timestamp(int write, int writer) {
    return HlcTimestamp.of(EPOCH_MILLIS + write, 0, Replicas.crdtkit(writer));
  }
}
