package io.crdtkit.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A private network of test hosts, built with network namespaces: one namespace per host, each with a veth pair
 * whose other end sits on a bridge in a namespace of its own. Nothing is connected to the machine's own network:
 * traffic between the hosts stays inside these namespaces. A host is cut off by taking its bridge port down.
 * {@link #close()} deletes every namespace (and with them the veth pairs), also after a failure.
 */
final class TestNetwork implements AutoCloseable {

  private final String id = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
  private final int subnet = ThreadLocalRandom.current().nextInt(1, 255);
  private final String bridge = "cnb" + id;
  private final List<String> hosts = new ArrayList<>();

  private TestNetwork() {}

  /** Why this machine cannot build one (not root, no iproute2, no namespaces), or empty if it can. */
  static Optional<String> unavailable() {
    if (!"root".equals(System.getProperty("user.name"))) {
      return Optional.of("network namespaces need root; running as " + System.getProperty("user.name"));
    }
    try {
      String name = "cnprobe" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000));
      if (run("ip", "netns", "add", name) != 0) {
        return Optional.of("'ip netns add' failed: no network namespaces here");
      }
      run("ip", "netns", "delete", name);
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("iproute2 ('ip') is not installed: " + e.getMessage());
    }
  }

  static TestNetwork create(int hostCount) throws IOException {
    TestNetwork network = new TestNetwork();
    try {
      network.build(hostCount);
    } catch (IOException | RuntimeException e) {
      network.close();
      throw e;
    }
    return network;
  }

  private void build(int hostCount) throws IOException {
    check("ip", "netns", "add", bridge);
    check("ip", "-n", bridge, "link", "add", "br0", "type", "bridge");
    check("ip", "-n", bridge, "link", "set", "br0", "up");
    for (int i = 0; i < hostCount; i++) {
      String host = "cnh" + id + i;
      check("ip", "netns", "add", host);
      hosts.add(host);
      // Both ends are created inside the namespaces, never in the machine's own.
      check("ip", "-n", host, "link", "add", "eth0", "type", "veth", "peer", "name", "port" + i, "netns", bridge);
      check("ip", "-n", host, "addr", "add", address(i) + "/24", "dev", "eth0");
      check("ip", "-n", host, "link", "set", "eth0", "up");
      check("ip", "-n", host, "link", "set", "lo", "up");
      check("ip", "-n", bridge, "link", "set", "port" + i, "master", "br0");
      check("ip", "-n", bridge, "link", "set", "port" + i, "up");
    }
  }

  /** The address of host {@code i}, inside the test network only. */
  String address(int i) {
    return "10.201." + subnet + "." + (i + 1);
  }

  /** The command prefix that runs a program on host {@code i}. */
  List<String> on(int i) {
    return List.of("ip", "netns", "exec", hosts.get(i));
  }

  /** Cuts host {@code i} off the others. */
  void isolate(int i) throws IOException {
    check("ip", "-n", bridge, "link", "set", "port" + i, "down");
  }

  void reconnect(int i) throws IOException {
    check("ip", "-n", bridge, "link", "set", "port" + i, "up");
  }

  @Override
  public void close() {
    for (String host : hosts) {
      quietly("ip", "netns", "delete", host);
    }
    quietly("ip", "netns", "delete", bridge);
  }

  private static void check(String... command) throws IOException {
    if (run(command) != 0) {
      throw new IOException("failed: " + String.join(" ", command));
    }
  }

  private static void quietly(String... command) {
    try {
      run(command);
    } catch (IOException e) {
      // cleaning up: nothing more to do
    }
  }

  private static int run(String... command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return -1;
      }
      if (process.exitValue() != 0) {
        System.err.println(String.join(" ", command) + ": " + new String(output, StandardCharsets.UTF_8).trim());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      return -1;
    }
  }
}
