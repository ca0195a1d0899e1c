package io.crdtkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.crdtkit.GCounter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.crypto.KeyGenerator;
import org.jgroups.Address;
import org.jgroups.Event;
import org.jgroups.JChannel;
import org.jgroups.ObjectMessage;
import org.jgroups.util.Digest;
import org.jgroups.util.MutableDigest;
import org.jgroups.util.SeqnoList;
import org.jgroups.util.SizeStreamable;
import org.jgroups.util.Tuple;
import org.jgroups.util.Util;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 14, finding 1: nothing that reaches a member's port may make its JVM deserialize a Java object. A process
 * that knows a member's address (discovery traffic is in the clear, on the encrypted preset too) sends it JGroups
 * ObjectMessages whose payload's {@code readObject} would run on receipt: on every preset it never runs, the
 * message is refused and counted, and the node keeps working.
 */
class JavaDeserializationTest {

  private static final Duration DEADLINE = Duration.ofSeconds(30);

  /** A payload that would show its own deserialization. */
  static final class Gadget implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    static final AtomicInteger READS = new AtomicInteger();

    @Serial
    private void readObject(ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
      READS.incrementAndGet();
      in.defaultReadObject();
    }
  }

  /** A preset: the stack of the members, and the one an attacker without the key uses. */
  record Preset(String name, JGroupsStack members, JGroupsStack attacker) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Preset> presets() throws Exception {
    List<Integer> ports = ProcessClusterTest.freePorts(2);
    List<Integer> encryptedPorts = ProcessClusterTest.freePorts(2);
    KeyGenerator aes = KeyGenerator.getInstance("AES");
    aes.init(128);
    return Stream.of(
        new Preset("in-JVM", JGroupsStack.inJvm(), JGroupsStack.inJvm()),
        new Preset("TCP", JGroupsStack.tcp(ports.get(0), ports), JGroupsStack.tcp(ports.get(1), ports)),
        new Preset("TCP, encrypted", JGroupsStack.tcp(encryptedPorts.get(0), encryptedPorts).encrypted(
            aes.generateKey()), JGroupsStack.tcp(encryptedPorts.get(1), encryptedPorts)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("presets")
  void anObjectMessageIsRefusedBeforeItsPayloadIsRead(Preset preset) throws Exception {
    String cluster = "deser-" + UUID.randomUUID();
    try (CrdtNode member = CrdtNode.builder(cluster).stack(preset.members()).start();
         JChannel attacker = preset.attacker().createChannel("127.0.0.1")) {
      Replicated<GCounter> hits = member.register("hits", GCounter.empty(), GCounter.class);
      attacker.connect(cluster);
      // the member's physical address, as a process sniffing the wire sees it (the encrypted preset's discovery
      // does not tell a process without the key)
      Address target = member.channel().getAddress();
      attacker.down(new Event(Event.ADD_PHYSICAL_ADDRESS, new Tuple<>(target,
          member.channel().down(new Event(Event.GET_PHYSICAL_ADDRESS, target)))));
      long refusedBefore = member.stats().refused().get(RefusalCause.OBJECT_MESSAGE);
      int readsBefore = Gadget.READS.get();

      for (int i = 0; i < 3; i++) {
        attacker.send(new ObjectMessage(target, new Gadget()));
        attacker.send(new ObjectMessage(null, new Gadget()));
      }

      await().atMost(DEADLINE)
          .until(() -> member.stats().refused().get(RefusalCause.OBJECT_MESSAGE) > refusedBefore);
      assertThat(Gadget.READS.get()).as("readObject calls").isEqualTo(readsBefore);
      hits.update((counter, self) -> counter.deltaIncrement(self, 1));
      assertThat(hits.value().value()).isEqualTo(1);
    }
  }

  /** A class that JGroups would instantiate by name, then let read itself from the attacker's bytes. */
  public static final class NamedPayload implements SizeStreamable {
    static final AtomicInteger READS = new AtomicInteger();

    @Override
    public int serializedSize() {
      return 0;
    }

    @Override
    public void writeTo(DataOutput out) {}

    @Override
    public void readFrom(DataInput in) {
      READS.incrementAndGet();
    }
  }

  /** What JGroups' own protocols send (retransmission requests, stability digests) is still read as JGroups reads it. */
  @Test
  void onlyJGroupsOwnPayloadsAreTakenIn() throws Exception {
    SeqnoList missing = new SeqnoList(10, 5).add(7).add(9);
    assertThat((Iterable<Long>) roundTrip(new ObjectMessage(null, missing)).getObject()).containsExactly(7L, 9L);
    Address member = Util.createRandomAddress("a");
    Digest digest = new MutableDigest(new Address[] {member}).set(member, 4, 6);
    assertThat(((Digest) roundTrip(new ObjectMessage(null, digest)).getObject()).get(member)).containsExactly(4L, 6L);
    Object nothing = roundTrip(new ObjectMessage(null, (Object) null)).getObject();
    assertThat(nothing).isNull();

    long refusedBefore = RefusedObjectMessage.REFUSED.sum();
    int namedReadsBefore = NamedPayload.READS.get();
    int gadgetReadsBefore = Gadget.READS.get();
    assertThatThrownBy(() -> roundTrip(new ObjectMessage(null, new NamedPayload())))
        .hasMessageContaining("named by class name");
    assertThatThrownBy(() -> roundTrip(new ObjectMessage(null, new Gadget())))
        .hasMessageContaining("magic number");
    assertThatThrownBy(() -> roundTrip(new ObjectMessage(null, "a string")))
        .hasMessageContaining("magic number");
    assertThat(NamedPayload.READS.get()).isEqualTo(namedReadsBefore);
    assertThat(Gadget.READS.get()).isEqualTo(gadgetReadsBefore);
    assertThat(RefusedObjectMessage.REFUSED.sum()).isEqualTo(refusedBefore + 3);
  }

  private static ObjectMessage roundTrip(ObjectMessage sent) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    sent.writePayload(new DataOutputStream(bytes));
    RefusedObjectMessage received = new RefusedObjectMessage();
    received.readPayload(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    return received;
  }

  /** Any other path inside JGroups to Java serialization meets the filter: JGroups' streams refuse every class. */
  @Test
  void aStreamJGroupsOpensRefusesEveryClassAndOtherStreamsAreLeftAlone() throws Exception {
    JGroupsHardening.install();
    assertThat(JGroupsHardening.filterInstalled()).isTrue();
    byte[] serialized = Util.objectToByteBuffer(new Gadget());
    int readsBefore = Gadget.READS.get();

    assertThatThrownBy(() -> Util.objectFromByteBuffer(serialized)).isInstanceOf(InvalidClassException.class);
    assertThat(Gadget.READS.get()).isEqualTo(readsBefore);
    // an application's own stream is not JGroups': it keeps the JVM's filter (none here) and reads as before
    ByteArrayOutputStream own = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(own)) {
      out.writeObject(new Gadget());
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(own.toByteArray()))) {
      assertThat(in.readObject()).isInstanceOf(Gadget.class);
    }
    assertThat(Gadget.READS.get()).isEqualTo(readsBefore + 1);
  }
}
