package io.crdtkit.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.format.OutputFormat;

/**
 * JMH's output, replaced: instead of JMH's thousands of lines, which benchmark runs, n of m, and the time left, on
 * one line that updates in place when stdout is a terminal ({@code [12/40] ORSetAddBenchmark.crdtkit size=100000 ·
 * measuring 3/6 · 2:31 left}), and one plain line per benchmark when it is not (Maven's {@code -q}, CI logs).
 *
 * <p>What JMH prints about a benchmark is kept until the benchmark ends and then dropped, unless it fails: a failure
 * ({@code <failure>}, a forked VM's non-zero exit) prints that benchmark's whole transcript to stderr, and everything
 * after it. It also records when each benchmark ran ({@link #runs()}), for the load beside each row.
 */
final class Progress implements OutputFormat {

  /** What a fork costs beyond its iterations before one has been timed: JVM start, fixtures, tear-down. */
  static final long FORK_OVERHEAD_MILLIS = 2_500;
  private static final int WIDTH = 110;

  private final PrintStream out;
  private final PrintStream err;
  private final boolean terminal;
  private final int total;
  private final long nominalMillis;
  private final List<BenchmarkRun> runs = new ArrayList<>();
  private final ByteArrayOutputStream transcript = new ByteArrayOutputStream();

  private int started;
  private String current = "";
  private BenchmarkParams currentParams;
  private long currentStart;
  private boolean failing;
  private int lastLength;

  /**
   * @param total         how many benchmarks (method and parameter set) the run has
   * @param nominalMillis what one benchmark should take, all its forks: the mode's iterations times their length
   * @param terminal      whether {@code out} shows one updating line (a terminal) or takes plain lines
   */
  Progress(PrintStream out, PrintStream err, boolean terminal, int total, long nominalMillis) {
    this.out = out;
    this.err = err;
    this.terminal = terminal;
    this.total = total;
    this.nominalMillis = nominalMillis;
  }

  /**
   * Whether stdout is a terminal, where a line can be rewritten: {@code -Dbench.progress=line} or {@code plain}
   * decides if given; else a console, or a stdout that is a terminal device (the report JVM inherits Maven's
   * stdout, see the POM), says yes.
   */
  static boolean stdoutIsTerminal() {
    String given = System.getProperty("bench.progress", "");
    if (!given.isEmpty()) {
      return given.equals("line");
    }
    if (System.console() != null) {
      return true;
    }
    try {
      String target = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/1")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (java.io.IOException | RuntimeException e) {
      return false;
    }
  }

  /** Every benchmark that ended, in order. */
  List<BenchmarkRun> runs() {
    return List.copyOf(runs);
  }

  /** The estimated time left, in milliseconds: the benchmarks not yet ended, at the pace so far. */
  long millisLeft(long now) {
    long each = runs.isEmpty() ? nominalMillis
        : runs.stream().mapToLong(BenchmarkRun::millis).sum() / runs.size();
    int notStarted = Math.max(0, total - started);
    long inCurrent = currentParams == null ? 0 : Math.max(0, each - (now - currentStart));
    return notStarted * each + inCurrent;
  }

  /** {@code 2:31}; {@code 1:02:03} past an hour. */
  static String clock(long millis) {
    long seconds = Math.max(0, Math.round(millis / 1000.0));
    return seconds >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
        : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
  }

  /** {@code ORSetAddBenchmark.crdtkit size=100000}. */
  static String name(BenchmarkParams params) {
    String benchmark = params.getBenchmark();
    String type = benchmark.substring(0, benchmark.lastIndexOf('.'));
    String shortName = type.substring(type.lastIndexOf('.') + 1) + benchmark.substring(benchmark.lastIndexOf('.'));
    String values = JmhRows.paramsOf(params).entrySet().stream()
        .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining(" "));
    return values.isEmpty() ? shortName : shortName + " " + values;
  }

  @Override
  public void startBenchmark(BenchmarkParams params) {
    started++;
    currentParams = params;
    currentStart = System.currentTimeMillis();
    current = "[" + started + "/" + total + "] " + name(params);
    transcript.reset();
    failing = false;
    if (terminal) {
      status(current + " · " + clock(millisLeft(currentStart)) + " left");
    } else {
      out.println(current + " (" + clock(millisLeft(currentStart)) + " left)");
      out.flush();
    }
  }

  @Override
  public void iteration(BenchmarkParams params, IterationParams iteration, int index) {
    if (terminal) {
      String phase = iteration.getType() == IterationType.WARMUP ? "warm-up" : "measuring";
      status(current + " · " + phase + " " + index + "/" + iteration.getCount() + " · "
          + clock(millisLeft(System.currentTimeMillis())) + " left");
    }
  }

  @Override
  public void iterationResult(BenchmarkParams params, IterationParams iteration, int index, IterationResult data) {}

  @Override
  public void endBenchmark(BenchmarkResult result) {
    if (currentParams != null) {
      runs.add(new BenchmarkRun(currentParams.getBenchmark(), JmhRows.paramsOf(currentParams), currentStart,
          System.currentTimeMillis()));
    }
    currentParams = null;
  }

  @Override
  public void startRun() {}

  @Override
  public void endRun(Collection<RunResult> results) {
    if (terminal && lastLength > 0) {
      out.print("\r" + " ".repeat(lastLength) + "\r");
      out.flush();
      lastLength = 0;
    }
  }

  @Override
  public void print(String text) {
    keep(text);
  }

  @Override
  public void println(String text) {
    if (!failing && (text.startsWith("<failure>") || text.startsWith("<forked VM failed"))) {
      failing = true;
      if (terminal && lastLength > 0) {
        out.println();
        lastLength = 0;
      }
      err.println("JMH failed in " + current + "; its output:");
      err.print(transcript.toString(StandardCharsets.UTF_8));
    }
    keep(text + System.lineSeparator());
  }

  @Override
  public void verbosePrintln(String text) {}

  @Override
  public void write(int b) {
    if (failing) {
      err.write(b);
    } else {
      transcript.write(b);
    }
  }

  @Override
  public void write(byte[] bytes) {
    if (failing) {
      err.write(bytes, 0, bytes.length);
    } else {
      transcript.write(bytes, 0, bytes.length);
    }
  }

  @Override
  public void flush() {
    out.flush();
    err.flush();
  }

  @Override
  public void close() {
    flush();
  }

  private void keep(String text) {
    if (failing) {
      err.print(text);
    } else {
      transcript.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Rewrites the terminal's line: a carriage return, the text, and blanks over what the last one left. */
  private void status(String text) {
    String line = text.length() > WIDTH ? text.substring(0, WIDTH - 1) + "…" : text;
    out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
    out.flush();
    lastLength = line.length();
  }
}
