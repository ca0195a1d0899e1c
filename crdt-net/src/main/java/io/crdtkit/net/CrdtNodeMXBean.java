package io.crdtkit.net;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * A node's figures over JMX ({@code io.crdtkit.net:type=CrdtNode,cluster=...,replica=...}), when the builder's
 * {@code jmx(true)} is set; JGroups registers the channel's protocols beside it. The same figures as
 * {@link NetStats}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface CrdtNodeMXBean {

  String getReplica();

  String[] getMembers();

  int getKeys();

  boolean isInSyncWithAllPeers();

  long getEpoch();

  long getMessagesSent();

  long getBytesSent();

  long getMessagesReceived();

  long getBytesReceived();

  long getDecodeErrors();

  long getAntiEntropyRounds();

  long getMergeViews();

  long getMaxStabilityLag();

  long getTombstones();
}
