package io.crdtkit.benchmarks;

import io.crdtkit.net.HealScenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The report's cluster heal figures: crdt-net's heal scenario (its NET.md), in this JVM. Five in-JVM JGroups members
 * replicate one counter per key, split 3 : 2, write 1% of the keys (half on each side), heal; what is reported is
 * how long convergence took after the MergeView, and the bytes crdt-net sent against one member's full state.
 * Pekko is not run here: its Replicator needs an actor cluster, and it gossips full digests, not crdt-net's trees.
 */
final class ClusterHeals {

  static final int MEMBERS = 5;
  static final double DIVERGENCE = 0.01;

  private ClusterHeals() {}

  /** Quick mode heals 10,000 keys; full mode 10,000 and the target's 100,000; the smoke pass 1,000. */
  static List<HealScenario.Result> measure(RunMode mode) {
    int[] keyCounts = switch (mode) {
      case SMOKE -> new int[] {1_000};
      case QUICK -> new int[] {10_000};
      case FULL -> new int[] {10_000, 100_000};
    };
    List<HealScenario.Result> results = new ArrayList<>();
    for (int keys : keyCounts) {
      results.add(HealScenario.run(MEMBERS, keys, DIVERGENCE, Duration.ofMinutes(5)));
    }
    return results;
  }
}
