package io.crdtkit.net;

import io.crdtkit.Crdt;
import io.crdtkit.Timestamped;
import io.crdtkit.clock.ClockOffsetException;
import io.crdtkit.clock.HlcTimestamp;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.gc.StabilityReport;
import io.crdtkit.jackson.CrdtDecodeException;
import io.crdtkit.net.WireMessage.Chunk;
import io.crdtkit.net.WireMessage.Deltas;
import io.crdtkit.net.WireMessage.FootprintQuery;
import io.crdtkit.net.WireMessage.FootprintReply;
import io.crdtkit.net.WireMessage.InSync;
import io.crdtkit.net.WireMessage.KeyBytes;
import io.crdtkit.net.WireMessage.KeyDigest;
import io.crdtkit.net.WireMessage.QuorumMessage;
import io.crdtkit.net.WireMessage.ReadRequest;
import io.crdtkit.net.WireMessage.Reports;
import io.crdtkit.net.WireMessage.RetireRequest;
import io.crdtkit.net.WireMessage.Retirements;
import io.crdtkit.net.WireMessage.States;
import io.crdtkit.net.WireMessage.TombstoneAnswer;
import io.crdtkit.net.WireMessage.TombstoneQuery;
import io.crdtkit.net.WireMessage.TreeDigest;
import io.crdtkit.net.WireMessage.WriteRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jgroups.Address;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes a received frame and hands it to the protocol part it belongs to, on the protocol thread. A frame that
 * fails to decode is dropped whole, logged with its sender and counted. Inside a well-formed frame each key's entry
 * stands alone: one whose type differs from the key's here, or whose document does not decode, is refused and
 * counted, and every other key of the frame is merged (one bad key must not hold back the others, issue 17).
 * Frames from another retirement epoch are not applied as they are: the logs are exchanged first (NET.md,
 * "Retirement").
 */
final class FrameDispatcher {

  private static final Logger log = LoggerFactory.getLogger(FrameDispatcher.class);

  private record Decoded(KeyEntry<?> entry, Object value, long generation, boolean tombstone) {}

  private final ReplicationEngine engine;

  FrameDispatcher(ReplicationEngine engine) {
    this.engine = engine;
  }

  /**
   * Takes in one message. An unchunked frame's body may inflate to at most the maximum message size (a sender
   * chunks anything larger), a reassembled one to the codec's maximum document size: a small frame cannot make every
   * member allocate megabytes.
   */
  void handle(Address from, byte[] bytes, int offset, int length) {
    handle(from, bytes, offset, length, Math.min(engine.settings().maxMessageBytes(),
        engine.settings().codecLimits().maxDocumentBytes()));
  }

  private void handle(Address from, byte[] bytes, int offset, int length, long maxInflatedBytes) {
    try {
      Frame frame = FrameCodec.decode(bytes, offset, length, maxInflatedBytes);
      if (frame.body() instanceof Chunk chunk) {
        byte[] whole = engine.chunks().accept(from, chunk, System.currentTimeMillis());
        if (whole != null) {
          handle(from, whole, 0, whole.length, engine.settings().codecLimits().maxDocumentBytes());
        }
        return;
      }
      dispatch(from, frame);
    } catch (ChunkAssembler.TransferRefused e) {
      engine.counters().refusals.refuse(RefusalCause.TRANSFER_LIMIT, from, e.getMessage());
    } catch (WireException | CrdtDecodeException e) {
      engine.counters().refusals.refuse(RefusalCause.UNDECODABLE, from, "a message that could not be decoded: "
          + e.getMessage());
    }
  }

