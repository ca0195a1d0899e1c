package io.crdtkit.net;

import io.crdtkit.clock.ReplicaId;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The messages nodes exchange, one record per kind; {@link FrameCodec} writes and reads them. States and deltas
 * travel as the bytes of their key's codec (Smile documents of crdt-jackson), decoded only by the key that knows
 * their type.
 */
sealed interface WireMessage {

  /**
   * A key, a document (a delta or a whole state) of its value, and the key's full type at the sender
   * ({@code io.crdtkit.ORSet<java.lang.String>}): codecs of different element types may read each other's documents,
   * converting on the way, so the receiver compares types before it decodes. Empty: not stated (a version-1 frame).
   * {@code generation} counts the key's deletes (NET.md, "Deleting a key"): an entry of an earlier generation than the
   * receiver's is a write the delete won over, one of a later generation deletes the receiver's state first.
   * {@code tombstone}: the sender's key is deleted and not written since (always false at generation 0).
   */
  record KeyBytes(String key, byte[] document, String type, long generation, boolean tombstone) {

    /** An entry of a key never deleted. */
    KeyBytes(String key, byte[] document, String type) {
      this(key, document, type, 0, false);
    }

    /** An entry that does not state its type: taken as it decodes, the way version-1 frames are. */
    KeyBytes(String key, byte[] document) {
      this(key, document, "");
    }
  }

  /** A key and a generation of it: how many times it was deleted. */
  record KeyGeneration(String key, long generation) {}

  /** A node of the digest tree: {@code level} 0 is the root; a node at level {@code d} covers 4·d key-hash bits. */
  record TreeNode(int level, int index) {}

  /** A node's hash (the sum of its keys' mixed hashes) and how many keys it covers. */
  record NodeHash(int index, long hash, int keys) {}

  /** A key and the hash of its state's canonical document. */
  record KeyHash(String key, long hash) {}

  /** Keys whose state was last reported with these clocks (reports are grouped: most keys share them). */
  record ReportGroup(byte[] progress, byte[] stableCut, List<String> keys) {}

  /** Deltas of local updates, multicast. Refused when from an older retirement epoch. */
  record Deltas(List<KeyBytes> deltas) implements WireMessage {}

  /** Whole states sent by anti-entropy (upgraded when from an older epoch), and the keys the sender wants back. */
  record States(List<KeyBytes> states, List<String> wants) implements WireMessage {}

  /** Anti-entropy: hashes of tree nodes, all at one level, that the receiver compares with its own. */
  record TreeDigest(int level, List<NodeHash> nodes) implements WireMessage {}

  /** Anti-entropy: the sender's keys and state hashes under the given tree nodes. */
  record KeyDigest(List<TreeNode> ranges, List<KeyHash> keys) implements WireMessage {}

  /** Anti-entropy found the roots equal: the two nodes hold the same states. */
  record InSync(long rootHash) implements WireMessage {}

  /** Stability reports of the sender, for the keys garbage collection tracks. */
  record Reports(List<ReportGroup> groups) implements WireMessage {}

  /** The cluster's retirement log, whole, in order (the epoch is its length). */
  record Retirements(List<ReplicaId> retired) implements WireMessage {}

  /** Asks the coordinator to retire these replicas (a graceful leave asks for the leaver itself). */
  record RetireRequest(List<ReplicaId> replicas) implements WireMessage {}

  /** Footprint check for a retirement: the coordinator asks, every member answers with its footprint hash. */
  record FootprintQuery(long requestId, List<ReplicaId> replicas) implements WireMessage {}

  /**
   * The answer: a hash of how much of each queried replica's updates the sender holds, over all its keys, and
   * whether it is ready for a retirement: every collected key has caught up, and the earlier retirements are stable
   * at it (crdt-gc's GC.md, rule 9).
   */
  record FootprintReply(long requestId, long footprint, boolean ready) implements WireMessage {}

  /**
   * Asks every member whether it holds these deleted keys' deletes: at the generation given or later, or not at all
   * (Tombstones). Sent while the sender holds the keys' tombstones.
   */
  record TombstoneQuery(List<KeyGeneration> keys) implements WireMessage {}

  /** The answer to a {@link TombstoneQuery}: the queried keys this member holds at the generation asked or later. */
  record TombstoneAnswer(List<String> held) implements WireMessage {}

  /** Part of a frame too large for one message; the parts are reassembled into the frame. */
  record Chunk(long transfer, int index, int total, byte[] part) implements WireMessage {}

  /** Reads and writes at a consistency level (NET.md, "Consistency levels"): one key, one request id, one answer. */
  sealed interface QuorumMessage extends WireMessage {

    /** The request this message asks or answers, unique at the node that asked. */
    long requestId();
  }

  /**
   * Asks the receiver to merge a delta of {@code key} and to say when its state holds it (a write at a level).
   * {@code type} is the key's type id, as {@link KeyBytes} carries it, so that a member without the key can create
   * it; empty: not stated (a request of an earlier build), and such a member refuses it.
   */
  record WriteRequest(long requestId, String key, byte[] delta, String type, long generation)
      implements QuorumMessage {

    /** A request of a key never deleted. */
    WriteRequest(long requestId, String key, byte[] delta, String type) {
      this(requestId, key, delta, type, 0);
    }

    /** A request that does not state its key's type, as earlier builds sent it. */
    WriteRequest(long requestId, String key, byte[] delta) {
      this(requestId, key, delta, "");
    }
  }

  /** The answer to a {@link WriteRequest}: the receiver's state holds the delta (no refusal), or why it does not. */
  record WriteReply(long requestId, @Nullable String refusal) implements QuorumMessage {}

  /**
   * Asks the receiver for its state of {@code key} (a read at a level); {@code type} as in {@link WriteRequest}: a
   * member without the key creates it and answers with its bottom.
   */
  record ReadRequest(long requestId, String key, String type) implements QuorumMessage {

    /** A request that does not state its key's type, as earlier builds sent it. */
    ReadRequest(long requestId, String key) {
      this(requestId, key, "");
    }
  }

  /** The answer to a {@link ReadRequest}: the receiver's whole state of the key, or why it has none to give. */
  record ReadReply(long requestId, byte @Nullable [] state, @Nullable String refusal, long generation,
      boolean tombstone) implements QuorumMessage {

    public ReadReply {
      if ((state == null) == (refusal == null)) {
        throw new IllegalArgumentException("a read reply carries either a state or a refusal");
      }
    }

    /** A reply of a key never deleted. */
    ReadReply(long requestId, byte @Nullable [] state, @Nullable String refusal) {
      this(requestId, state, refusal, 0, false);
    }
  }
}
