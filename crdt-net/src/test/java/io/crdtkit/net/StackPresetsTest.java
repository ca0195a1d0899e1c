package io.crdtkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.crdtkit.GCounter;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import javax.management.ObjectName;
import org.jgroups.JChannel;
import org.jgroups.protocols.SYM_ENCRYPT;
import org.jgroups.protocols.dns.DNS_PING;
import org.junit.jupiter.api.Test;

class StackPresetsTest {

  private static final Duration DEADLINE = Duration.ofSeconds(20);

  @Test
  void membersWithTheSharedKeyReplicateAndAMemberWithAnotherKeyHearsNothing() throws Exception {
    SecretKey key = aesKey();
    String cluster = "enc-" + UUID.randomUUID();
    JGroupsStack encrypted = JGroupsStack.inJvm().encrypted(key);
    try (CrdtNode a = CrdtNode.builder(cluster).stack(encrypted).start();
         CrdtNode b = CrdtNode.builder(cluster).stack(encrypted).start()) {
      assertThat((Object) a.channel().getProtocolStack().findProtocol(SYM_ENCRYPT.class)).isNotNull();
      Replicated<GCounter> onA = a.register("hits", GCounter.empty(), GCounter.class);
      Replicated<GCounter> onB = b.register("hits", GCounter.empty(), GCounter.class);
      await().atMost(DEADLINE).until(() -> a.channel().getView().size() == 2);
      onA.update((counter, self) -> counter.deltaIncrement(self, 3));
      await().atMost(DEADLINE).until(() -> onB.value().value() == 3);

      try (CrdtNode stranger = CrdtNode.builder(cluster).stack(JGroupsStack.inJvm().encrypted(aesKey())).start()) {
        Replicated<GCounter> onStranger = stranger.register("hits", GCounter.empty(), GCounter.class);
        onA.update((counter, self) -> counter.deltaIncrement(self, 1));
        await().atMost(DEADLINE).until(() -> onB.value().value() == 4);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
            .until(() -> onStranger.value().value() == 0 && a.channel().getView().size() == 2);
      }
    }
  }

  @Test
  void theTcpAndKubernetesPresetsBuildTheirStacks() throws Exception {
    JChannel tcp = JGroupsStack.tcp(7_800, List.of(7_800, 7_801)).createChannel("127.0.0.1");
    JChannel kubernetes = JGroupsStack.kubernetes("carts-ping.shop.svc.cluster.local").createChannel("ignored");
    try (tcp; kubernetes) {
      assertThat(tcp.getProtocolStack().printProtocolSpec(false)).contains("TCPPING", "MERGE3", "FD_ALL3");
      DNS_PING ping = kubernetes.getProtocolStack().findProtocol(DNS_PING.class);
      assertThat(ping.dnsQuery()).isEqualTo("carts-ping.shop.svc.cluster.local");
    }
    assertThatThrownBy(() -> JGroupsStack.kubernetes("\"><evil/>")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JGroupsStack.tcp(0, List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JGroupsStack.inJvm().encrypted(new SecretKeySpec(new byte[8], "DES")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AES");
  }

  @Test
  void theNodeAndItsChannelAreJmxBeansWhenAskedFor() throws Exception {
    String cluster = "jmx-" + UUID.randomUUID();
    ObjectName name;
    try (CrdtNode node = CrdtNode.builder(cluster).stack(JGroupsStack.inJvm()).jmx(true).start()) {
      node.register("hits", GCounter.empty(), GCounter.class);
      name = new ObjectName("io.crdtkit.net:type=CrdtNode,cluster=" + ObjectName.quote(cluster) + ",replica="
          + ObjectName.quote(node.replica().name()));
      assertThat(ManagementFactory.getPlatformMBeanServer().getAttribute(name, "Keys")).isEqualTo(1);
      assertThat(ManagementFactory.getPlatformMBeanServer().queryNames(
          new ObjectName("io.crdtkit.net.jgroups:*"), null)).isNotEmpty();
    }
    assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(name)).isFalse();
  }

  private static SecretKey aesKey() throws Exception {
    KeyGenerator generator = KeyGenerator.getInstance("AES");
    generator.init(128);
    return generator.generateKey();
  }
}
