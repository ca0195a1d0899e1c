package io.crdtkit.site;

import static org.awaitility.Awaitility.await;

import io.crdtkit.net.CrdtNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Waiting for a cluster's members in the page tests: with a deadline, never a bare sleep. */
final class Clusters {

  static final Duration VIEW_DEADLINE = Duration.ofSeconds(30);

  private Clusters() {}

  /** Until every node's view holds exactly these nodes. */
  static void awaitOneView(List<CrdtNode> nodes) {
    List<Object> everyone = nodes.stream().map(node -> (Object) node.replica()).sorted().toList();
    await("one view of " + nodes.size()).atMost(VIEW_DEADLINE).until(() -> nodes.stream()
        .allMatch(node -> node.members().stream().map(r -> (Object) r).sorted().toList().equals(everyone)));
  }

  /** Ports free on 127.0.0.1, each with port + 100 free too (failure detection listens there). */
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
        ports.add(one.getLocalPort());
      } catch (IOException busy) {
        // taken: try another
      }
    }
    return ports;
  }
}
