package io.crdtkit.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One line of the report: the same work done by crdtkit, by Pekko Distributed Data (if it has the operation), and
 * by the practical limits (plain collections without CRDT metadata, where they apply). Every score is "lower is
 * better" (time or bytes), so {@link #vsPekko()} above 1 means crdtkit wins and {@link #vsLimit} is what crdtkit
 * costs as a multiple of the limit.
 *
 * @param id               a stable key for the docs site's charts, e.g. {@code orset.add[size=100000]}
 * @param section          the report section, e.g. {@code ORSet}
 * @param what             the operation in words
 * @param params           the parameters in words ({@code 100,000 elements}); empty if none
 * @param limits           the limits' scores by name, in report order
 * @param crdtkitAllocated bytes crdtkit allocates per operation (JMH's GC profiler), if measured
 * @param pekkoAllocated   the same for Pekko
 * @param crdtkitCpu       crdtkit's CPU time per operation ({@link ThreadCpuTimeProfiler}), if measured
 * @param pekkoCpu         the same for Pekko
 */
record Row(String id, String section, String what, String params, Score crdtkit, @Nullable Score pekko,
    Map<String, Score> limits, @Nullable Score crdtkitAllocated, @Nullable Score pekkoAllocated,
    @Nullable Score crdtkitCpu, @Nullable Score pekkoCpu) {

  Row {
    limits = new LinkedHashMap<>(limits);
  }

  /** A row of exact footprint numbers, with no allocation profile. */
  Row(String id, String section, String what, String params, Score crdtkit, @Nullable Score pekko,
      Map<String, Score> limits) {
    this(id, section, what, params, crdtkit, pekko, limits, null, null, null, null);
  }

  /** Pekko's score over crdtkit's: how many times faster (or smaller) crdtkit is. */
  @Nullable Ratio vsPekko() {
    return pekko == null ? null : Ratio.of(pekko, crdtkit);
  }

  /**
   * Pekko's CPU time over crdtkit's, if both were measured: the comparison that waiting for a busy machine's cores
   * does not distort.
   */
  @Nullable Ratio vsPekkoCpu() {
    return crdtkitCpu == null || pekkoCpu == null ? null : Ratio.of(pekkoCpu, crdtkitCpu);
  }

  /** The most trustworthy comparison with Pekko this row has: by CPU time if measured, else by score. */
  @Nullable Ratio vsPekkoBest() {
    Ratio cpu = vsPekkoCpu();
    return cpu != null ? cpu : vsPekko();
  }

  /** crdtkit's score over the limit's: how many times the plain collection's cost crdtkit pays. */
  Ratio vsLimit(String limit) {
    return Ratio.of(crdtkit, limits.get(limit));
  }
}
