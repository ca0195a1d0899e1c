package io.crdtkit.net;

import io.crdtkit.clock.ReplicaId;
import io.crdtkit.gc.StabilityReport;
import io.crdtkit.jackson.CrdtDecodeException;
import io.crdtkit.net.WireMessage.Chunk;
import io.crdtkit.net.WireMessage.Deltas;
import io.crdtkit.net.WireMessage.FootprintQuery;
import io.crdtkit.net.WireMessage.FootprintReply;
import io.crdtkit.net.WireMessage.InSync;
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
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jgroups.Address;

/**
 * Decodes a received frame and hands it to the protocol part it belongs to, on the protocol thread. A frame that
 * fails to decode is dropped whole, logged with its sender and counted; the key entries of a well-formed frame
 * are taken in one by one (EntryIntake). Frames from another retirement epoch are not applied as they are: the logs
 * are exchanged first (NET.md, "Retirement").
 */
final class FrameDispatcher {

  private final long maxFrameBytes;
  private final long maxDocumentBytes;
  private final ChunkAssembler chunks;
  private final Membership membership;
  private final Consumer<ReplicaId> learned;
  private final RetiredReplicas retired;
  private final RetirementCoordinator retirements;
  private final EntryIntake entries;
  private final AntiEntropy antiEntropy;
  private final ReportGossip reports;
  private final Map<String, KeyEntry<?>> keys;
  private final QuorumResponder quorumResponder;
  private final QuorumRequests quorums;
  private final KeyDeletes deletes;
  private final Outbox outbox;
  private final Refusals refusals;

  /**
   * @param maxFrameBytes    how far an unchunked frame's body may inflate (a sender chunks anything larger)
   * @param maxDocumentBytes how far a reassembled frame's body may inflate
   * @param learned          told of a member's replica id seen for the first time (its keys learn it)
   */
  FrameDispatcher(long maxFrameBytes, long maxDocumentBytes, ChunkAssembler chunks, Membership membership,
      Consumer<ReplicaId> learned, RetiredReplicas retired, RetirementCoordinator retirements, EntryIntake entries,
      AntiEntropy antiEntropy, ReportGossip reports, Map<String, KeyEntry<?>> keys, QuorumResponder quorumResponder,
      QuorumRequests quorums, KeyDeletes deletes, Outbox outbox, Refusals refusals) {
    this.maxFrameBytes = maxFrameBytes;
    this.maxDocumentBytes = maxDocumentBytes;
    this.chunks = chunks;
    this.membership = membership;
    this.learned = learned;
    this.retired = retired;
    this.retirements = retirements;
    this.entries = entries;
    this.antiEntropy = antiEntropy;
    this.reports = reports;
    this.keys = keys;
    this.quorumResponder = quorumResponder;
    this.quorums = quorums;
    this.deletes = deletes;
    this.outbox = outbox;
    this.refusals = refusals;
  }

  /**
   * Takes in one message. An unchunked frame's body may inflate to at most the maximum message size, a reassembled
   * one to the codec's maximum document size: a small frame cannot make every member allocate megabytes.
   */
  void handle(Address from, byte[] bytes, int offset, int length) {
    handle(from, bytes, offset, length, maxFrameBytes);
  }

  private void handle(Address from, byte[] bytes, int offset, int length, long maxInflatedBytes) {
    try {
      Frame frame = FrameCodec.decode(bytes, offset, length, maxInflatedBytes);
      if (frame.body() instanceof Chunk chunk) {
        byte[] whole = chunks.accept(from, chunk, System.currentTimeMillis());
        if (whole != null) {
          handle(from, whole, 0, whole.length, maxDocumentBytes);
        }
        return;
      }
      dispatch(from, frame);
    } catch (ChunkAssembler.TransferRefused e) {
      refusals.refuse(RefusalCause.TRANSFER_LIMIT, from, e.getMessage());
    } catch (WireException | CrdtDecodeException e) {
      refusals.refuse(RefusalCause.UNDECODABLE, from, "a message that could not be decoded: " + e.getMessage());
    }
  }

  private void dispatch(Address from, Frame frame) {
    ReplicaId sender = frame.sender();
    if (frame.body() instanceof Retirements log) {
      retirements.onRetirements(from, log);
      return;
    }
    if (retired.isRetired(sender)) {
      return; // a retired replica's late input: its updates are folded already, and it may not add more
    }
    if (membership.learn(from, sender)) {
      learned.accept(sender);
    }
    membership.sawEpoch(from, frame.epoch());
    long epoch = retired.epoch();
    WireMessage body = frame.body();
    if (frame.epoch() != epoch) {
      // Exchange logs: the one behind learns the retirements it missed. Whole states can be upgraded meanwhile.
      outbox.send(from, new Retirements(retired.log().retired().asJava()));
      if (frame.epoch() < epoch && body instanceof States states) {
        entries.applyStates(from, states, retired.missedSince(frame.epoch()));
      } else if (body instanceof Deltas deltas) {
        refusals.refuse(RefusalCause.STALE_DELTA, from, "deltas from retirement epoch " + frame.epoch()
            + " (this node is at " + epoch + ")", deltas.deltas().size());
      } else if (body instanceof QuorumMessage quorum) {
        receiveQuorum(from, frame.epoch(), quorum);    // answered with the reason, never left to time out
      }
      return;
    }
    if (body instanceof Deltas deltas) {
      entries.applyDeltas(from, deltas);
    } else if (body instanceof States states) {
      entries.applyStates(from, states, List.of());
    } else if (body instanceof TreeDigest digest) {
      antiEntropy.onTreeDigest(from, digest);
    } else if (body instanceof KeyDigest digest) {
      antiEntropy.onKeyDigest(from, digest);
    } else if (body instanceof InSync inSync) {
      antiEntropy.onInSync(from, inSync);
    } else if (body instanceof Reports received) {
      applyReports(sender, received);
    } else if (body instanceof RetireRequest request) {
      retirements.onRequest(from, sender, request);
    } else if (body instanceof FootprintQuery query) {
      retirements.onFootprintQuery(from, query);
    } else if (body instanceof FootprintReply reply) {
      retirements.onFootprintReply(from, reply);
    } else if (body instanceof QuorumMessage quorum) {
      receiveQuorum(from, frame.epoch(), quorum);
    } else if (body instanceof TombstoneQuery query) {
      deletes.onQuery(from, query);
    } else if (body instanceof TombstoneAnswer answer) {
      deletes.onAnswer(sender, answer);
    }
  }

  /** A read or write at a consistency level: another member's request, or an answer to one of this node's. */
  private void receiveQuorum(Address from, long senderEpoch, QuorumMessage message) {
    if (message instanceof WriteRequest request) {
      quorumResponder.onWriteRequest(from, senderEpoch, request);
    } else if (message instanceof ReadRequest request) {
      quorumResponder.onReadRequest(from, senderEpoch, request);
    } else {
      quorums.onReply(from, senderEpoch == retired.epoch(), message);
    }
  }

  private void applyReports(ReplicaId sender, Reports received) {
    Map<StabilityReport, List<String>> decoded = reports.decode(sender, received);
    decoded.forEach((report, names) -> {
      for (String key : names) {
        KeyEntry<?> entry = keys.get(key);
        if (entry != null) {
          entry.receiveReport(report);
        }
      }
    });
  }
}
