package io.crdtkit.net;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import javax.crypto.SecretKey;
import org.apiguardian.api.API;
import org.jgroups.JChannel;
import org.jgroups.protocols.SYM_ENCRYPT;
import org.jgroups.protocols.pbcast.NAKACK2;
import org.jgroups.stack.ProtocolStack;
import org.jspecify.annotations.Nullable;

/**
 * The JGroups protocol stack a {@link CrdtNode} runs on: one of the presets, or your own XML. Every preset is tuned
 * so that a split heals within seconds (MERGE3 every 0.5 to 1 s, failure detection in 3 s), since healing is the
 * point of replicating CRDTs; the Kubernetes preset is slower and cheaper.
 *
 * <pre>{@code
 * JGroupsStack.inJvm()                                   // tests: members in one JVM, nothing on the network
 * JGroupsStack.tcp(7800, List.of(7800, 7801, 7802))      // processes on one host, 127.0.0.1
 * JGroupsStack.kubernetes("carts-ping.shop.svc.cluster.local")
 * JGroupsStack.tcp(7800, ports).encrypted(aesKey)        // SYM_ENCRYPT with a key every member shares
 * JGroupsStack.xml(Path.of("my-stack.xml"))
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class JGroupsStack {

  private final String description;
  private final String template;
  private final boolean usesBindAddress;
  private final @Nullable SecretKey key;

  private JGroupsStack(String description, String template, boolean usesBindAddress, @Nullable SecretKey key) {
    this.description = description;
    this.template = template;
    this.usesBindAddress = usesBindAddress;
    this.key = key;
  }

  /** Members in the same JVM, over SHARED_LOOPBACK: for tests and demos; nothing leaves the process. */
  public static JGroupsStack inJvm() {
    return new JGroupsStack("in-JVM (SHARED_LOOPBACK)", resource("loopback.xml"), false, null);
  }

  /**
   * TCP between processes on one host: this member listens on {@code port} of the node's bind address (127.0.0.1 by
   * default) and finds the others with TCPPING at {@code peerPorts} on the same address (its own port may be among
   * them). Failure detection also uses {@code port + 100}.
   */
  public static JGroupsStack tcp(int port, List<Integer> peerPorts) {
    requirePort(port);
    peerPorts.forEach(JGroupsStack::requirePort);
    String ports = peerPorts.stream().map(String::valueOf).collect(Collectors.joining(","));
    String template = resource("tcp-loopback.xml").replace("@port@", String.valueOf(port))
        .replace("@hosts@", peerPorts.stream().map(p -> "@bind@[" + p + "]").collect(Collectors.joining(",")));
    return new JGroupsStack("TCP port " + port + ", peers " + ports, template, true, null);
  }

  /**
   * TCP between hosts that are known in advance (test hosts, a fixed fleet): this member listens on {@code port} of
   * the node's bind address and finds the others with TCPPING at {@code peers}. Failure detection also uses
   * {@code port + 100}.
   */
  public static JGroupsStack tcpHosts(int port, List<InetSocketAddress> peers) {
    requirePort(port);
    peers.forEach(peer -> requirePort(peer.getPort()));
    String hosts = peers.stream().map(p -> p.getHostString() + "[" + p.getPort() + "]")
        .collect(Collectors.joining(","));
    if (hosts.contains("\"") || hosts.contains("<") || hosts.contains("@")) {
      throw new IllegalArgumentException("not host names: " + hosts);
    }
    String template = resource("tcp-loopback.xml").replace("@port@", String.valueOf(port))
        .replace("@hosts@", hosts);
    return new JGroupsStack("TCP port " + port + ", peers " + hosts, template, true, null);
  }

  /**
   * Kubernetes: discovery through the DNS records of a headless service ({@code dns.DNS_PING}), TCP on port 7800 of
   * the pod's site-local address ({@code -Djgroups.bind_addr} and {@code -Djgroups.bind_port} override them). The
   * XML is {@code io/crdtkit/net/kubernetes.xml} in this jar; NET.md explains the service it needs.
   */
  public static JGroupsStack kubernetes(String dnsQuery) {
    Objects.requireNonNull(dnsQuery, "DNS query");
    if (dnsQuery.isBlank() || dnsQuery.contains("\"") || dnsQuery.contains("<")) {
      throw new IllegalArgumentException("not a DNS name: '" + dnsQuery + "'");
    }
    return new JGroupsStack("Kubernetes (dns.DNS_PING " + dnsQuery + ")",
        resource("kubernetes.xml").replace("@dns_query@", dnsQuery), false, null);
  }

  /** Your own stack, as a JGroups XML file (JGroups resolves its {@code ${property:default}} references). */
  public static JGroupsStack xml(Path file) {
    try {
      return new JGroupsStack("XML " + file, Files.readString(file), false, null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the JGroups stack " + file, e);
    }
  }

  /**
   * This stack with every message encrypted and authenticated by SYM_ENCRYPT under {@code key} (AES), placed below
   * NAKACK2 as JGroups recommends. Every member must hold the same key (a Kubernetes secret, say); a member with
   * another key cannot read or inject anything.
   */
  public JGroupsStack encrypted(SecretKey key) {
    Objects.requireNonNull(key, "key");
    if (!"AES".equalsIgnoreCase(key.getAlgorithm())) {
      throw new IllegalArgumentException("SYM_ENCRYPT here takes an AES key, got " + key.getAlgorithm());
    }
    return new JGroupsStack(description + ", encrypted (SYM_ENCRYPT AES)", template, usesBindAddress, key);
  }

  /** A new, unconnected channel on this stack (in a JVM hardened against Java deserialization first). */
  JChannel createChannel(String bindAddress) throws Exception {
    JGroupsHardening.install();
    String xml = usesBindAddress ? template.replace("@bind@", bindAddress) : template;
    JChannel channel;
    try (InputStream in = new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))) {
      channel = new JChannel(in);
    }
    if (key != null) {
      SYM_ENCRYPT encrypt = new SYM_ENCRYPT().setSecretKey(key);
      ProtocolStack stack = channel.getProtocolStack();
      stack.insertProtocol(encrypt, ProtocolStack.Position.BELOW, NAKACK2.class);
      encrypt.setProtocolStack(stack);
      encrypt.init();
    }
    return channel;
  }

  @Override
  public String toString() {
    return description;
  }

  private static String resource(String name) {
    try (InputStream in = JGroupsStack.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing stack resource io/crdtkit/net/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void requirePort(int port) {
    if (port < 1 || port > 65_535 - 100) {
      throw new IllegalArgumentException("port must be 1 to 65435 (failure detection uses port + 100), got " + port);
    }
  }
}
