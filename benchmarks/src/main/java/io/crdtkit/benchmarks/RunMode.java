package io.crdtkit.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * How long the report command measures. Every mode forks a fresh JVM per benchmark and parameter set, so that one
 * benchmark's JIT profile does not leak into another's, and runs JMH's GC profiler for the allocation per
 * operation and {@link ThreadCpuTimeProfiler} for the CPU time per operation (numbers that noise on a shared
 * machine hardly moves, unlike wall time).
 *
 * <ul>
 *   <li>{@link #SMOKE}: CI's pass (one fork, one short iteration, small fixtures), so that the benchmarks compile
 *       and run; its numbers mean nothing.
 *   <li>{@link #QUICK}: one fork, short iterations, and only what the targets read: every crdtkit row beside Pekko,
 *       at 1% and 50% divergence, and of the limits only {@code java.util.HashSet}'s add (the others, and the merges
 *       of equal states, are full mode's); the update path's five cases at 100,000 elements
 *       ({@link UpdatePathRuns}); the growth curves' 10,000 elements. Within 5 minutes from Maven's start on a
 *       2-core machine (a busy one may take longer, and the report says so). Six
 *       measured iterations keep JMH's 99.9% interval usable (it widens fast below five).
 *   <li>{@link #FULL}: three forks of ten one-second iterations each, every benchmark, the update path's 14 cases
 *       at 100,000 elements in a lighter run of their own (about 10 minutes), the growth curves' sizes (about 20)
 *       and every cluster heal; about 90 minutes.
 * </ul>
 */
enum RunMode {
  SMOKE(1, 0, 0, 1, 10, 1_000, List.of("0.01"), List.of()),
  QUICK(1, 2, 500, 6, 200, 100_000, List.of("0.01", "0.5"), List.of("\\.vavrHash(Set|Map)$", "\\.javaHashMap$",
      "(ORSetRemove|ORSetMerge)Benchmark\\.javaHashSet$")),
  FULL(3, 5, 1_000, 10, 1_000, 100_000, List.of(), List.of());

  /** JVM options of every fork: a fixed heap, so that heap resizing does not add noise. */
  static final String[] FORK_JVM_ARGS = {"-Xms3g", "-Xmx3g"};

  final int forks;
  final int warmupIterations;
  final int warmupMillis;
  final int measurementIterations;
  final int measurementMillis;
  /** The largest fixture: 100,000 elements, or 1,000 for the smoke pass. */
  final int largeSize;
  /** The divergences measured; empty for all of each benchmark's. */
  final List<String> divergences;
  /** Benchmarks left out (regular expressions on their names, as JMH's excludes). */
  final List<String> excludes;

  RunMode(int forks, int warmupIterations, int warmupMillis, int measurementIterations, int measurementMillis,
      int largeSize, List<String> divergences, List<String> excludes) {
    this.forks = forks;
    this.warmupIterations = warmupIterations;
    this.warmupMillis = warmupMillis;
    this.measurementIterations = measurementIterations;
    this.measurementMillis = measurementMillis;
    this.largeSize = largeSize;
    this.divergences = divergences;
    this.excludes = excludes;
  }

  static RunMode parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown mode '" + text + "': use quick, full or smoke", e);
    }
  }

  /** The JMH options of this mode for the benchmarks matching {@code include} (a regular expression). */
  ChainedOptionsBuilder options(String include) {
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include(include)
        .forks(forks)
        .warmupIterations(warmupIterations)
        .warmupTime(TimeValue.milliseconds(Math.max(warmupMillis, 1)))
        .measurementIterations(measurementIterations)
        .measurementTime(TimeValue.milliseconds(measurementMillis))
        .threads(1)
        .jvmArgsAppend(FORK_JVM_ARGS)
        .addProfiler(GCProfiler.class)
        .addProfiler(ThreadCpuTimeProfiler.class)
        .shouldFailOnError(true);
    if (largeSize != 100_000) {
      options = options.param("size", "1000");
    }
    if (!divergences.isEmpty()) {
      options = options.param("divergence", divergences.toArray(String[]::new));
    }
    for (String exclude : excludes) {
      options = options.exclude(exclude);
    }
    return options;
  }

  /**
   * The time the whole command may take, from Maven's start to the report, which the report holds its time against:
   * the README's promise for quick mode (under 5 minutes), 2 hours 30 minutes for full mode (about 2:10 on a quiet
   * machine); none for CI's smoke pass.
   */
  @Nullable Duration budget() {
    return switch (this) {
      case SMOKE -> null;
      case QUICK -> Duration.ofMinutes(5);
      case FULL -> Duration.ofMinutes(110);
    };
  }

  String describe() {
    return String.format(Locale.ROOT, "%d fork(s), %d warm-up iteration(s) of %d ms, %d measured iteration(s) of "
        + "%d ms, 1 thread, mode average time, GC and thread CPU time profilers", forks, warmupIterations, warmupMillis,
        measurementIterations, measurementMillis)
        + (excludes.isEmpty() ? "" : "; every crdtkit row beside Pekko, but of the plain collections only "
            + "java.util.HashSet's add (a target reads it), and no merge of equal states: full mode runs them all")
        + "; " + UpdatePathRuns.describe(this);
  }
}
