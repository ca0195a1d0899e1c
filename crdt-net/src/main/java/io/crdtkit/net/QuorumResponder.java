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
 * held), and anything that keeps a request from being served (a key this node lacks, of a type not registered
 * here; a document refused; another retirement epoch) is counted and sent back as the reason, so the member that
 * asked fails at once instead of waiting for its timeout.
 */
final class QuorumResponder {

  private final Map<String, KeyEntry<?>> keys;
  private final DocumentIntake intake;
  private final NetCounters counters;
  private final LongSupplier epoch;
  private final String self;
  private final BiConsumer<Address, WireMessage> send;
  private final RuntimeKeys runtimeKeys;

  QuorumResponder(Map<String, KeyEntry<?>> keys, DocumentIntake intake, NetCounters counters, LongSupplier epoch,
      String self, BiConsumer<Address, WireMessage> send, RuntimeKeys runtimeKeys) {
    this.keys = keys;
    this.runtimeKeys = runtimeKeys;
    this.intake = intake;
    this.counters = counters;
    this.epoch = epoch;
    this.self = self;
    this.send = send;
  }

  void onWriteRequest(Address from, long senderEpoch, WriteRequest request) {
    KeyEntry<?> entry = servable(from, senderEpoch, request.key(), request.type());
    String refusal = entry == null ? unservable(from, senderEpoch, request.key(), request.type(), true)
        : mismatch(from, entry, request.type());
    if (refusal == null) {
      refusal = intake.merge(from, entry, request.delta(), request.generation(), false);
    }
    if (refusal == null) {
      counters.deltasApplied.increment();
    }
    send.accept(from, new WriteReply(request.requestId(), refusal));
  }

  void onReadRequest(Address from, long senderEpoch, ReadRequest request) {
    KeyEntry<?> entry = servable(from, senderEpoch, request.key(), request.type());
    String refusal = entry == null ? unservable(from, senderEpoch, request.key(), request.type(), false)
        : mismatch(from, entry, request.type());
    if (refusal != null) {
      send.accept(from, new ReadReply(request.requestId(), null, refusal));
      return;
    }
    counters.statesSent.increment();
    WireMessage.KeyBytes state = entry.stateToWire();
    send.accept(from, new ReadReply(request.requestId(), state.document(), null, state.generation(),
        state.tombstone()));
  }

  /**
   * The key a request may be served from, or null. A key this node lacks is created, as when an entry of it arrives
   * in a frame (RuntimeKeys: listeners told, catch-up scheduled), if the request states a type registered here: a
   * write at a level is often a new key's first update, and refusing it would make that update fail until a batch
   * had carried the key. A read creates it too, and is answered with the bottom: this member has seen no update of
   * the key, which is what a read should count. Without a type, or of a type not registered here, null; RuntimeKeys
   * counts the refusal (UNKNOWN_KEY, UNKNOWN_TYPE logged once per key and type).
   */
  private @Nullable KeyEntry<?> servable(Address from, long senderEpoch, String key, String type) {
    if (senderEpoch != epoch.getAsLong()) {
      return null;
    }
    KeyEntry<?> entry = keys.get(key);
    return entry != null ? entry : runtimeKeys.createOnReceipt(from, key, type);
  }

  /** Why a request of {@code type} cannot be served from {@code entry}, or null: as a frame's entry is checked. */
  private @Nullable String mismatch(Address from, KeyEntry<?> entry, String type) {
    if (type.isEmpty() || type.equals(entry.type)) {
      return null;
    }
    // A document of another element type may decode, converted: compared before decoding, as FrameDispatcher does.
    counters.refusals.refuse(RefusalCause.TYPE_MISMATCH, from, "a read or write of key '" + entry.name + "' of type "
        + type + ", registered here as " + entry.type);
    return "key '" + entry.name + "' is of type " + entry.type + " at member " + self + ", not " + type
        + " (TYPE_MISMATCH)";
  }

  /** Why a request for {@code key} cannot be served here; a missing key's refusal was counted by RuntimeKeys. */
  private String unservable(Address from, long senderEpoch, String key, String type, boolean write) {
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
    if (type.isEmpty()) {
      return "key '" + key + "' is not registered at member " + self;
    }
    return "key '" + key + "' is of type " + type + ", not registered at member " + self + " (UNKNOWN_TYPE)";
  }
}
