package io.crdtkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.crdtkit.GCounter;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jgroups.Address;
import org.jgroups.Event;
import org.jgroups.JChannel;
import org.jgroups.ObjectMessage;
import org.jgroups.stack.IpAddress;
import org.jgroups.util.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, finding 6, the TLS way: on {@link JGroupsStack#tls} a member connects only to peers whose certificate it
 * trusts, so a process with another certificate never joins, and one without TLS cannot get a single byte parsed -
 * not even the ObjectMessage that finding 1 used. Members on TCP over 127.0.0.1, keystores made with the JDK's
 * {@code keytool}.
 */
class TlsStackTest {

  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final char[] PASSWORD = "test-only-password".toCharArray();

  @TempDir
  static Path keystores;

  @Test
  void onlyProcessesWithATrustedCertificateTakePart() throws Exception {
    Path clusterKeystore = keystore("cluster");
    Path otherKeystore = keystore("other");
    List<Integer> ports = ProcessClusterTest.freePorts(4);
    String cluster = "tls-" + UUID.randomUUID();
    try (CrdtNode a = CrdtNode.builder(cluster).stack(JGroupsStack.tcp(ports.get(0), ports)
             .tls(clusterKeystore, PASSWORD)).start();
         CrdtNode b = CrdtNode.builder(cluster).stack(JGroupsStack.tcp(ports.get(1), ports)
             .tls(clusterKeystore, PASSWORD)).start();
         CrdtNode outsider = CrdtNode.builder(cluster).stack(JGroupsStack.tcp(ports.get(2), ports)
             .tls(otherKeystore, PASSWORD)).start();
         JChannel plaintext = JGroupsStack.tcp(ports.get(3), ports).createChannel("127.0.0.1")) {
      Replicated<GCounter> onA = a.register("hits", GCounter.empty(), GCounter.class);
      Replicated<GCounter> onB = b.register("hits", GCounter.empty(), GCounter.class);
      Replicated<GCounter> onOutsider = outsider.register("hits", GCounter.empty(), GCounter.class);
      onA.update((counter, self) -> counter.deltaIncrement(self, 5));
      await().atMost(DEADLINE).until(() -> onB.value().value() == 5 && a.channel().getView().size() == 2);

      plaintext.connect(cluster);
      Address member = a.channel().getAddress();
      plaintext.down(new Event(Event.ADD_PHYSICAL_ADDRESS, new Tuple<>(member, new IpAddress("127.0.0.1",
          ports.get(0)))));
      long refusedBefore = RefusedObjectMessage.REFUSED.sum();
      int readsBefore = JavaDeserializationTest.Gadget.READS.get();
      plaintext.send(new ObjectMessage(member, new JavaDeserializationTest.Gadget()));

      await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
          a.channel().getView().size() == 2 && outsider.channel().getView().size() == 1
              && plaintext.getView().size() == 1 && onOutsider.value().value() == 0);
      assertThat(RefusedObjectMessage.REFUSED.sum()).as("ObjectMessages that reached a parser").isEqualTo(
          refusedBefore);
      assertThat(JavaDeserializationTest.Gadget.READS.get()).isEqualTo(readsBefore);
    }
  }

  @Test
  void aKeystoreThatCannotBeUsedIsAClearErrorBeforeAnythingStarts() throws Exception {
    Path missing = keystores.resolve("missing.p12");
    assertThatThrownBy(() -> JGroupsStack.tcp(7_800, List.of(7_800)).tls(missing, PASSWORD))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing.p12");
    Path keystore = keystore("wrong-password");
    assertThatThrownBy(() -> JGroupsStack.tcp(7_800, List.of(7_800)).tls(keystore, "nope".toCharArray()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wrong-password.p12");
    assertThatThrownBy(() -> CrdtNode.builder("tls-in-jvm").stack(JGroupsStack.inJvm().tls(keystore, PASSWORD))
        .start()).hasMessageContaining("TLS needs JGroups' TCP transport");
  }

  /** A PKCS12 keystore with one EC key pair and its self-signed certificate, as NET.md tells to make one. */
  static Path keystore(String name) throws Exception {
    Path file = keystores.resolve(name + ".p12");
    String keytool = System.getProperty("java.home") + File.separator + "bin" + File.separator + "keytool";
    Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "member", "-keyalg", "EC",
        "-groupname", "secp256r1", "-dname", "CN=crdtkit " + name, "-validity", "2", "-storetype", "PKCS12",
        "-keystore", file.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("keytool: " + output).isZero();
    return file;
  }
}
