package io.crdtkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real network partition: three member processes on three test hosts (network namespaces this test creates),
 * one host cut off while every member writes, then reconnected. Skipped, with the reason, where namespaces cannot
 * be made (not root, no iproute2).
 */
class NetworkPartitionTest {

  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final int PORT = 7800;

  @TempDir
  Path dumps;

  @Test
  void processesOnSeparateHostsHealAfterARealPartitionWithNothingLost() throws Exception {
    Optional<String> unavailable = TestNetwork.unavailable();
    Assumptions.assumeTrue(unavailable.isEmpty(), () -> "skipped: " + unavailable.orElse(""));
    List<ChildProcess> members = new ArrayList<>();
    // The members stop before their hosts go: the inner finally runs before the network is closed.
    try (TestNetwork network = TestNetwork.create(3)) {
      try {
        partitionAndHeal(network, members);
      } finally {
        members.forEach(ChildProcess::close);
      }
    }
  }

  private void partitionAndHeal(TestNetwork network, List<ChildProcess> members) throws Exception {
    List<String> peers = List.of(network.address(0) + ":" + PORT, network.address(1) + ":" + PORT,
        network.address(2) + ":" + PORT);
    String cluster = "netns-" + UUID.randomUUID();
    for (int i = 0; i < 3; i++) { // one after the other: each joins the cluster the first one formed
      ChildProcess member = ChildProcess.start("h" + i, network.on(i), cluster, network.address(i), PORT, peers);
      members.add(member);
      await().atMost(DEADLINE).until(() -> member.printed("started") || !member.isAlive());
    }
    ProcessClusterTest.awaitViews(members, 3);
    for (ChildProcess member : members) {
      member.send("load " + member.name);
    }
    await().atMost(DEADLINE).until(() -> members.stream().allMatch(m -> m.acked().size() > 100));

    long started = System.nanoTime();
    network.isolate(2);
    ProcessClusterTest.awaitViews(members.subList(0, 2), 2);
    ProcessClusterTest.awaitViews(members.subList(2, 3), 1);
    int[] before = members.stream().mapToInt(m -> m.acked().size()).toArray();
    await().atMost(DEADLINE).until(() -> members.get(0).acked().size() > before[0] + 200
        && members.get(2).acked().size() > before[2] + 200);

    long isolated = System.nanoTime();
    network.reconnect(2);
    ProcessClusterTest.awaitViews(members, 3);
    long merged = System.nanoTime();
    members.forEach(m -> m.send("stop"));
    await().atMost(DEADLINE).until(() -> members.stream().allMatch(m -> m.printed("stopped")));
    await().atMost(DEADLINE).pollInterval(Duration.ofMillis(300)).until(() -> {
      members.forEach(m -> m.send("state"));
      return members.stream().allMatch(m -> m.lastState().isPresent()) && members.stream()
          .map(m -> m.lastState().get()[1] + "/" + m.lastState().get()[2]).distinct().count() == 1;
    });
    System.out.printf("network partition: split seen and written through in %d ms, merged %d ms after the "
        + "reconnect, converged %d ms later%n", (isolated - started) / 1_000_000, (merged - isolated) / 1_000_000,
        (System.nanoTime() - merged) / 1_000_000);
    Set<String> acked = new HashSet<>();
    members.forEach(m -> acked.addAll(m.acked()));
    for (ChildProcess member : members) {
      Path dump = dumps.resolve(member.name + "-" + UUID.randomUUID());
      member.send("dump " + dump);
      await().atMost(DEADLINE).until(() -> member.printed("dumped " + dump));
      assertThat(new HashSet<>(Files.readAllLines(dump))).containsAll(acked);
    }
  }
}
