package io.crdtkit.net;

import io.crdtkit.net.WireMessage.ReadReply;
import io.crdtkit.net.WireMessage.ReadRequest;
import io.crdtkit.net.WireMessage.WriteReply;
import io.crdtkit.net.WireMessage.WriteRequest;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import org.jgroups.Address;
import org.jspecify.annotations.Nullable;

/**
 * Answers another member's read or write at a consistency level, on the protocol thread. Every request gets an
 * answer, never silence: a write is acknowledged only once this node's state holds its delta (merged, or already
 * held), and anything that keeps a request from being served (a key not registered here, a document refused, another
 * retirement epoch) is counted and sent back as the reason, so the member that asked fails at once instead of waiting
 * for its timeout.
 */
final class QuorumResponder {

  private final Map<String, KeyEntry<?>> keys;
  private final DocumentIntake intake;
  private final NetCounters counters;
  private final LongSupplier epoch;
  private final String self;
  private final BiConsumer<Address, WireMessage> send;

  QuorumResponder(Map<String, KeyEntry<?>> keys, DocumentIntake intake, NetCounters counters, LongSupplier epoch,
      String self, BiConsumer<Address, WireMessage> send) {
    this.keys = keys;
    this.intake = intake;
    this.counters = counters;
    this.epoch = epoch;
    this.self = self;
    this.send = send;
  }

  void onWriteRequest(Address from, long senderEpoch, WriteRequest request) {
    KeyEntry<?> entry = servable(from, senderEpoch, request.key());
    String refusal = entry == null ? unservable(from, senderEpoch, request.key(), true)
        : intake.merge(from, entry, request.delta());
    if (refusal == null) {
      counters.deltasApplied.increment();
    }
    send.accept(from, new WriteReply(request.requestId(), refusal));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  void onReadRequest(Address from, long senderEpoch, ReadRequest request) {
    KeyEntry entry = servable(from, senderEpoch, request.key());
    if (entry == null) {
      send.accept(from, new ReadReply(request.requestId(), null, unservable(from, senderEpoch, request.key(), false)));
      return;
    }
    counters.statesSent.increment();
    send.accept(from, new ReadReply(request.requestId(), entry.encode(entry.state()), null));
  }

  private @Nullable KeyEntry<?> servable(Address from, long senderEpoch, String key) {
    return senderEpoch == epoch.getAsLong() ? keys.get(key) : null;
  }

  /** Why a request for {@code key} cannot be served here; counted like an entry of a frame refused for it. */
  private String unservable(Address from, long senderEpoch, String key, boolean write) {
    long here = epoch.getAsLong();
    if (senderEpoch != here) {
      // A state or delta across retirement epochs could mention replicas one side has folded: the logs are
      // exchanged first (FrameDispatcher sent ours), and the request may be retried.
      String reason = "member " + self + " is at retirement epoch " + here + ", the request at " + senderEpoch
          + " (the retirement logs are being exchanged; retry)";
      if (write) {
        counters.refusals.refuse(RefusalCause.STALE_DELTA, from, "a write at a consistency level: " + reason);
      }
      return reason;
    }
    counters.refusals.refuse(RefusalCause.UNKNOWN_KEY, from, "a read or write of key '" + key
        + "', not registered here");
    return "key '" + key + "' is not registered at member " + self;
  }
}
