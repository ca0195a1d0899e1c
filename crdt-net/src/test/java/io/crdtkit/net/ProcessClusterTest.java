package io.crdtkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three members in separate JVMs on 127.0.0.1 with the TCP preset: one is killed with SIGKILL under write load and
 * restarted as a new incarnation; the survivors lose no write they acknowledged, and all converge.
 */
class ProcessClusterTest {

  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private final List<ChildProcess> children = new ArrayList<>();

  @TempDir
  Path dumps;

  @AfterEach
  void stopChildren() {
    for (ChildProcess child : children) {
      child.close();
    }
  }

  @Test
  void killNineUnderLoadAndARestartLoseNoAcknowledgedWriteOfTheSurvivors() throws Exception {
    List<Integer> ports = freePorts(3);
    String cluster = "proc-" + UUID.randomUUID();
    ChildProcess a = start("a", cluster, ports.get(0), ports);
    ChildProcess b = start("b", cluster, ports.get(1), ports);
    ChildProcess c = start("c", cluster, ports.get(2), ports);
    awaitViews(List.of(a, b, c), 3);

    a.send("load a");
    b.send("load b");
    c.send("load c");
    await().atMost(DEADLINE).until(() -> a.acked().size() > 200 && b.acked().size() > 200 && c.acked().size() > 200);
    c.kill();
    int ackedBeforeKill = a.acked().size() + b.acked().size();
    awaitViews(List.of(a, b), 2);
    await().atMost(DEADLINE).until(() -> a.acked().size() + b.acked().size() > ackedBeforeKill + 400);

    ChildProcess restarted = start("c", cluster, ports.get(2), ports); // a new incarnation: a fresh replica id
    awaitViews(List.of(a, b, restarted), 3);
    restarted.send("load c2");
    await().atMost(DEADLINE).until(() -> restarted.acked().size() > 100);
    for (ChildProcess child : List.of(a, b, restarted)) {
      child.send("stop");
    }
    await().atMost(DEADLINE).until(() -> a.printed("stopped") && b.printed("stopped") && restarted.printed("stopped"));

    List<ChildProcess> members = List.of(a, b, restarted);
    await().atMost(DEADLINE).pollInterval(Duration.ofMillis(300)).until(() -> {
      members.forEach(m -> m.send("state"));
      return members.stream().allMatch(m -> m.lastState().isPresent())
          && members.stream().map(m -> m.lastState().get()[1] + "/" + m.lastState().get()[2]).distinct().count() == 1;
    });
    Set<String> expected = new HashSet<>(a.acked());
    expected.addAll(b.acked());
    expected.addAll(restarted.acked());
    for (ChildProcess member : members) {
      Path dump = dumps.resolve(member.name + "-" + UUID.randomUUID());
      member.send("dump " + dump);
      await().atMost(DEADLINE).until(() -> member.printed("dumped " + dump));
      assertThat(new HashSet<>(Files.readAllLines(dump))).containsAll(expected);
    }
    // The killed incarnation is still in the replica set until retired.
    a.send("retire");
    await().atMost(DEADLINE).until(() -> a.printed("retired 1"));
  }

  private ChildProcess start(String name, String cluster, int port, List<Integer> ports) throws Exception {
    ChildProcess child = ChildProcess.start(name, List.of(), cluster, "127.0.0.1", port,
        ports.stream().map(String::valueOf).toList());
    children.add(child);
    return child.awaitStarted(DEADLINE);
  }

  static void awaitViews(List<ChildProcess> members, int size) {
    try {
      await().atMost(DEADLINE).pollInterval(Duration.ofMillis(300)).until(() -> {
        members.forEach(m -> m.send("state"));
        return members.stream().allMatch(m -> m.lastState().map(s -> Integer.parseInt(s[3]) == size).orElse(false));
      });
    } catch (ConditionTimeoutException e) {
      StringBuilder states = new StringBuilder("no view of " + size + " within " + DEADLINE + ":");
      for (ChildProcess member : members) {
        states.append("\n  ").append(member.name).append(member.isAlive() ? "" : " (dead)").append(": ")
            .append(member.lastState().map(s -> String.join(" ", s)).orElse("no state"));
      }
      throw new AssertionError(states.toString(), e);
    }
  }

  /** Ports on 127.0.0.1 that are free, and whose failure-detection port (+100) is free too. */
  static List<Integer> freePorts(int count) throws IOException {
    List<Integer> ports = new ArrayList<>();
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    while (ports.size() < count) {
      int port = ThreadLocalRandom.current().nextInt(20_000, 40_000);
      if (ports.contains(port) || ports.contains(port + 100) || ports.contains(port - 100)) {
        continue;
      }
      try (ServerSocket one = new ServerSocket(port, 1, loopback);
           ServerSocket two = new ServerSocket(port + 100, 1, loopback)) {
        if (two.getLocalPort() == port + 100) {
          ports.add(one.getLocalPort());
        }
      } catch (IOException busy) {
        // try another
      }
    }
    return ports;
  }
}
