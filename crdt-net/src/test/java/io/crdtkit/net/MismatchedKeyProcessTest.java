package io.crdtkit.net;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, failure 1, across processes as a user met it: three JVMs on 127.0.0.1 with the TCP preset, one of which
 * registers the key {@code bad} as an ORSet where the others hold a GCounter, beside 20 well-typed counters. Every
 * good counter converges on every member, the bad key is refused (counted) where it does not fit, and the test
 * prints how long the good keys took.
 */
class MismatchedKeyProcessTest {

  private static final Duration DEADLINE = Duration.ofSeconds(60);

  private final List<ChildProcess> children = new ArrayList<>();

  @AfterEach
  void stopChildren() {
    children.forEach(ChildProcess::close);
  }

  @Test
  void everyGoodKeyConvergesBesideAKeyOfAnotherTypeOnOneMember() throws Exception {
    List<Integer> ports = ProcessClusterTest.freePorts(3);
    String cluster = "mismatch-" + UUID.randomUUID();
    ChildProcess a = start("a", cluster, ports.get(0), ports, "set");
    ChildProcess b = start("b", cluster, ports.get(1), ports, "counter");
    ChildProcess c = start("c", cluster, ports.get(2), ports, "counter");
    List<ChildProcess> members = List.of(a, b, c);
    ProcessClusterTest.awaitViews(members, 3);

    long start = System.nanoTime();
    members.forEach(member -> member.send("goods"));
    await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50)).until(() -> {
      members.forEach(member -> member.send("goodstate"));
      return members.stream().allMatch(member -> goodState(member)[0] == 3);
    });
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.println("measure: 3 processes, 20 good keys and 1 key of another type on one member: every good key"
        + " converged on every member " + millis + " ms after the writes");

    await().atMost(DEADLINE).pollInterval(Duration.ofMillis(200)).until(() -> {
      members.forEach(member -> member.send("goodstate"));
      return members.stream().allMatch(member -> goodState(member)[1] > 0);
    });
  }

  /** The last "goodstate" answer: the least good counter, and the type mismatches refused. */
  private static long[] goodState(ChildProcess member) {
    List<String> lines = member.lines();
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).startsWith("goodstate ")) {
        String[] fields = lines.get(i).split(" ");
        return new long[] {Long.parseLong(fields[1]), Long.parseLong(fields[2])};
      }
    }
    return new long[] {-1, -1};
  }

  private ChildProcess start(String name, String cluster, int port, List<Integer> ports, String badType)
      throws Exception {
    ChildProcess child = ChildProcess.start(name, List.of(), cluster, "127.0.0.1", port,
        ports.stream().map(String::valueOf).toList(), List.of(badType));
    children.add(child);
    return child.awaitStarted(DEADLINE);
  }
}
