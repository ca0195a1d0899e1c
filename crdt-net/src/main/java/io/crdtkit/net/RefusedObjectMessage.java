package io.crdtkit.net;

import java.io.DataInput;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.jgroups.Message;
import org.jgroups.MessageFactory;
import org.jgroups.ObjectMessage;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.util.Digest;
import org.jgroups.util.MutableDigest;
import org.jgroups.util.SeqnoList;
import org.jgroups.util.SizeStreamable;

/**
 * What a JGroups {@link ObjectMessage} becomes in a JVM that runs a crdtkit node: a message that takes in only the
 * payload types JGroups' own protocols send, and refuses any other before instantiating it.
 *
 * <p>An ObjectMessage names its payload's class (by magic number or by class name) and JGroups' transport creates
 * that class and reads it, or Java-deserializes a wrapped object, on receipt, before any protocol (SYM_ENCRYPT
 * included) has seen the message: anyone who can reach a member's port could make it instantiate a class of their
 * choice and run its {@code readObject}. crdtkit never sends one (its frames are {@code BytesMessage}s of its own
 * format). JGroups does, for its own bookkeeping: retransmission requests carry a {@link SeqnoList}, stability
 * rounds a {@link Digest}. Those are read as JGroups reads them - they hold numbers and addresses, never a Java
 * object - and every other payload is refused: a class name, a Java-serialized or primitive wrapper, any other
 * magic number.
 *
 * <p>The creator lives in JGroups' one global message factory: every channel of the JVM reads ObjectMessages this
 * way from then on, which is what a JVM that holds replicated data wants.
 */
final class RefusedObjectMessage extends ObjectMessage {

  /** How many ObjectMessages this JVM refused (every channel). */
  static final LongAdder REFUSED = new LongAdder();

  /** The payload types JGroups' protocols put in ObjectMessages (NAKACK2, UNICAST3, STABLE and their successors). */
  private static final Set<Short> JGROUPS_OWN_PAYLOADS =
      Set.of(
          ClassConfigurator.getMagicNumber(SeqnoList.class),
          ClassConfigurator.getMagicNumber(Digest.class),
          ClassConfigurator.getMagicNumber(MutableDigest.class));

  /** The format {@code Util.readSizeStreamable} reads: a presence byte, then a magic number (-1: a class name). */
  @Override
  public void readPayload(DataInput in) throws IOException {
    if (in.readByte() == 0) {
      return; // no payload: nothing to instantiate
    }
    short magic = in.readShort();
    if (!JGROUPS_OWN_PAYLOADS.contains(magic)) {
      REFUSED.increment();
      throw new Refused(magic);
    }
    try {
      SizeStreamable payload = ClassConfigurator.create(magic);
      payload.readFrom(in);
      setObject(payload);
    } catch (ClassNotFoundException impossible) {
      // JGroups' own payloads hold numbers and addresses: no class is looked up by name on the way
      throw new IOException("JGroups could not read its own payload of magic number " + magic, impossible);
    }
  }

  /** Thrown into JGroups' transport, which drops the message and logs one line: no stack trace to fill it. */
  private static final class Refused extends IOException {
    Refused(short magic) {
      super(
          "refused an ObjectMessage whose payload is "
              + (magic == -1 ? "named by class name" : "of magic number " + magic)
              + ": crdtkit takes no Java objects from the network (NET.md, \"Security\")");
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }

  /** Makes JGroups' message factory create this for the ObjectMessage type, in this JVM. */
  static void install() {
    Installer.install();
  }

  /** JGroups keeps its creators in a protected static array: only a subclass of the factory may replace one. */
  private static final class Installer extends MessageFactory {
    static void install() {
      creators[Message.OBJ_MSG] = RefusedObjectMessage::new;
    }
  }
}
