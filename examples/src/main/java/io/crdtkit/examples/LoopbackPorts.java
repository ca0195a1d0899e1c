package io.crdtkit.examples;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Free ports on 127.0.0.1 for the demos' members, each with its failure-detection port (+100) free too. */
final class LoopbackPorts {

  private LoopbackPorts() {}

  static List<Integer> free(int count) throws IOException {
    List<Integer> ports = new ArrayList<>();
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    while (ports.size() < count) {
      int port = ThreadLocalRandom.current().nextInt(20_000, 40_000);
      if (ports.stream().anyMatch(p -> Math.abs(p - port) <= 100)) {
        continue;
      }
      try (ServerSocket socket = new ServerSocket(port, 1, loopback);
           ServerSocket detector = new ServerSocket(port + 100, 1, loopback)) {
        if (detector.getLocalPort() == port + 100) {
          ports.add(socket.getLocalPort());
        }
      } catch (IOException busy) {
        // another port
      }
    }
    return ports;
  }
}
