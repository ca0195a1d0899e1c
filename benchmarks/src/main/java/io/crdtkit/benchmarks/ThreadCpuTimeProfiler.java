package io.crdtkit.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time per operation of the benchmark threads ({@code cpu.time.norm}, ns/op), beside JMH's wall time. On a
 * machine shared with other work, a benchmark thread waits for a core, and wall time counts the wait: CPU time
 * does not, so ratios of CPU times stay meaningful where ratios of wall times are noise. It still counts what
 * the thread does outside the measured method within an iteration: a per-invocation tear-down (the mutable
 * limits' batches) is included, so those rows overstate the limit's cost.
 */
public final class ThreadCpuTimeProfiler implements InternalProfiler {

  static final String NAME = "cpu.time.norm";

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final Map<Long, Long> cpuAtStart = new HashMap<>();

  @Override
  public String getDescription() {
    return "CPU time per operation of the benchmark threads";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    cpuAtStart.clear();
    for (Thread thread : workers()) {
      cpuAtStart.put(thread.getId(), threads.getThreadCpuTime(thread.getId()));
    }
  }

  @Override
  public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
      IterationParams iterationParams, IterationResult result) {
    long cpu = 0;
    for (Thread thread : workers()) {
      long now = threads.getThreadCpuTime(thread.getId());
      // A worker started during this iteration (the first one) counts from its start.
      cpu += now - cpuAtStart.getOrDefault(thread.getId(), 0L);
    }
    // JMH counts operations, not invocations (it multiplies by @OperationsPerInvocation), as its GC profiler uses.
    long ops = result.getMetadata().getAllOps();
    if (ops == 0 || cpu <= 0) {
      return List.of();
    }
    return List.of(new ScalarResult(NAME, (double) cpu / ops, "ns/op", AggregationPolicy.AVG));
  }

  private static List<Thread> workers() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().contains("jmh-worker"))
        .toList();
  }
}
