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

  /**
   * This node's replica id.
   *
   * @return the replica id's name (this incarnation's)
   */
  String getReplica();

  /**
   * The replicas in the current view whose ids are known, this one included, in view order.
   *
   * @return their replica ids' names; a new array on each call
   */
  String[] getMembers();

  /**
   * How many keys this node has registered.
   *
   * @return the number of registered keys
   */
  int getKeys();

  /**
   * Whether anti-entropy last found this node in sync with every peer in the view.
   *
   * @return true if every peer's last comparison found every key equal; false while some peer has not been compared yet
   */
  boolean isInSyncWithAllPeers();

  /**
   * The retirement epoch: how many replicas the cluster has retired, as far as this node knows.
   *
   * @return the length of this node's retirement log
   */
  long getEpoch();

  /**
   * Messages sent since the node started (each multicast counts once).
   *
   * @return the count
   */
  long getMessagesSent();

  /**
   * Bytes of the messages sent since the node started.
   *
   * @return the count, in bytes
   */
  long getBytesSent();

  /**
   * Messages received since the node started.
   *
   * @return the count
   */
  long getMessagesReceived();

  /**
   * Bytes of the messages received since the node started.
   *
   * @return the count, in bytes
   */
  long getBytesReceived();

  /**
   * Received messages dropped because they could not be decoded, or decoded but could not be merged
   * ({@link RefusalCause#UNDECODABLE} and {@link RefusalCause#UNMERGEABLE}).
   *
   * @return the count since the node started
   */
  long getDecodeErrors();

  /**
   * Anti-entropy rounds this node started.
   *
   * @return the count since the node started
   */
  long getAntiEntropyRounds();

  /**
   * MergeViews this node installed: how many times it saw a partition heal.
   *
   * @return the count since the node started
   */
  long getMergeViews();

  /**
   * The largest garbage-collection lag of any member over the collected keys: how many dots this node has merged
   * that the member's last accepted stability report had not.
   *
   * @return the lag, in dots; 0 when no key is collected or no member lags
   */
  long getMaxStabilityLag();

  /**
   * The tombstones held now over the collected keys.
   *
   * @return the count now
   */
  long getTombstones();
}
