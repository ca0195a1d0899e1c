package io.crdtkit.benchmarks;

import io.crdtkit.net.HealScenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report's cluster heal figures: crdt-net's heal scenario (its NET.md), in this JVM. In-JVM JGroups members
 * replicate one counter per key, split 3 : 2 (or as near as their number allows), write 1% of the keys (half on
 * each side), heal; what is reported is how long convergence took after the MergeView, and the bytes crdt-net sent
 * for it against one member's full state. Pekko is not run here: its Replicator needs an actor cluster, and it
 * gossips full digests, not crdt-net's trees.
 *
 * <p>Full mode also draws how a heal grows (issue 20, {@link GrowthCurves}): over keys at 5 members (10,000,
 * 100,000 and 1,000,000) and over members at 100,000 keys (3, 5 and 9).
 */
final class ClusterHeals {

  static final int MEMBERS = 5;
  static final double DIVERGENCE = 0.01;
  /** The key count of the curve over members. */
  static final int MEMBER_CURVE_KEYS = 100_000;
  /**
   * Heap one key costs on one member while the scenario runs, with room for the heal's garbage: about 2 KB live
   * (5 members of 100,000 keys held 1 GB after a collection), plus three quarters. 1,000,000 keys on 5 members
   * need 17.5 GB by this estimate, more than the bench profile's 8 GB.
   */
  static final long HEAP_PER_KEY_AND_MEMBER = 3_500;

  /** One heal to run: how many members and keys. */
  record Case(int members, int keys) {
    long heapNeeded() {
      return (long) members * keys * HEAP_PER_KEY_AND_MEMBER;
    }
  }

  /** What one report's heals were: those that ran, and a sentence for each that did not fit the heap. */
  record Measured(List<HealScenario.Result> results, List<String> skipped) {

    /** The heals the cluster target (PERFORMANCE.md) is about: 5 members, up to its 100,000 keys. */
    List<HealScenario.Result> targetCases() {
      return results.stream().filter(h -> h.members() == MEMBERS && h.keys() <= 100_000).toList();
    }
  }

  private ClusterHeals() {}

  /**
   * The smoke pass heals 1,000 keys; quick mode 10,000 (a curve would add 20 seconds or more a point); full mode
   * 10,000, the target's 100,000 and 1,000,000 keys at 5 members, and 3 and 9 members at 100,000 keys.
   */
  static List<Case> cases(RunMode mode) {
    return switch (mode) {
      case SMOKE -> List.of(new Case(MEMBERS, 1_000));
      case QUICK -> List.of(new Case(MEMBERS, 10_000));
      case FULL -> List.of(new Case(MEMBERS, 10_000), new Case(MEMBERS, 100_000), new Case(MEMBERS, 1_000_000),
          new Case(3, MEMBER_CURVE_KEYS), new Case(9, MEMBER_CURVE_KEYS));
    };
  }

  static Measured measure(RunMode mode) {
    List<HealScenario.Result> results = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    long heap = Runtime.getRuntime().maxMemory();
    for (Case heal : cases(mode)) {
      if (heal.heapNeeded() > heap) {
        skipped.add(String.format(Locale.ROOT, "The heal of %d members of %,d keys did not run: it needs about "
            + "%.1f GB of heap and the report's JVM has %.1f GB (the bench profile's -Xmx; this machine has %s).",
            heal.members(), heal.keys(), heal.heapNeeded() / 1e9, heap / 1e9, Machine.describe().get("memory")));
        continue;
      }
      results.add(HealScenario.run(heal.members(), heal.keys(), DIVERGENCE, Duration.ofMinutes(10)));
    }
    return new Measured(results, skipped);
  }
}
