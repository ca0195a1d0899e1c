package io.crdtkit.benchmarks;

import org.openjdk.jol.info.GraphStats;

/**
 * Retained heap of an object graph, measured by JOL, without the objects it shares with the rest of the process:
 * the elements, keys and values (the application holds them anyway, and every implementation holds the same
 * instances) and the replica ids.
 */
final class HeapSize {

  static {
    // JOL lays out objects from field offsets, which Unsafe refuses for record fields (ReplicaId, Dot...); this
    // makes JOL find them its other way. Without it, JOL needs -Djdk.attach.allowAttachSelf=true to attach itself.
    System.setProperty("jol.magicFieldOffset", "true");
  }

  private HeapSize() {}

  /**
   * The bytes of every object reachable from {@code structure} that is not reachable from {@code shared}. JOL walks
   * by identity, so the difference of the two walks is exact even if a collection moves objects in between.
   */
  static long of(Object structure, String[]... shared) {
    Object[] roots = new Object[shared.length + 2];
    roots[0] = structure;
    roots[1] = Replicas.all();
    System.arraycopy(shared, 0, roots, 2, shared.length);
    Object[] sharedRoots = new Object[shared.length + 1];
    sharedRoots[0] = roots[1];
    System.arraycopy(shared, 0, sharedRoots, 1, shared.length);
    return GraphStats.parseInstance(roots).totalSize() - GraphStats.parseInstance(sharedRoots).totalSize();
  }
}
