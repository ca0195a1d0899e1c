package io.crdtkit.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Samples the machine's load throughout a report run, from a daemon thread: the 1-minute load average, the cores the
 * whole machine kept busy ({@code /proc/stat}) and the cores this run used (this JVM, the JMH forks it waited for, and
 * those still running). The difference is the other work that shared the machine, which no confidence interval sees:
 * a fork measured while a build ran elsewhere is slower than its neighbour measured after it.
 *
 * <p>On a machine without {@code /proc} only the load average is known (the CPU figures are {@code NaN}).
 */
final class LoadSampler implements AutoCloseable {

  /** How often the report samples: often enough that a fork of a few seconds gets a sample of its own. */
  static final Duration PERIOD = Duration.ofSeconds(2);

  private static final Path LOADAVG = Path.of("/proc/loadavg");
  private static final Path STAT = Path.of("/proc/stat");
  private static final Path SELF_STAT = Path.of("/proc/self/stat");
  /** Clock ticks per second of {@code /proc}'s CPU times ({@code USER_HZ}): 100 on every Linux JMH runs on. */
  private static final double TICKS_PER_SECOND = 100;

  private final long periodMillis;
  private final List<LoadSample> samples = new ArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;

  private long lastWallNanos;
  private long lastMachineBusy = -1;
  private long lastMachineTotal = -1;
  private double lastOwnSeconds = Double.NaN;

  private LoadSampler(Duration period) {
    this.periodMillis = period.toMillis();
    this.thread = new Thread(this::loop, "load-sampler");
    this.thread.setDaemon(true);
  }

  /** Starts sampling now and every {@code period} until {@link #close()}. */
  static LoadSampler start(Duration period) {
    LoadSampler sampler = new LoadSampler(period);
    sampler.sample();
    sampler.thread.start();
    return sampler;
  }

  /** Every sample so far, oldest first. */
  synchronized List<LoadSample> samples() {
    return List.copyOf(samples);
  }

  /** Takes a last sample and stops. */
  @Override
  public void close() {
    if (!running) {
      return;
    }
    running = false;
    thread.interrupt();
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sample();
  }

  private void loop() {
    while (running) {
      try {
        Thread.sleep(periodMillis);
      } catch (InterruptedException e) {
        return;
      }
      sample();
    }
  }

  private synchronized void sample() {
    long now = System.nanoTime();
    double seconds = (now - lastWallNanos) / 1e9;
    double machineCpu = Double.NaN;
    long[] machine = machineTicks();
    if (machine != null && lastMachineTotal >= 0 && machine[1] > lastMachineTotal) {
      // busy share of all cores' ticks, times the cores
      machineCpu = (double) (machine[0] - lastMachineBusy) / (machine[1] - lastMachineTotal)
          * Runtime.getRuntime().availableProcessors();
    }
    double own = ownCpuSeconds();
    double ownCpu = Double.isNaN(lastOwnSeconds) || Double.isNaN(own) || seconds <= 0 ? Double.NaN
        : Math.max(0, (own - lastOwnSeconds) / seconds);
    if (machine != null) {
      lastMachineBusy = machine[0];
      lastMachineTotal = machine[1];
    }
    lastOwnSeconds = own;
    lastWallNanos = now;
    samples.add(new LoadSample(System.currentTimeMillis(), loadAverage(), machineCpu, ownCpu));
  }

  /** The 1-minute load average; {@code NaN} where there is none. */
  static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(LOADAVG).trim().split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      return load < 0 ? Double.NaN : load;
    }
  }

  /** All cores' busy and total ticks since boot ({@code /proc/stat}'s first line), or {@code null}. */
  private static long[] machineTicks() {
    try {
      String cpu = Files.readAllLines(STAT).get(0);
      String[] fields = cpu.trim().split("\\s+");
      long total = 0;
      // user nice system idle iowait irq softirq steal (guest time is already counted in user)
      for (int i = 1; i <= Math.min(8, fields.length - 1); i++) {
        total += Long.parseLong(fields[i]);
      }
      long idle = Long.parseLong(fields[4]) + (fields.length > 5 ? Long.parseLong(fields[5]) : 0);
      return new long[] {total - idle, total};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * CPU seconds this run has used: this JVM and the children it waited for ({@code /proc/self/stat}: utime, stime,
   * cutime, cstime), plus the descendants still running (a JMH fork is counted by its parent once it ends).
   */
  private static double ownCpuSeconds() {
    try {
      String stat = Files.readString(SELF_STAT);
      // the command name may hold spaces: the fields start after its closing parenthesis
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
      // fields[0] is the state (field 3): utime is field 14, so fields[11]; stime, cutime, cstime follow
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
          + Long.parseLong(fields[14]);
      double running = ProcessHandle.current().descendants()
          .mapToDouble(child -> child.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0))
          .sum();
      return ticks / TICKS_PER_SECOND + running;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }
}
