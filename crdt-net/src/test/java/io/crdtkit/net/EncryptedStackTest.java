package io.crdtkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crdtkit.GCounter;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.jgroups.Address;
import org.jgroups.EmptyMessage;
import org.jgroups.Event;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.protocols.EncryptHeader;
import org.jgroups.protocols.SYM_ENCRYPT;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.stack.IpAddress;
import org.jgroups.util.Tuple;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, finding 6: on the encrypted preset a process without the key takes no part. It cannot join, and a
 * message it forges - here the one that got through JGroups' stock SYM_ENCRYPT: a payload-less "member B leaves"
 * request to the coordinator, carrying the key's fingerprint sniffed off the wire - is refused and counted, not
 * obeyed. Members on TCP over 127.0.0.1.
 */
class EncryptedStackTest {

  private static final Duration DEADLINE = Duration.ofSeconds(30);

  @Test
  void aProcessWithoutTheKeyCanNeitherJoinNorForgeAMembershipChange() throws Exception {
    SecretKey key = aesKey();
    List<Integer> ports = ProcessClusterTest.freePorts(3);
    String cluster = "encrypted-" + UUID.randomUUID();
    try (CrdtNode a = CrdtNode.builder(cluster).stack(JGroupsStack.tcp(ports.get(0), ports).encrypted(key)).start();
         CrdtNode b = CrdtNode.builder(cluster).stack(JGroupsStack.tcp(ports.get(1), ports).encrypted(key)).start();
         JChannel stranger = JGroupsStack.tcp(ports.get(2), ports).createChannel("127.0.0.1")) {
      Replicated<GCounter> onA = a.register("hits", GCounter.empty(), GCounter.class);
      Replicated<GCounter> onB = b.register("hits", GCounter.empty(), GCounter.class);
      onA.update((counter, self) -> counter.deltaIncrement(self, 2));
      await().atMost(DEADLINE).until(() -> onB.value().value() == 2 && a.channel().getView().size() == 2);
      Address coordinator = a.channel().getView().getCoord();
      CrdtNode member = coordinator.equals(a.channel().getAddress()) ? b : a;
      CrdtNode coordinatorNode = member == a ? b : a;

      stranger.connect(cluster);
      await().atMost(DEADLINE).until(() -> unauthenticated(coordinatorNode) > 0);
      await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
          .until(() -> stranger.getView().size() == 1 && coordinatorNode.channel().getView().size() == 2);

      long refusedBefore = unauthenticated(coordinatorNode);
      stranger.down(new Event(Event.ADD_PHYSICAL_ADDRESS, new Tuple<>(coordinator,
          new IpAddress("127.0.0.1", coordinator.equals(a.channel().getAddress()) ? ports.get(0) : ports.get(1)))));
      byte[] sniffedFingerprint = MessageDigest.getInstance("MD5").digest(key.getEncoded());
      for (int i = 0; i < 3; i++) {
        Message leave = new EmptyMessage(coordinator)
            .setFlag(Message.Flag.OOB, Message.Flag.NO_RELIABILITY)
            .putHeader(ClassConfigurator.getProtocolId(GMS.class),
                new GMS.GmsHeader(GMS.GmsHeader.LEAVE_REQ, member.channel().getAddress()))
            .putHeader(ClassConfigurator.getProtocolId(SYM_ENCRYPT.class),
                new EncryptHeader((byte) 0, sniffedFingerprint, null));
        stranger.send(leave);
      }

      await().atMost(DEADLINE).until(() -> unauthenticated(coordinatorNode) > refusedBefore);
      await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
          .until(() -> coordinatorNode.channel().getView().containsMember(member.channel().getAddress()));
      onB.update((counter, self) -> counter.deltaIncrement(self, 1));
      await().atMost(DEADLINE).until(() -> onA.value().value() == 3);
    }
  }

  private static long unauthenticated(CrdtNode node) {
    return node.stats().refused().get(RefusalCause.UNAUTHENTICATED);
  }

  static SecretKey aesKey() throws Exception {
    KeyGenerator generator = KeyGenerator.getInstance("AES");
    generator.init(256);
    return generator.generateKey();
  }
}
