package io.crdtkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crdtkit.store.Durability;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 18, in separate JVMs on 127.0.0.1: a durable member writing in a tight loop is killed with SIGKILL and
 * restarted from its directory, alone (the other member was killed too). It comes back as the same replica (the same
 * id, no new one in anybody's replica set), holding every write it acknowledged; the other, restarted from its own
 * directory, gets them all.
 */
class DurableMemberProcessTest {

  private static final Duration DEADLINE = Duration.ofSeconds(40);

  private final List<ChildProcess> children = new ArrayList<>();

  @TempDir
  Path directory;

  @AfterEach
  void stopChildren() {
    children.forEach(ChildProcess::close);
  }

  @ParameterizedTest
  @EnumSource(value = Durability.class, names = {"SYNC", "GROUP_COMMIT"})
  void killNineUnderAWriteLoopLosesNoAcknowledgedWriteAndTheRestartKeepsTheReplicaId(Durability mode)
      throws Exception {
    List<Integer> ports = ProcessClusterTest.freePorts(2);
    String cluster = "durable-" + UUID.randomUUID();
    List<String> storeOfA = List.of("durable=" + directory.resolve("a") + ":" + mode);
    List<String> storeOfB = List.of("durable=" + directory.resolve("b") + ":" + mode);
    ChildProcess a = start("a", cluster, ports.get(0), ports, storeOfA);
    ChildProcess b = start("b", cluster, ports.get(1), ports, storeOfB);
    ProcessClusterTest.awaitViews(List.of(a, b), 2);
    String replicaOfA = a.startedAs();
    String replicaOfB = b.startedAs();

    b.send("load b");
    await().atMost(DEADLINE).until(() -> b.acked().size() > 300);
    b.kill();
    Set<String> acknowledged = new HashSet<>(b.acked());
    a.kill();          // and the other member too: what b acknowledged must come back from b's own directory

    ChildProcess restartedB = start("b", cluster, ports.get(1), ports, storeOfB);
    assertThat(restartedB.startedAs()).as("the same incarnation, from its directory").isEqualTo(replicaOfB);
    ProcessClusterTest.awaitViews(List.of(restartedB), 1);
    assertThat(restartedB.dump(directory, DEADLINE)).as("b alone, from its directory").containsAll(acknowledged);

    ChildProcess restartedA = start("a", cluster, ports.get(0), ports, storeOfA);
    assertThat(restartedA.startedAs()).isEqualTo(replicaOfA);
    ProcessClusterTest.awaitViews(List.of(restartedA, restartedB), 2);
    await().atMost(DEADLINE).pollInterval(Duration.ofMillis(300))
        .until(() -> restartedA.dump(directory, DEADLINE).containsAll(acknowledged));
    for (ChildProcess member : List.of(restartedA, restartedB)) {
      member.send("known");
      await().atMost(DEADLINE).until(() -> member.printed("known "));
      assertThat(member.lines()).filteredOn(line -> line.startsWith("known ")).last()
          .as("%s knows of two replicas, not one more per restart", member.name).isEqualTo("known 2");
    }
    System.out.printf("durable %s: %d writes acknowledged before kill -9, all of them held after the restart%n", mode,
        acknowledged.size());
  }

  private ChildProcess start(String name, String cluster, int port, List<Integer> ports, List<String> options)
      throws Exception {
    ChildProcess child = ChildProcess.start(name, List.of(), cluster, "127.0.0.1", port,
        ports.stream().map(String::valueOf).toList(), options);
    children.add(child);
    return child.awaitStarted(DEADLINE);
  }
}