  private void dispatch(Address from, Frame frame) {
    ReplicaId sender = frame.sender();
    RetirementCoordinator retirements = engine.retirements();
    if (frame.body() instanceof Retirements log) {
      retirements.onRetirements(from, log);
      return;
    }
    if (retirements.log().isRetired(sender)) {
      return; // a retired replica's late input: its updates are folded already, and it may not add more
    }
    if (engine.membership().learn(from, sender)) {
      engine.learned(sender);
    }
    engine.membership().sawEpoch(from, frame.epoch());
    long epoch = retirements.epoch();
    WireMessage body = frame.body();
    if (frame.epoch() != epoch) {
      // Exchange logs: the one behind learns the retirements it missed. Whole states can be upgraded meanwhile.
      engine.send(from, new Retirements(retirements.log().retired().asJava()));
      if (frame.epoch() < epoch && body instanceof States states) {
        applyStates(from, states, retirements.missedSince(frame.epoch()));
      } else if (body instanceof Deltas deltas) {
        engine.counters().refusals.refuse(RefusalCause.STALE_DELTA, from, "deltas from retirement epoch "
            + frame.epoch() + " (this node is at " + epoch + ")", deltas.deltas().size());
      } else if (body instanceof QuorumMessage quorum) {
        receiveQuorum(from, frame.epoch(), quorum);    // answered with the reason, never left to time out
      }
      return;
    }
    if (body instanceof Deltas deltas) {
      applyDeltas(from, deltas);
    } else if (body instanceof States states) {
      applyStates(from, states, List.of());
    } else if (body instanceof TreeDigest digest) {
      engine.antiEntropy().onTreeDigest(from, digest);
    } else if (body instanceof KeyDigest digest) {
      engine.antiEntropy().onKeyDigest(from, digest);
    } else if (body instanceof InSync inSync) {
      engine.antiEntropy().onInSync(from, inSync);
    } else if (body instanceof Reports reports) {
      applyReports(sender, reports);
    } else if (body instanceof RetireRequest request) {
      retirements.onRequest(from, sender, request);
    } else if (body instanceof FootprintQuery query) {
      retirements.onFootprintQuery(from, query);
    } else if (body instanceof FootprintReply reply) {
      retirements.onFootprintReply(from, reply);
    } else if (body instanceof QuorumMessage quorum) {
      receiveQuorum(from, frame.epoch(), quorum);
    } else if (body instanceof TombstoneQuery query) {
      engine.send(from, engine.tombstones().answer(query, engine.keys(), System.nanoTime()));
    } else if (body instanceof TombstoneAnswer answer) {
      engine.tombstones().answered(sender, answer, engine.keys());
    }
  }

  /** A read or write at a consistency level: another member's request, or an answer to one of this node's. */
  private void receiveQuorum(Address from, long senderEpoch, QuorumMessage message) {
    if (message instanceof WriteRequest request) {
      engine.quorumResponder().onWriteRequest(from, senderEpoch, request);
    } else if (message instanceof ReadRequest request) {
      engine.quorumResponder().onReadRequest(from, senderEpoch, request);
    } else {
      engine.quorums().onReply(from, senderEpoch == engine.retirements().epoch(), message);
    }
  }

  private void applyDeltas(Address from, Deltas deltas) {
    for (Decoded decoded : decodeAll(from, deltas.deltas(), List.of())) {
      if (merge(from, decoded)) {
        engine.counters().deltasApplied.increment();
      }
    }
  }

  private void applyStates(Address from, States states, List<ReplicaId> missedRetirements) {
    List<KeyEntry<?>> changed = new ArrayList<>();
    for (Decoded decoded : decodeAll(from, states.states(), missedRetirements)) {
      if (merge(from, decoded)) {
        changed.add(decoded.entry());
      }
      decoded.entry().caughtUp();                    // it holds a peer's whole state now (GC.md, rule 8)
      engine.counters().statesApplied.increment();
    }
    engine.antiEntropy().answerWants(from, states, engine.keys());
    if (!changed.isEmpty() && engine.membership().isBridge(from)) {
      engine.forwardRepairs(changed);
    }
  }

  private void applyReports(ReplicaId sender, Reports reports) {
    Map<StabilityReport, List<String>> decoded = engine.reportGossip().decode(sender, reports);
    decoded.forEach((report, keys) -> {
      for (String key : keys) {
        KeyEntry<?> entry = engine.keys().get(key);
        if (entry != null) {
          entry.receiveReport(report);
        }
      }
    });
  }

