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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18's rolling restart, in separate JVMs on 127.0.0.1: five durable members, each killed with SIGKILL and
 * restarted from its directory three times while the others write. All converge, with every acknowledged write,
 * and every member knows exactly the five replica ids it started with: a restart adds none.
 */
class RollingRestartProcessTest {

  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final int MEMBERS = 5;

  private final List<ChildProcess> children = new ArrayList<>();

  @TempDir
  Path directory;

  @AfterEach
  void stopChildren() {
    children.forEach(ChildProcess::close);
  }

  @Test
  void fiveMembersKilledAndRestartedThreeTimesEachUnderWritesConvergeOnExactlyFiveReplicas() throws Exception {
    List<Integer> ports = ProcessClusterTest.freePorts(MEMBERS);
    String cluster = "rolling-" + UUID.randomUUID();
    List<ChildProcess> members = new ArrayList<>();
    List<String> replicas = new ArrayList<>();
    for (int i = 0; i < MEMBERS; i++) {
      members.add(start(i, cluster, ports));
      replicas.add(members.get(i).startedAs());
    }
    ProcessClusterTest.awaitViews(members, MEMBERS);
    Set<String> acknowledged = new HashSet<>();
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < MEMBERS; i++) {
        ChildProcess writer = members.get((i + 1) % MEMBERS);
        String load = "r" + round + "m" + i;
        writer.send("load " + load);
        await().atMost(DEADLINE).until(() -> writer.acked().stream().filter(a -> a.startsWith(load)).count() > 20);
        members.get(i).kill();                        // while the writer writes
        acknowledged.addAll(members.get(i).acked());
        members.set(i, start(i, cluster, ports));
        assertThat(members.get(i).startedAs()).isEqualTo(replicas.get(i));
        writer.send("stop");
        await().atMost(DEADLINE).until(() -> writer.printed("stopped"));
        acknowledged.addAll(writer.acked());
      }
    }
    ProcessClusterTest.awaitViews(members, MEMBERS);
    for (ChildProcess member : members) {
      acknowledged.addAll(member.acked());
    }
    for (ChildProcess member : members) {
      await().atMost(DEADLINE).pollInterval(Duration.ofMillis(300))
          .until(() -> member.dump(directory, DEADLINE).containsAll(acknowledged));
      member.send("known");
      await().atMost(DEADLINE).until(() -> member.printed("known "));
      assertThat(member.lines()).filteredOn(line -> line.startsWith("known ")).last()
          .as("%s knows the five replicas, and no other", member.name).isEqualTo("known " + MEMBERS);
    }
    System.out.printf("rolling restart: %d members, 3 kill -9s each, %d acknowledged writes on every member%n",
        MEMBERS, acknowledged.size());
  }

  private ChildProcess start(int i, String cluster, List<Integer> ports) throws Exception {
    ChildProcess child = ChildProcess.start("m" + i, List.of(), cluster, "127.0.0.1", ports.get(i),
        ports.stream().map(String::valueOf).toList(),
        List.of("durable=" + directory.resolve("m" + i) + ":" + Durability.GROUP_COMMIT));
    children.add(child);
    return child.awaitStarted(DEADLINE);
  }
}
