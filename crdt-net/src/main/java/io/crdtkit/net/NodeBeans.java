package io.crdtkit.net;

import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.jgroups.jmx.JmxConfigurator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The node's JMX bean and the channel's, registered on the platform server and removed on close. */
final class NodeBeans implements CrdtNodeMXBean {

  private static final Logger log = LoggerFactory.getLogger(NodeBeans.class);

  private final CrdtNode node;
  private @Nullable ObjectName name;

  NodeBeans(CrdtNode node) {
    this.node = node;
  }

  void register() {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    String cluster = node.engine().settings().cluster();
    try {
      name = new ObjectName("io.crdtkit.net:type=CrdtNode,cluster=" + ObjectName.quote(cluster) + ",replica="
          + ObjectName.quote(node.replica().name()));
      server.registerMBean(this, name);
      JmxConfigurator.registerChannel(node.channel(), server, "io.crdtkit.net.jgroups", cluster + "-"
          + node.replica().name(), true);
    } catch (Exception e) {
      log.warn("{}: JMX registration failed: {}", node.replica(), e.toString());
    }
  }

  void unregister() {
    ObjectName registered = name;
    if (registered == null) {
      return;
    }
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      server.unregisterMBean(registered);
      JmxConfigurator.unregisterChannel(node.channel(), server, "io.crdtkit.net.jgroups",
          node.engine().settings().cluster() + "-" + node.replica().name());
    } catch (Exception e) {
      log.debug("{}: JMX unregistration: {}", node.replica(), e.toString());
    }
    name = null;
  }

  @Override
  public String getReplica() {
    return node.replica().name();
  }

  @Override
  public String[] getMembers() {
    return node.members().stream().map(Object::toString).toArray(String[]::new);
  }

  @Override
  public int getKeys() {
    return node.engine().keys().size();
  }

  @Override
  public boolean isInSyncWithAllPeers() {
    return node.stats().inSyncWithAllPeers();
  }

  @Override
  public long getEpoch() {
    return node.engine().retired().epoch();
  }

  @Override
  public long getMessagesSent() {
    return node.engine().counters().messagesSent.sum();
  }

  @Override
  public long getBytesSent() {
    return node.engine().counters().bytesSent.sum();
  }

  @Override
  public long getMessagesReceived() {
    return node.engine().counters().messagesReceived.sum();
  }

  @Override
  public long getBytesReceived() {
    return node.engine().counters().bytesReceived.sum();
  }

  @Override
  public long getDecodeErrors() {
    return node.engine().counters().refusals.count(RefusalCause.UNDECODABLE)
        + node.engine().counters().refusals.count(RefusalCause.UNMERGEABLE);
  }

  @Override
  public long getAntiEntropyRounds() {
    return node.engine().counters().antiEntropyRounds.sum();
  }

  @Override
  public long getMergeViews() {
    return node.engine().counters().mergeViews.sum();
  }

  @Override
  public long getMaxStabilityLag() {
    return node.stats().stabilityLag().values().stream().mapToLong(Long::longValue).max().orElse(0);
  }

  @Override
  public long getTombstones() {
    return node.stats().tombstones();
  }
}
