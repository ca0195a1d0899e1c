package io.crdtkit.benchmarks;

/**
 * What garbage collection reclaims from a churned structure: {@code written} elements (or keys) written by three
 * replicas, {@code removed} of them removed, all merged everywhere, then collected at stability. The target
 * (PERFORMANCE.md) is 0 tombstones after collection and a retained heap within 1.2 times that of a structure that
 * only ever held the live entries.
 *
 * @param type              the crdtkit type
 * @param written           elements or keys written
 * @param removed           of them removed
 * @param tombstonesBefore  tombstones of the churned structure
 * @param tombstonesAfter   tombstones after collection at stability ({@code -1}: the type has no collection)
 * @param heapBefore        retained bytes of the churned structure
 * @param heapAfter         retained bytes after collection (the churned structure's if the type has none)
 * @param heapLiveOnly      retained bytes of the same type holding only the live entries, never churned
 * @param pekkoChurned      the same churn in Pekko's equivalent type, or {@code -1} if it has none
 * @param pekkoLiveOnly     Pekko's type holding only the live entries, or {@code -1}
 */
record GcReclaim(String type, int written, int removed, int tombstonesBefore, int tombstonesAfter, long heapBefore,
    long heapAfter, long heapLiveOnly, long pekkoChurned, long pekkoLiveOnly) {

  /** Retained heap after collection as a multiple of the live-only structure's (target: at most 1.2). */
  double afterOverLiveOnly() {
    return (double) heapAfter / heapLiveOnly;
  }

  /** The same ratio for Pekko, or {@code NaN}. */
  double pekkoChurnedOverLiveOnly() {
    return pekkoChurned < 0 ? Double.NaN : (double) pekkoChurned / pekkoLiveOnly;
  }
}
