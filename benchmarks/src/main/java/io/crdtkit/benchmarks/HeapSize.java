package io.crdtkit.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jol.info.GraphStats;

/**
 * Retained heap of an object graph, measured by JOL, without the objects it shares with the rest of the process:
 * the elements, keys and values (the application holds them anyway, and every implementation holds the same
 * instances) and the replica ids.
 */
final class HeapSize {

  static {
    // JOL lays out objects from field offsets, which Unsafe refuses for record fields (ReplicaId, Dot...); this
    // makes JOL find them its other way when it cannot attach itself (-Djdk.attach.allowAttachSelf=true).
    System.setProperty("jol.magicFieldOffset", "true");
  }

  /** The size of each set of shared roots, by the identities of its arrays: a walk of 100,000 strings takes seconds. */
  private static final Map<List<Object>, Long> SHARED_SIZES = new HashMap<>();

  private HeapSize() {}

  /**
   * The bytes of every object reachable from {@code structure} that is not reachable from {@code shared}. JOL walks
   * by identity, so the difference of the two walks is exact even if a collection moves objects in between.
   */
  static long of(Object structure, String[]... shared) {
    List<Object> sharedRoots = new ArrayList<>();
    sharedRoots.add(Replicas.all());
    sharedRoots.addAll(Arrays.asList(shared));
    List<Object> roots = new ArrayList<>(sharedRoots);
    roots.add(structure);
    return GraphStats.parseInstance(roots.toArray()).totalSize() - sharedSize(shared, sharedRoots);
  }

  private static synchronized long sharedSize(String[][] shared, List<Object> sharedRoots) {
    // Keyed by the arrays' identities (an identity list), so equal but distinct arrays are walked apart.
    List<Object> key = new ArrayList<>();
    for (String[] array : shared) {
      key.add(new Identity(array));
    }
    return SHARED_SIZES.computeIfAbsent(key, k -> GraphStats.parseInstance(sharedRoots.toArray()).totalSize());
  }

  /** An object compared by identity, as a map key. */
  private record Identity(Object object) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Identity other && other.object == object;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(object);
    }
  }
}
