package io.crdtkit.net;

import java.io.ObjectInputFilter;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BinaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a crdtkit node never lets the network do to its JVM: make JGroups deserialize a Java object (NET.md,
 * "Security"). Installed once per JVM, before the first channel is created:
 * <ul>
 *   <li>JGroups' message factory creates a {@link RefusedObjectMessage} for the ObjectMessage type: its payload (a
 *       class name, or a serialized object) is refused before it is read;
 *   <li>a deserialization filter factory rejects every {@code ObjectInputStream} that JGroups opens (any other
 *       path to Java serialization inside JGroups), and leaves every other stream to the filter it had (the JVM's
 *       own, or one set with {@code jdk.serialFilter}): an application's own filter keeps working.
 * </ul>
 * The JVM's filter factory can be set only once, and not after the first {@code ObjectInputStream} was created; if
 * that is too late, the node logs it once and relies on the message factory, which closes the path crdtkit knows.
 */
final class JGroupsHardening {

  private static final Logger log = LoggerFactory.getLogger(JGroupsHardening.class);
  private static final AtomicBoolean INSTALLED = new AtomicBoolean();
  private static volatile boolean filterInstalled;

  /** Refuses every class, for the streams JGroups opens. */
  static final ObjectInputFilter REJECT_ALL = info -> ObjectInputFilter.Status.REJECTED;

  private JGroupsHardening() {}

  static void install() {
    if (!INSTALLED.compareAndSet(false, true)) {
      return;
    }
    RefusedObjectMessage.install();
    try {
      BinaryOperator<ObjectInputFilter> previous = ObjectInputFilter.Config.getSerialFilterFactory();
      ObjectInputFilter.Config.setSerialFilterFactory((current, requested) ->
          openedByJGroups() ? REJECT_ALL : previous.apply(current, requested));
      filterInstalled = true;
    } catch (IllegalStateException | SecurityException e) {
      log.warn("crdtkit could not install its deserialization filter for JGroups ({}); ObjectMessages are refused"
          + " all the same", e.getMessage());
    }
  }

  /** Whether the deserialization filter for JGroups' streams is in place (false if another was set first). */
  static boolean filterInstalled() {
    return filterInstalled;
  }

  /** Whether the ObjectInputStream being created was opened by JGroups code. */
  private static boolean openedByJGroups() {
    return StackWalker.getInstance().walk(frames -> frames.anyMatch(frame ->
        frame.getClassName().startsWith("org.jgroups.")));
  }
}
