package io.crdtkit.net;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.jgroups.annotations.Property;
import org.jgroups.blocks.cs.NioServer;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.protocols.FD_SOCK2;

/**
 * JGroups' FD_SOCK2 with a cap on what its socket takes in. FD_SOCK2 listens on a port of its own (the transport's
 * plus an offset), outside the stack - neither TLS nor encryption covers it - and its server trusts the length
 * prefix of whatever arrives: one 4-byte prefix from a stranger made it reserve 200 MB of direct memory. Its own
 * messages (connect, its answer, a graceful close) are about a hundred bytes, so this one refuses anything over
 * 4 KiB and keeps buffers on the heap. Every stack crdtkit creates runs this in place of FD_SOCK2, settings kept.
 */
final class BoundedFailureDetection extends FD_SOCK2 {

  static final int MAX_FRAME_BYTES = 4_096;

  private BoundedFailureDetection() {
    id = ClassConfigurator.getProtocolId(FD_SOCK2.class); // FD_SOCK2's header id, which peers expect
  }

  /** A bounded copy of {@code original}: every property FD_SOCK2 declares (bind address, offset, ports...) kept. */
  static BoundedFailureDetection replacing(FD_SOCK2 original) {
    BoundedFailureDetection bounded = new BoundedFailureDetection();
    for (Field field : FD_SOCK2.class.getDeclaredFields()) {
      if (field.isAnnotationPresent(Property.class) && !Modifier.isStatic(field.getModifiers())) {
        try {
          field.setAccessible(true);
          field.set(bounded, field.get(original));
        } catch (ReflectiveOperationException | RuntimeException e) {
          throw new IllegalStateException("cannot copy FD_SOCK2's property " + field.getName(), e);
        }
      }
    }
    return bounded;
  }

  @Override
  protected NioServer createServer(int[] bindPorts) {
    NioServer server = super.createServer(bindPorts);
    server.setMaxLength(MAX_FRAME_BYTES);
    server.useDirectMemory(false);
    return server;
  }
}
