package io.crdtkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, failure 6: a peer's {@code kill -9} is an expected event. On a survivor that logs as an application
 * would (JGroups at INFO), it reads as one line, not as JGroups ERROR lines and stack traces.
 */
class CrashLogTest {

  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private final List<ChildProcess> children = new ArrayList<>();

  @AfterEach
  void stopChildren() {
    children.forEach(ChildProcess::close);
  }

  @Test
  void aPeerKilledWithSigkillReadsAsOneLineOnTheSurvivor() throws Exception {
    List<Integer> ports = ProcessClusterTest.freePorts(2);
    List<String> peers = ports.stream().map(String::valueOf).toList();
    String cluster = "crash-log-" + UUID.randomUUID();
    ChildProcess survivor = start("survivor", cluster, ports.get(0), peers);
    ChildProcess victim = start("victim", cluster, ports.get(1), peers);
    ProcessClusterTest.awaitViews(List.of(survivor, victim), 2);
    survivor.send("load s");
    victim.send("load v");
    await().atMost(DEADLINE).until(() -> survivor.acked().size() > 100 && victim.acked().size() > 100);
    int linesBefore = survivor.logLines().size();

    victim.kill();
    ProcessClusterTest.awaitViews(List.of(survivor), 1);
    // The survivor keeps writing and running anti-entropy for a few rounds after the view change.
    int acked = survivor.acked().size();
    await().atMost(DEADLINE).until(() -> survivor.acked().size() > acked + 300);

    List<String> logged = survivor.logLines().subList(linesBefore, survivor.logLines().size());
    assertThat(logged).as("what the survivor logged about the crash:\n" + String.join("\n", logged)).noneMatch(line -> line.contains("ERROR"))
        .noneMatch(line -> line.startsWith("\tat ") || line.contains("Exception"));
    assertThat(logged.stream().filter(line -> line.contains("WARN")).toList()).as("warnings").hasSizeLessThanOrEqualTo(1);
    assertThat(logged).anyMatch(line -> line.contains("victim") && line.contains("left the view"));
  }

  private ChildProcess start(String name, String cluster, int port, List<String> peers) throws Exception {
    ChildProcess child = ChildProcess.startLogging(name, cluster, "127.0.0.1", port, peers);
    children.add(child);
    return child.awaitStarted(DEADLINE);
  }
}
