package io.crdtkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.crdtkit.GCounter;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, finding 4: a node on the TCP preset bound to 127.0.0.1 holds no socket anywhere else - no failure
 * detection on the wildcard address, no diagnostics on UDP multicast - as the JVM's own socket table shows
 * (Linux {@code /proc}; the test is skipped elsewhere).
 */
class NodeSocketsTest {

  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final String DIAGNOSTICS_GROUP = "224.0.75.75";

  @BeforeAll
  static void linuxOnly() {
    assumeTrue(OwnSockets.available(), "needs Linux /proc to list the JVM's sockets");
  }

  @Test
  void everySocketOfTheTcpPresetIsOnTheBindAddressAndNoneIsUdp() throws Exception {
    boolean groupJoinedBefore = OwnSockets.multicastGroupJoined(DIAGNOSTICS_GROUP);
    List<Integer> ports = ProcessClusterTest.freePorts(2);
    List<OwnSockets.Socket> theNodes = socketsOpenedBy(
        JGroupsStack.tcp(ports.get(0), ports), JGroupsStack.tcp(ports.get(1), ports));

    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    assertThat(theNodes).as("sockets the two nodes opened").isNotEmpty()
        .allSatisfy(socket -> assertThat(socket.address()).as(socket.toString()).isEqualTo(loopback))
        .allSatisfy(socket -> assertThat(socket.tcp()).as(socket + " (diagnostics?)").isTrue());
    assertThat(listeningPorts(theNodes)).as("listening ports: each transport and its failure detection")
        .containsExactlyInAnyOrder(ports.get(0), ports.get(1), ports.get(0) + 100, ports.get(1) + 100);
    if (!groupJoinedBefore) {
      assertThat(OwnSockets.multicastGroupJoined(DIAGNOSTICS_GROUP)).as("diagnostics' multicast group").isFalse();
    }
  }

  @Test
  void diagnosticsListenOnlyWhenAskedForOverTcpOnTheBindAddress() throws Exception {
    List<Integer> ports = ProcessClusterTest.freePorts(2);
    List<OwnSockets.Socket> theNodes = socketsOpenedBy(
        JGroupsStack.tcp(ports.get(0), ports).diagnostics("probe-secret"), JGroupsStack.tcp(ports.get(1), ports));

    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    assertThat(theNodes).allSatisfy(socket -> assertThat(socket.address()).as(socket.toString()).isEqualTo(loopback))
        .allSatisfy(socket -> assertThat(socket.tcp()).as(socket.toString()).isTrue());
    Set<Integer> listening = listeningPorts(theNodes);
    assertThat(listening).hasSize(5).contains(ports.get(0), ports.get(1), ports.get(0) + 100, ports.get(1) + 100);
  }

  /** The sockets a cluster of a node per stack holds once formed, beyond what the JVM held before. */
  private static List<OwnSockets.Socket> socketsOpenedBy(JGroupsStack first, JGroupsStack second) throws Exception {
    Set<Long> before = OwnSockets.list().stream().map(OwnSockets.Socket::inode).collect(Collectors.toSet());
    String cluster = "sockets-" + UUID.randomUUID();
    try (CrdtNode a = CrdtNode.builder(cluster).bindAddress("127.0.0.1").stack(first).start();
         CrdtNode b = CrdtNode.builder(cluster).bindAddress("127.0.0.1").stack(second).start()) {
      Replicated<GCounter> onA = a.register("hits", GCounter.empty(), GCounter.class);
      Replicated<GCounter> onB = b.register("hits", GCounter.empty(), GCounter.class);
      onA.update((counter, self) -> counter.deltaIncrement(self, 1));
      await().atMost(DEADLINE).until(() -> onB.value().value() == 1 && a.channel().getView().size() == 2);
      return OwnSockets.list().stream().filter(socket -> !before.contains(socket.inode())).toList();
    }
  }

  private static Set<Integer> listeningPorts(List<OwnSockets.Socket> sockets) {
    return sockets.stream().filter(OwnSockets.Socket::listening).map(OwnSockets.Socket::port)
        .collect(Collectors.toSet());
  }
}
