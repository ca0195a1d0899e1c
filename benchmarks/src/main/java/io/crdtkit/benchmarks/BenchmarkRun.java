package io.crdtkit.benchmarks;

import java.util.Map;

/**
 * One JMH benchmark as the report run went through it: its method, parameters and when its forks ran.
 *
 * @param benchmark   the benchmark's full name, {@code io.crdtkit.benchmarks.ORSetAddBenchmark.crdtkit}
 * @param params      its parameters ({@code size=100000})
 * @param startMillis when its first fork was started ({@link System#currentTimeMillis()})
 * @param endMillis   when its last fork ended
 */
record BenchmarkRun(String benchmark, Map<String, String> params, long startMillis, long endMillis) {

  /** The benchmark class's simple name: {@code ORSetAddBenchmark}. */
  String className() {
    String type = benchmark.substring(0, benchmark.lastIndexOf('.'));
    return type.substring(type.lastIndexOf('.') + 1);
  }

  /** The method: {@code crdtkit}. */
  String method() {
    return benchmark.substring(benchmark.lastIndexOf('.') + 1);
  }

  long millis() {
    return endMillis - startMillis;
  }
}
