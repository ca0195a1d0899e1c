package io.crdtkit.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The sockets this JVM holds, read from Linux's {@code /proc}: whatever opened them (a JGroups protocol nobody
 * configured, say), they show up. {@code /proc/self/fd} names each socket's inode; {@code /proc/self/net/*} gives
 * the inode's protocol, local address and state.
 */
final class OwnSockets {

  /** One socket: {@code protocol} is tcp, tcp6, udp or udp6; {@code listening} for a TCP socket in LISTEN. */
  record Socket(String protocol, InetAddress address, int port, boolean listening, long inode) {
    boolean tcp() {
      return protocol.startsWith("tcp");
    }

    @Override
    public String toString() {
      return protocol + " " + address.getHostAddress() + ":" + port + (listening ? " LISTEN" : "");
    }
  }

  private static final Path PROC_NET = Path.of("/proc/self/net");
  private static final String TCP_LISTEN = "0A";

  private OwnSockets() {}

  static boolean available() {
    return Files.isDirectory(PROC_NET) && Files.isDirectory(Path.of("/proc/self/fd"));
  }

  static List<Socket> list() throws IOException {
    Set<Long> inodes = ownInodes();
    List<Socket> sockets = new ArrayList<>();
    for (String protocol : List.of("tcp", "tcp6", "udp", "udp6")) {
      Path table = PROC_NET.resolve(protocol);
      if (!Files.exists(table)) {
        continue;
      }
      for (String line : Files.readAllLines(table).subList(1, Files.readAllLines(table).size())) {
        String[] fields = line.trim().split("\\s+");
        long inode = Long.parseLong(fields[9]);
        if (inode != 0 && inodes.contains(inode)) {
          String[] local = fields[1].split(":");
          sockets.add(new Socket(protocol, address(local[0]), Integer.parseInt(local[1], 16),
              protocol.startsWith("tcp") && TCP_LISTEN.equals(fields[3]), inode));
        }
      }
    }
    return sockets;
  }

  /** Whether this host's network namespace has joined {@code group} (IPv4) on any interface. */
  static boolean multicastGroupJoined(String group) throws IOException {
    Path igmp = PROC_NET.resolve("igmp");
    if (!Files.exists(igmp)) {
      return false;
    }
    byte[] bytes = InetAddress.getByName(group).getAddress();
    String hex = String.format("%02X%02X%02X%02X", bytes[3], bytes[2], bytes[1], bytes[0]); // little-endian word
    return Files.readString(igmp).contains(hex);
  }

  private static Set<Long> ownInodes() throws IOException {
    Set<Long> inodes = new HashSet<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
          }
        } catch (IOException closedMeanwhile) {
          // a descriptor closed between listing and reading: not a socket we hold
        }
      }
    }
    return inodes;
  }

  /** /proc writes addresses as 32-bit words in the host's (little-endian) byte order. */
  private static InetAddress address(String hex) throws UnknownHostException {
    byte[] bytes = new byte[hex.length() / 2];
    for (int word = 0; word < bytes.length / 4; word++) {
      for (int i = 0; i < 4; i++) {
        int at = word * 4 + i;
        bytes[word * 4 + 3 - i] = (byte) Integer.parseInt(hex.substring(at * 2, at * 2 + 2), 16);
      }
    }
    return InetAddress.getByAddress(bytes); // an IPv4-mapped IPv6 address comes back as the IPv4 one
  }
}
