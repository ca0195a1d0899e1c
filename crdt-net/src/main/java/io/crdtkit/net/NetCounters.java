package io.crdtkit.net;

import java.util.concurrent.atomic.LongAdder;

/** The node's traffic and error counters; cheap to bump from any thread. */
final class NetCounters {

  final LongAdder messagesSent = new LongAdder();
  final LongAdder bytesSent = new LongAdder();
  final LongAdder messagesReceived = new LongAdder();
  final LongAdder bytesReceived = new LongAdder();
  final LongAdder deltasSent = new LongAdder();
  final LongAdder deltasApplied = new LongAdder();
  final LongAdder statesSent = new LongAdder();
  final LongAdder statesApplied = new LongAdder();
  final LongAdder antiEntropyRounds = new LongAdder();
  final LongAdder antiEntropyInSync = new LongAdder();
  final LongAdder reportsSent = new LongAdder();
  final LongAdder mergeViews = new LongAdder();
  /** Entries of a key dropped because a delete of it won over them (an earlier generation than the key's). */
  final LongAdder supersededByDelete = new LongAdder();
  /** Tombstones of deleted keys collected once every member held the delete. */
  final LongAdder tombstonesCollected = new LongAdder();
  final Refusals refusals;

  NetCounters(String self) {
    this.refusals = new Refusals(self);
  }
}
