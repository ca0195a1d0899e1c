package io.crdtkit.net;

import io.crdtkit.clock.ReplicaId;
import io.crdtkit.jackson.CodecLimits;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A node's configuration, from {@link CrdtNodeBuilder}.
 *
 * @param cluster             the JGroups cluster name
 * @param replica             this incarnation's replica id
 * @param stack               the JGroups stack
 * @param bindAddress         the address the stack binds (presets that bind one)
 * @param maxMessageBytes     the largest message sent; larger frames are split into chunks
 * @param codecLimits         what a received document may hold (crdt-jackson); also bounds reassembled frames
 * @param flushDelay          how long local deltas wait to be batched before they are sent
 * @param antiEntropyInterval how often a round of anti-entropy starts with one peer
 * @param reportInterval      how often stability reports and pending retirements are handled
 * @param treeDepth           depth of the digest tree (16-way): 4 suits up to about a million keys
 * @param jmx                 whether to register the node and its channel as JMX beans
 * @param catchUpTimeout      how long an update on a joining node waits for its key to catch up
 * @param maxClockOffset      how far ahead of this node's clock a received timestamp may be
 * @param maxPendingUpdates   how many local updates of one key may wait for a flush (PendingUpdates)
 * @param maxPendingUpdatesPerNode how many local updates of all keys may wait for a flush
 * @param whenPendingFull     what an update does past either cap
 * @param retireAbsentAfter   how long a replica may be absent from the view before the coordinator retires it;
 *                            null: never automatically
 */
record NodeSettings(String cluster, ReplicaId replica, JGroupsStack stack, String bindAddress, int maxMessageBytes,
    CodecLimits codecLimits, Duration flushDelay, Duration antiEntropyInterval, Duration reportInterval,
    int treeDepth, boolean jmx, Duration catchUpTimeout, Duration maxClockOffset,
    int maxPendingUpdates, int maxPendingUpdatesPerNode, Backpressure whenPendingFull,
    @Nullable Duration retireAbsentAfter) {}
