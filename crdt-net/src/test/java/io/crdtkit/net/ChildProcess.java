package io.crdtkit.net;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/** A running {@link ChildMember}: its command line and what it printed. */
final class ChildProcess implements AutoCloseable {

  private final Process process;
  private final PrintStream commands;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final List<String> logLines = new CopyOnWriteArrayList<>();
  final String name;

  private ChildProcess(String name, Process process) {
    this.name = name;
    this.process = process;
    this.commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
    read(process.getInputStream(), lines, "child-" + name);
  }

  private static void read(java.io.InputStream stream, List<String> into, String threadName) {
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          into.add(line);
        }
      } catch (Exception e) {
        into.add("reader failed: " + e);
      }
    }, threadName);
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts a member JVM that logs as an application would (JGroups included, at INFO and above) and keeps what it
   * logs in {@link #logLines()} (also passed on to this JVM's standard error).
   */
  static ChildProcess startLogging(String name, String cluster, String bind, int port, List<String> peers)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Djava.net.preferIPv4Stack=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
        "-cp", System.getProperty("java.class.path"), ChildMember.class.getName(), cluster, bind,
        String.valueOf(port), String.join(",", peers), name));
    Process process = new ProcessBuilder(command).start();
    ChildProcess child = new ChildProcess(name, process);
    read(process.getErrorStream(), child.logLines, "child-log-" + name);
    return child;
  }

  /** What a child started with {@link #startLogging} logged so far. */
  List<String> logLines() {
    return logLines;
  }

  /**
   * Starts a member JVM on this test's class path; {@code prefix} is a command to run it under (e.g. {@code ip netns
   * exec NAME}), or empty.
   */
  static ChildProcess start(String name, List<String> prefix, String cluster, String bind, int port,
      List<String> peers) throws Exception {
    return start(name, prefix, cluster, bind, port, peers, List.of());
  }

  /** As {@link #start(String, List, String, String, int, List)}, with further arguments for {@link ChildMember}. */
  static ChildProcess start(String name, List<String> prefix, String cluster, String bind, int port,
      List<String> peers, List<String> more) throws Exception {
    List<String> command = new ArrayList<>(prefix);
    command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Djava.net.preferIPv4Stack=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        // a killed peer makes JGroups log broken pipes: expected here
        "-Dorg.slf4j.simpleLogger.log.org.jgroups=off",
        "-cp", System.getProperty("java.class.path"), ChildMember.class.getName(), cluster, bind,
        String.valueOf(port), String.join(",", peers), name));
    command.addAll(more);
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    return new ChildProcess(name, builder.start());
  }

  void send(String command) {
    commands.println(command);
  }

  List<String> lines() {
    return lines;
  }

  List<String> acked() {
    return lines.stream().filter(l -> l.startsWith("ack ")).map(l -> l.substring(4)).toList();
  }

  /** The last "state" answer, split into its fields, after asking for a new one. */
  Optional<String[]> lastState() {
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).startsWith("state ")) {
        return Optional.of(lines.get(i).split(" "));
      }
    }
    return Optional.empty();
  }

  boolean printed(String prefix) {
    return lines.stream().anyMatch(l -> l.startsWith(prefix));
  }

  /** The replica id the member printed when it started ("started REPLICA"). */
  String startedAs() {
    return lines.stream().filter(line -> line.startsWith("started ")).findFirst()
        .orElseThrow(() -> new AssertionError(name + " has not started")).substring("started ".length());
  }

  /** The member's set "acked", dumped to a new file in {@code directory} and read back. */
  java.util.Set<String> dump(java.nio.file.Path directory, Duration deadline) throws java.io.IOException {
    java.nio.file.Path dump = directory.resolve(name + "-" + java.util.UUID.randomUUID());
    send("dump " + dump);
    Awaitility.await().atMost(deadline).until(() -> printed("dumped " + dump));
    return new java.util.HashSet<>(java.nio.file.Files.readAllLines(dump));
  }

  /** kill -9: no goodbye, nothing flushed. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Waits until the member printed "started", and fails naming it if its process died first.
   *
   * @return this child, started
   */
  ChildProcess awaitStarted(Duration deadline) {
    Awaitility.await().atMost(deadline).until(() -> printed("started") || !isAlive());
    if (!isAlive()) {
      throw new AssertionError(name + " did not start: its process exited");
    }
    return this;
  }

  @Override
  public void close() {
    try {
      if (process.isAlive()) {
        send("exit");
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          kill();
        }
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