  /**
   * Decodes each key's entry on its own: one of another type, one that does not decode, and one whose timestamps run
   * too far ahead of this node's clock (its sender's clock is broken) are each refused alone, and the rest are
   * merged. Types are compared before decoding: a document of another element type may well decode, converted.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private List<Decoded> decodeAll(Address from, List<KeyBytes> entries, List<ReplicaId> missedRetirements) {
    List<Decoded> decoded = new ArrayList<>(entries.size());
    for (KeyBytes bytes : entries) {
      KeyEntry entry = engine.keys().get(bytes.key());
      if (entry != null && bytes.generation() < entry.generation()) {
        ReplicaId sender = engine.membership().replicaOf(from);
        if (sender != null && entry.isTombstone() && entry.deleteHeldBy.contains(sender)) {
          // The sender held this delete, and writes the key at an earlier generation: it collected the tombstone
          // and created the key again after its grace period (Tombstones). The delete is stable: collect it here too.
          engine.collectTombstone(entry);
          engine.tombstones().forget(bytes.key());
          entry = null;
        } else {
          engine.counters().supersededByDelete.increment();    // the delete won over it
          continue;
        }
      } else if (entry == null && engine.tombstones().supersedes(bytes.key(), bytes.generation(), System.nanoTime())) {
        engine.counters().supersededByDelete.increment();      // a late write of a key whose tombstone went lately
        continue;
      }
      if (entry == null) {
        // A key this node does not hold: created from its type's bottom if the type is registered here, else
        // refused alone (UNKNOWN_TYPE, or UNKNOWN_KEY for an entry without a type).
        entry = engine.runtimeKeys().createOnReceipt(from, bytes.key(), bytes.type());
        if (entry == null) {
          continue;
        }
      }
      if (!bytes.type().isEmpty() && !bytes.type().equals(entry.type)) {
        engine.counters().refusals.refuse(RefusalCause.TYPE_MISMATCH, from, "an entry of key '" + bytes.key()
            + "' of type " + bytes.type() + ", registered here as " + entry.type + " (every member must register"
            + " a key with the same type)");
        // The peer replicates another value under this name: nothing it collected concerns this key, which must
        // not wait for it to catch up (NET.md, "Joining").
        entry.lackedBy(from, engine.membership().peers());
        continue;
      }
      Object value;
      try {
        value = entry.decode(bytes.document());
        if (!missedRetirements.isEmpty()) {
          value = entry.upgrade((Crdt) value, missedRetirements);
        }
      } catch (RuntimeException e) {
        engine.counters().refusals.refuse(RefusalCause.UNDECODABLE, from, "an entry of key '" + bytes.key()
            + "' that could not be decoded as " + entry.type + ": " + e.getMessage());
        continue;
      }
      if (value instanceof Timestamped timestamped && !withinClockOffset(from, bytes.key(), timestamped)) {
        continue;
      }
      decoded.add(new Decoded(entry, value, bytes.generation(), bytes.tombstone()));
    }
    return decoded;
  }

  private boolean withinClockOffset(Address from, String key, Timestamped value) {
    for (HlcTimestamp latest : value.latestTimestamp()) {
      try {
        engine.clock().check(latest);
      } catch (ClockOffsetException e) {
        engine.counters().refusals.refuse(RefusalCause.FUTURE_TIMESTAMP, from, "key '" + key + "': "
            + e.getMessage());
        return false;
      }
    }
    return true;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private boolean merge(Address from, Decoded decoded) {
    try {
      KeyEntry entry = decoded.entry();
      long before = entry.generation();
      boolean changed = entry.merge((Crdt) decoded.value(), decoded.generation(), decoded.tombstone());
      if (entry.generation() > before) {
        engine.runtimeKeys().deleted(entry.name, false);
      }
      return changed;
    } catch (RuntimeException e) {
      // A document that decodes but cannot merge (another configuration of the type, say): refused alone.
      engine.counters().refusals.refuse(RefusalCause.UNMERGEABLE, from,
          "a state of key '" + decoded.entry().name + "' that could not be merged: " + e);
      return false;
    }
  }
}
