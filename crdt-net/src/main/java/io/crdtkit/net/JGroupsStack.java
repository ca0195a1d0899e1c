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
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.crypto.SecretKey;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apiguardian.api.API;
import org.jgroups.JChannel;
import org.jgroups.protocols.Encrypt;
import org.jgroups.protocols.FD_SOCK2;
import org.jgroups.protocols.SERIALIZE;
import org.jgroups.protocols.TCP;
import org.jgroups.protocols.TP;
import org.jgroups.stack.Protocol;
import org.jgroups.stack.ProtocolStack;
import org.jgroups.util.TLSClientAuth;
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
 * JGroupsStack.tcp(7800, ports).encrypted(aesKey)        // AES/GCM: only holders of the key take part
 * JGroupsStack.kubernetes(query).tls(keystore, password) // mutual TLS: only holders of a trusted certificate connect
 * JGroupsStack.xml(Path.of("my-stack.xml"))
 * }</pre>
 *
 * <p><b>Who can join.</b> The plain presets let in any process that reaches a member's port and names the cluster:
 * it can read and change every replicated value. Keep them on a network only trusted processes reach, or use
 * {@link #encrypted} or {@link #tls} (NET.md, "Security", says what each protects). Every preset binds all its sockets
 * to the node's bind address and runs without JGroups' diagnostics (see {@link #diagnostics}). Whatever the stack, a
 * node never lets the network make its JVM deserialize a Java object.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class JGroupsStack {

  private final String description;
  private final String template;
  private final boolean usesBindAddress;
  private final @Nullable SecretKey key;
  private final @Nullable SSLContext tls;
  private final @Nullable String diagnosticsPasscode;

  private JGroupsStack(String description, String template, boolean usesBindAddress, @Nullable SecretKey key,
      @Nullable SSLContext tls, @Nullable String diagnosticsPasscode) {
    this.description = description;
    this.template = template;
    this.usesBindAddress = usesBindAddress;
    this.key = key;
    this.tls = tls;
    this.diagnosticsPasscode = diagnosticsPasscode;
  }

  private static JGroupsStack preset(String description, String template, boolean usesBindAddress) {
    return new JGroupsStack(description, template, usesBindAddress, null, null, null);
  }

  /**
   * Members in the same JVM, over SHARED_LOOPBACK: for tests and demos; nothing leaves the process.
   *
   * @return a new stack; with {@link #tls} added, it fails when a node starts (it has no TCP transport)
   */
  public static JGroupsStack inJvm() {
    return preset("in-JVM (SHARED_LOOPBACK)", resource("loopback.xml"), false);
  }

  /**
   * TCP between processes on one host: this member listens on {@code port} of the node's bind address (127.0.0.1 by
   * default) and finds the others with TCPPING at {@code peerPorts} on the same address (its own port may be among
   * them). Failure detection also listens, on {@code port + 100} of the same address.
   *
   * @param port      the port this member listens on; 1 to 65435, so that {@code port + 100} is a port too
   * @param peerPorts the ports the members listen on, each 1 to 65435; not null. Members not listed can still
   *                  join by reaching a listed one.
   * @return a new stack
   * @throws IllegalArgumentException if a port is out of range
   * @throws NullPointerException     if {@code peerPorts} is null or holds null
   */
  public static JGroupsStack tcp(int port, List<Integer> peerPorts) {
    requirePort(port);
    peerPorts.forEach(JGroupsStack::requirePort);
    String ports = peerPorts.stream().map(String::valueOf).collect(Collectors.joining(","));
    String template = resource("tcp-loopback.xml").replace("@port@", String.valueOf(port))
        .replace("@hosts@", peerPorts.stream().map(p -> "@bind@[" + p + "]").collect(Collectors.joining(",")));
    return preset("TCP port " + port + ", peers " + ports, template, true);
  }

  /**
   * TCP between hosts that are known in advance (test hosts, a fixed fleet): this member listens on {@code port} of
   * the node's bind address and finds the others with TCPPING at {@code peers}. Failure detection also listens, on
   * {@code port + 100} of the same address.
   *
   * @param port  the port this member listens on; 1 to 65435, so that {@code port + 100} is a port too
   * @param peers the members' host names or addresses and ports (each port 1 to 65435); not null
   * @return a new stack
   * @throws IllegalArgumentException if a port is out of range, or a host string holds {@code "}, {@code <} or
   *     {@code @} (it goes into the stack's XML)
   * @throws NullPointerException     if {@code peers} is null or holds null
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
    return preset("TCP port " + port + ", peers " + hosts, template, true);
  }

  /**
   * Kubernetes: discovery through the DNS records of a headless service ({@code dns.DNS_PING}), TCP on port 7800 of
   * the pod's site-local address ({@code -Djgroups.bind_addr} and {@code -Djgroups.bind_port} override them), failure
   * detection on port 7900 of the same address. The XML is {@code io/crdtkit/net/kubernetes.xml} in this jar; NET.md
   * explains the service it needs.
   *
   * @param dnsQuery the DNS name of the headless service, e.g. {@code carts-ping.shop.svc.cluster.local}; not null
   * @return a new stack
   * @throws IllegalArgumentException if {@code dnsQuery} is blank or holds {@code "} or {@code <} (it goes into the
   *     stack's XML)
   * @throws NullPointerException     if {@code dnsQuery} is null
   */
  public static JGroupsStack kubernetes(String dnsQuery) {
    Objects.requireNonNull(dnsQuery, "DNS query");
    if (dnsQuery.isBlank() || dnsQuery.contains("\"") || dnsQuery.contains("<")) {
      throw new IllegalArgumentException("not a DNS name: '" + dnsQuery + "'");
    }
    return preset("Kubernetes (dns.DNS_PING " + dnsQuery + ")",
        resource("kubernetes.xml").replace("@dns_query@", dnsQuery), false);
  }

  /**
   * Your own stack, as a JGroups XML file (JGroups resolves its {@code ${property:default}} references). The file
   * is read now; it is parsed, and found wrong if it is, only when a node starts. The builder's bind address does
   * not apply: set it in the XML.
   *
   * @param file the XML file, in UTF-8; not null
   * @return a new stack
   * @throws UncheckedIOException if the file cannot be read
   */
  public static JGroupsStack xml(Path file) {
    try {
      return preset("XML " + file, Files.readString(file), false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the JGroups stack " + file, e);
    }
  }

  /**
   * This stack with every message encrypted and authenticated under {@code key}, an AES key (128, 192 or 256 bits)
   * every member holds (a Kubernetes secret, say). Right above the transport, crdtkit puts SERIALIZE, which turns
   * each message - headers, addresses and flags included - into a payload, and AES/GCM, which encrypts it with a
   * fresh random IV and an authentication tag. So discovery, failure detection, membership and data are all
   * encrypted, and a process without the key can neither join, read a value, nor inject a message: what it sends is
   * refused and counted ({@link RefusalCause#UNAUTHENTICATED}).
   *
   * <p>What it does not protect: the cluster name and the members' addresses travel in the clear (JGroups' transport
   * header); a process that reaches a member's port can still open a connection and make JGroups' transport parse
   * (and allocate for) what it sends before decryption rejects it; and failure detection's own port (FD_SOCK2)
   * answers anyone with the cluster's and the member's names. {@link #tls} closes the transport's port to processes
   * without a trusted certificate. Rotate the key before one key has encrypted about 2^32 messages.
   *
   * @param key the cluster's AES key; not null
   * @return a new stack, this one with encryption; this one is unchanged. A stack whose XML already has an
   *     encryption protocol or SERIALIZE fails when a node starts on it.
   * @throws IllegalArgumentException if {@code key} is not an AES key of 16, 24 or 32 bytes
   * @throws NullPointerException     if {@code key} is null
   */
  public JGroupsStack encrypted(SecretKey key) {
    Objects.requireNonNull(key, "key");
    byte[] encoded = key.getEncoded();
    if (!"AES".equalsIgnoreCase(key.getAlgorithm()) || encoded == null
        || !(encoded.length == 16 || encoded.length == 24 || encoded.length == 32)) {
      throw new IllegalArgumentException("encrypted() takes an AES key of 128, 192 or 256 bits, got "
          + key.getAlgorithm() + (encoded == null ? " (not encodable)" : " of " + encoded.length * 8 + " bits"));
    }
    return new JGroupsStack(description + ", encrypted (" + AuthenticatedEncryption.TRANSFORMATION + ")", template,
        usesBindAddress, key, tls, diagnosticsPasscode);
  }

  /**
   * This stack with its TCP transport on mutual TLS 1.3: a member accepts a connection only from a peer whose
   * certificate it trusts, and presents its own, so a process without a trusted certificate cannot connect, let alone
   * send a byte JGroups would parse. {@code keystore} (PKCS12) holds this member's key with its certificate, and the
   * certificates it trusts; the simplest setup is one key pair for the whole cluster (NET.md, "Security", shows the
   * {@code keytool} command). Combine it with {@link #encrypted} if you want messages protected by the cluster's key
   * as well. TLS does not cover failure detection's own port (FD_SOCK2), which answers anyone with the cluster's and
   * the member's names.
   *
   * @param keystore the PKCS12 keystore file; not null. It is read now, once.
   * @param password the password of the keystore and of its key; not null
   * @return a new stack, this one with mutual TLS; this one is unchanged. A stack whose transport is not TCP fails
   *     when a node starts on it.
   * @throws IllegalArgumentException if the keystore cannot be read with {@code password}
   * @throws NullPointerException     if {@code keystore} or {@code password} is null
   */
  public JGroupsStack tls(Path keystore, char[] password) {
    return tls(tlsContext(keystore, password));
  }

  /**
   * This stack with its TCP transport on mutual TLS 1.3 under {@code context}, your own SSL context (its key managers
   * present this member's certificate, its trust managers decide which peers may connect). See
   * {@link #tls(Path, char[])}.
   *
   * @param context an SSL context initialized with key and trust managers; not null. crdtkit restricts the
   *                transport to TLS 1.3 and requires client certificates, whatever the context allows.
   * @return a new stack, this one with mutual TLS; this one is unchanged. A stack whose transport is not TCP fails
   *     when a node starts on it.
   * @throws NullPointerException if {@code context} is null
   */
  public JGroupsStack tls(SSLContext context) {
    Objects.requireNonNull(context, "SSL context");
    return new JGroupsStack(description + ", mutual TLS", template, usesBindAddress, key, context,
        diagnosticsPasscode);
  }

  /**
   * This stack with JGroups' diagnostics on, for its {@code probe} tool: over TCP on the transport's bind address,
   * port 7500 (or the next free one), answering only requests that carry {@code passcode}. Every preset runs without
   * diagnostics, because they let anyone who reaches them read and change the stack's settings.
   *
   * @param passcode the secret {@code probe} must send; not null, not blank
   * @return a new stack, this one with diagnostics on; this one is unchanged
   * @throws IllegalArgumentException if {@code passcode} is blank
   * @throws NullPointerException     if {@code passcode} is null
   */
  public JGroupsStack diagnostics(String passcode) {
    Objects.requireNonNull(passcode, "passcode");
    if (passcode.isBlank()) {
      throw new IllegalArgumentException("diagnostics need a passcode: without one, anyone who reaches the port"
          + " can change the stack's settings");
    }
    return new JGroupsStack(description + ", diagnostics", template, usesBindAddress, key, tls, passcode);
  }

  /**
   * A new, unconnected channel on this stack, in a JVM hardened against Java deserialization first. Whatever the
   * stack: FD_SOCK2 becomes {@link BoundedFailureDetection}; then come TLS, encryption and diagnostics if asked for
   * (the node hands its refusal counts to the encryption when it starts).
   */
  JChannel createChannel(String bindAddress) throws Exception {
    JGroupsHardening.install();
    String xml = usesBindAddress ? template.replace("@bind@", bindAddress) : template;
    JChannel channel;
    try (InputStream in = new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))) {
      channel = new JChannel(in);
    }
    try {
      ProtocolStack stack = channel.getProtocolStack();
      TP transport = stack.getTransport();
      FD_SOCK2 failureDetection = stack.findProtocol(FD_SOCK2.class);
      if (failureDetection != null && !(failureDetection instanceof BoundedFailureDetection)) {
        BoundedFailureDetection bounded = BoundedFailureDetection.replacing(failureDetection);
        bounded.setProtocolStack(stack);
        stack.replaceProtocol(failureDetection, bounded);
      }
      if (tls != null) {
        if (!(transport instanceof TCP tcp)) {
          throw new IllegalArgumentException("TLS needs JGroups' TCP transport; " + description + " runs "
              + transport.getName());
        }
        tcp.tls().enabled(true).setClientAuth(TLSClientAuth.NEED).setProtocols(new String[] {"TLSv1.3"})
            .setSSLContext(tls);
      }
      if (key != null) {
        if (stack.findProtocol(Encrypt.class, SERIALIZE.class) != null) {
          throw new IllegalArgumentException("encrypted(): " + description + " already has an encryption protocol"
              + " or SERIALIZE; remove it from the XML");
        }
        AuthenticatedEncryption encryption = new AuthenticatedEncryption(key);
        insertAbove(stack, encryption, transport);
        insertAbove(stack, new SERIALIZE(), encryption);
      }
      if (diagnosticsPasscode != null) {
        transport.getDiagnosticsHandler().setEnabled(true).enableUdp(false).enableTcp(true)
            .setBindAddress(transport.getBindAddress()).setPasscode(diagnosticsPasscode);
      }
    } catch (Exception | Error e) {
      channel.close();
      throw e;
    }
    return channel;
  }

  private static void insertAbove(ProtocolStack stack, Protocol protocol, Protocol below) throws Exception {
    stack.insertProtocolInStack(protocol, below, ProtocolStack.Position.ABOVE);
    protocol.setProtocolStack(stack);
    protocol.init();
  }

  private static SSLContext tlsContext(Path keystore, char[] password) {
    Objects.requireNonNull(keystore, "keystore");
    Objects.requireNonNull(password, "password");
    try (InputStream in = Files.newInputStream(keystore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLSv1.3");
      context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot read the TLS keystore " + keystore + " (PKCS12, with the password"
          + " given): " + e.getMessage(), e);
    }
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
