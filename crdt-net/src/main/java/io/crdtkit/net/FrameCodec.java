package io.crdtkit.net;

import io.crdtkit.clock.ReplicaId;
import io.crdtkit.net.WireMessage.Chunk;
import io.crdtkit.net.WireMessage.Deltas;
import io.crdtkit.net.WireMessage.FootprintQuery;
import io.crdtkit.net.WireMessage.FootprintReply;
import io.crdtkit.net.WireMessage.InSync;
import io.crdtkit.net.WireMessage.KeyBytes;
import io.crdtkit.net.WireMessage.KeyDigest;
import io.crdtkit.net.WireMessage.KeyGeneration;
import io.crdtkit.net.WireMessage.KeyHash;
import io.crdtkit.net.WireMessage.NodeHash;
import io.crdtkit.net.WireMessage.QuorumMessage;
import io.crdtkit.net.WireMessage.ReportGroup;
import io.crdtkit.net.WireMessage.Reports;
import io.crdtkit.net.WireMessage.RetireRequest;
import io.crdtkit.net.WireMessage.Retirements;
import io.crdtkit.net.WireMessage.States;
import io.crdtkit.net.WireMessage.TombstoneAnswer;
import io.crdtkit.net.WireMessage.TombstoneQuery;
import io.crdtkit.net.WireMessage.TreeDigest;
import io.crdtkit.net.WireMessage.TreeNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The frame format (NET.md, "Wire format"): a format version byte, a kind byte, the sender's replica id, its
 * retirement epoch, then the kind's body. Hand-written and strict rather than a general serializer: a frame is
 * checked field by field and must end exactly where its body ends; never Java serialization.
 */
final class FrameCodec {

  /**
   * The newest format version this release writes. Version 2 states each key's type beside its document; version 3
   * also each key's generation (how many times it was deleted). A frame is written in version 2 when every entry
   * in it is of generation 0, so that a cluster that never deletes a key reads the same bytes as earlier releases.
   */
  static final int VERSION = 3;

  /** The version of a frame whose entries all are of generation 0, and of every frame without entries. */
  static final int VERSION_WITHOUT_GENERATIONS = 2;

  /** The oldest format version this release reads: version 1 entries carry no type, and are taken unchecked. */
  static final int OLDEST_READABLE = 1;

  /** A frame larger than this decoded here (tests, tools) is refused. */
  static final long DEFAULT_MAX_FRAME_BYTES = 64L << 20;

  /** Bodies larger than this are deflated (when that makes them smaller): states and key lists shrink several-fold. */
  static final int COMPRESS_ABOVE = 512;

  /** The kind byte's flag for a deflated body. */
  private static final int COMPRESSED = 0x80;

  /** The deepest tree level a frame may name: 7 levels of 16-way fan-out are 2^28 leaves. */
  static final int MAX_TREE_LEVEL = 7;

  private static final int DELTAS = 1;
  private static final int STATES = 2;
  private static final int TREE_DIGEST = 3;
  private static final int KEY_DIGEST = 4;
  private static final int IN_SYNC = 5;
  private static final int REPORTS = 6;
  private static final int RETIREMENTS = 7;
  private static final int RETIRE_REQUEST = 8;
  private static final int FOOTPRINT_QUERY = 9;
  private static final int FOOTPRINT_REPLY = 10;
  private static final int CHUNK = 11;
  // Reads and writes at a consistency level (QuorumCodec writes and reads their bodies); a node of an earlier release
  // refuses these kinds as unknown, and its silence counts as no answer.
  static final int WRITE_REQUEST = 12;
  static final int WRITE_REPLY = 13;
  static final int READ_REQUEST = 14;
  static final int READ_REPLY = 15;
  // Collecting deleted keys' tombstones (Tombstones); a node of an earlier release refuses these kinds as unknown.
  private static final int TOMBSTONE_QUERY = 16;
  private static final int TOMBSTONE_ANSWER = 17;

  private FrameCodec() {}

  static byte[] encode(Frame frame) {
    byte[] body = encodeBody(frame.body());
    FrameWriter out = new FrameWriter(body.length + 64);
    out.u8(versionOf(frame.body()));
    byte[] compressed = body.length > COMPRESS_ABOVE ? Deflate.compress(body) : null;
    if (compressed != null && compressed.length < body.length) {
      out.u8(kindOf(frame.body()) | COMPRESSED).string(frame.sender().name()).i64(frame.epoch()).i32(body.length);
      return out.raw(compressed).toByteArray();
    }
    out.u8(kindOf(frame.body())).string(frame.sender().name()).i64(frame.epoch());
    return out.raw(body).toByteArray();
  }

  /** The length of the body an encoded frame carries, once inflated (the frame's own length if not compressed). */
  static int bodyLength(byte[] frame) {
    if ((frame[1] & COMPRESSED) == 0) {
      return frame.length;
    }
    FrameReader in = new FrameReader(frame, 0, frame.length);
    in.u8("version");
    in.u8("kind");
    in.string("sender");
    in.i64("epoch");
    return in.i32("inflated length");
  }

  private static int versionOf(WireMessage body) {
    List<KeyBytes> entries = body instanceof Deltas deltas ? deltas.deltas()
        : body instanceof States states ? states.states() : List.of();
    return entries.stream().anyMatch(entry -> entry.generation() != 0) ? VERSION : VERSION_WITHOUT_GENERATIONS;
  }

  private static byte[] encodeBody(WireMessage body) {
    FrameWriter out = new FrameWriter(256);
    int version = versionOf(body);
    if (body instanceof Deltas deltas) {
      keyBytes(out, deltas.deltas(), version);
    } else if (body instanceof States states) {
      keyBytes(out, states.states(), version);
      strings(out, states.wants());
    } else if (body instanceof TombstoneQuery query) {
      out.i32(query.keys().size());
      for (KeyGeneration key : query.keys()) {
        out.string(key.key()).i64(key.generation());
      }
    } else if (body instanceof TombstoneAnswer answer) {
      strings(out, answer.held());
    } else if (body instanceof TreeDigest digest) {
      out.u8(digest.level()).i32(digest.nodes().size());
      for (NodeHash node : digest.nodes()) {
        out.i32(node.index()).i64(node.hash()).i32(node.keys());
      }
    } else if (body instanceof KeyDigest digest) {
      out.i32(digest.ranges().size());
      for (TreeNode range : digest.ranges()) {
        out.u8(range.level()).i32(range.index());
      }
      out.i32(digest.keys().size());
      for (KeyHash key : digest.keys()) {
        out.string(key.key()).i64(key.hash());
      }
    } else if (body instanceof InSync inSync) {
      out.i64(inSync.rootHash());
    } else if (body instanceof Reports reports) {
      out.i32(reports.groups().size());
      for (ReportGroup group : reports.groups()) {
        out.bytes(group.progress()).bytes(group.stableCut());
        strings(out, group.keys());
      }
    } else if (body instanceof Retirements retirements) {
      replicas(out, retirements.retired());
    } else if (body instanceof RetireRequest request) {
      replicas(out, request.replicas());
    } else if (body instanceof FootprintQuery query) {
      out.i64(query.requestId());
      replicas(out, query.replicas());
    } else if (body instanceof FootprintReply reply) {
      out.i64(reply.requestId()).i64(reply.footprint()).u8(reply.ready() ? 1 : 0);
    } else if (body instanceof Chunk chunk) {
      out.i64(chunk.transfer()).i32(chunk.index()).i32(chunk.total()).bytes(chunk.part());
    } else if (body instanceof QuorumMessage quorum) {
      QuorumCodec.encode(out, quorum);
    }
    return out.toByteArray();
  }

  /**
   * The frame in {@code bytes}.
   *
   * @throws WireException if anything about it is wrong; nothing of it may then be used
   */
  static Frame decode(byte[] bytes, int offset, int length) {
    return decode(bytes, offset, length, DEFAULT_MAX_FRAME_BYTES);
  }

  /**
   * The frame in {@code bytes}; a compressed body may inflate to at most {@code maxFrameBytes}.
   *
   * @throws WireException if anything about it is wrong; nothing of it may then be used
   */
  static Frame decode(byte[] bytes, int offset, int length, long maxFrameBytes) {
    FrameReader in = new FrameReader(bytes, offset, length);
    int version = in.u8("version");
    if (version < OLDEST_READABLE || version > VERSION) {
      throw new WireException("format version " + version + ", this node reads versions " + OLDEST_READABLE + " to "
          + VERSION);
    }
    int kind = in.u8("kind");
    ReplicaId sender = replica(in.string("sender"));
    long epoch = in.i64("epoch");
    if (epoch < 0) {
      throw new WireException("negative epoch " + epoch);
    }
    if ((kind & COMPRESSED) != 0) {
      int inflatedLength = in.i32("inflated length");
      if (inflatedLength < 0 || inflatedLength > maxFrameBytes) {
        throw new WireException("a compressed body of " + inflatedLength + " bytes, the limit is " + maxFrameBytes);
      }
      byte[] body = Deflate.inflate(in.rest(), inflatedLength);
      return new Frame(sender, epoch, body(kind & ~COMPRESSED, new FrameReader(body, 0, body.length), version));
    }
    return new Frame(sender, epoch, body(kind, in, version));
  }

  private static WireMessage body(int kind, FrameReader in, int version) {
    WireMessage body = switch (kind) {
      case DELTAS -> new Deltas(keyBytes(in, version));
      case STATES -> new States(keyBytes(in, version), strings(in, "wants"));
      case TREE_DIGEST -> treeDigest(in);
      case KEY_DIGEST -> keyDigest(in);
      case IN_SYNC -> new InSync(in.i64("root hash"));
      case REPORTS -> reports(in);
      case RETIREMENTS -> new Retirements(replicas(in));
      case RETIRE_REQUEST -> new RetireRequest(replicas(in));
      case FOOTPRINT_QUERY -> new FootprintQuery(in.i64("request"), replicas(in));
      case FOOTPRINT_REPLY -> new FootprintReply(in.i64("request"), in.i64("footprint"), readiness(in));
      case CHUNK -> chunk(in);
      case TOMBSTONE_QUERY -> tombstoneQuery(in);
      case TOMBSTONE_ANSWER -> new TombstoneAnswer(strings(in, "held"));
      case WRITE_REQUEST, WRITE_REPLY, READ_REQUEST, READ_REPLY -> QuorumCodec.decode(kind, in);
      default -> throw new WireException("unknown message kind " + kind);
    };
    in.requireEnd();
    return body;
  }

  private static int kindOf(WireMessage body) {
    // Java 17: no pattern switch over the sealed interface yet, so an instanceof chain.
    if (body instanceof Deltas) {
      return DELTAS;
    } else if (body instanceof States) {
      return STATES;
    } else if (body instanceof TreeDigest) {
      return TREE_DIGEST;
    } else if (body instanceof KeyDigest) {
      return KEY_DIGEST;
    } else if (body instanceof InSync) {
      return IN_SYNC;
    } else if (body instanceof Reports) {
      return REPORTS;
    } else if (body instanceof Retirements) {
      return RETIREMENTS;
    } else if (body instanceof RetireRequest) {
      return RETIRE_REQUEST;
    } else if (body instanceof FootprintQuery) {
      return FOOTPRINT_QUERY;
    } else if (body instanceof FootprintReply) {
      return FOOTPRINT_REPLY;
    } else if (body instanceof Chunk) {
      return CHUNK;
    } else if (body instanceof TombstoneQuery) {
      return TOMBSTONE_QUERY;
    } else if (body instanceof TombstoneAnswer) {
      return TOMBSTONE_ANSWER;
    } else if (body instanceof QuorumMessage quorum) {
      return QuorumCodec.kindOf(quorum);
    }
    throw new IllegalStateException("unknown message " + body.getClass());
  }

  /** The bytes one key-and-document entry adds to a frame. */
  private static boolean readiness(FrameReader in) {
    int ready = in.u8("ready");
    if (ready > 1) {
      throw new WireException("field 'ready' must be 0 or 1, got " + ready);
    }
    return ready == 1;
  }

  static int entrySize(KeyBytes entry) {
    return FrameWriter.stringSize(entry.key()) + 2 + 8 + 4 + entry.document().length + FrameWriter.stringSize(
        entry.type());
  }

  /** The bytes of a frame's header and list counts, before its entries. */
  static int overhead(ReplicaId sender) {
    return 1 + 1 + FrameWriter.stringSize(sender.name()) + 8 + 4 + 4;
  }

  /**
   * Version 2: the distinct types first (most frames carry a few types for many keys), then each entry's key, the
   * index of its type, and its document. Version 3 has each entry's generation between its type and its document.
   */
  private static void keyBytes(FrameWriter out, List<KeyBytes> entries, int version) {
    Map<String, Integer> types = new LinkedHashMap<>();
    for (KeyBytes entry : entries) {
      types.putIfAbsent(entry.type(), types.size());
    }
    strings(out, List.copyOf(types.keySet()));
    out.i32(entries.size());
    for (KeyBytes entry : entries) {
      out.string(entry.key()).u16(types.get(entry.type()));
      if (version >= 3) {
        out.i64(packGeneration(entry.generation(), entry.tombstone()));
      }
      out.bytes(entry.document());
    }
  }

  private static List<KeyBytes> keyBytes(FrameReader in, int version) {
    List<String> types = version >= 2 ? strings(in, "types") : List.of();
    int count = in.count("entries", version >= 3 ? 16 : version >= 2 ? 8 : 6);
    List<KeyBytes> entries = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String key = in.string("key");
      String type = "";
      if (version >= 2) {
        int index = in.u16("type index");
        if (index >= types.size()) {
          throw new WireException("key '" + key + "': type index " + index + " of " + types.size() + " types");
        }
        type = types.get(index);
      }
      long packed = version >= 3 ? in.i64("generation") : 0;
      if (packed < 0) {
        throw new WireException("key '" + key + "': generation " + packed + " is negative");
      }
      entries.add(new KeyBytes(key, in.bytes("document"), type, generationOf(packed), tombstoneOf(packed)));
    }
    return entries;
  }

  /** A generation and whether the key is a tombstone in it, as one field: the generation, shifted, and a bit. */
  static long packGeneration(long generation, boolean tombstone) {
    return generation << 1 | (tombstone ? 1 : 0);
  }

  /** The generation of a field {@link #packGeneration} wrote. */
  static long generationOf(long packed) {
    return packed >>> 1;
  }

  /** Whether a field {@link #packGeneration} wrote says tombstone. */
  static boolean tombstoneOf(long packed) {
    return (packed & 1) == 1;
  }

  private static TombstoneQuery tombstoneQuery(FrameReader in) {
    int count = in.count("tombstones", 10);
    List<KeyGeneration> keys = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      keys.add(new KeyGeneration(in.string("key"), in.i64("generation")));
    }
    return new TombstoneQuery(keys);
  }

  private static void strings(FrameWriter out, List<String> values) {
    out.i32(values.size());
    values.forEach(out::string);
  }

  private static List<String> strings(FrameReader in, String field) {
    int count = in.count(field, 2);
    List<String> values = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      values.add(in.string(field));
    }
    return values;
  }

  private static void replicas(FrameWriter out, List<ReplicaId> replicas) {
    out.i32(replicas.size());
    replicas.forEach(replica -> out.string(replica.name()));
  }

  private static List<ReplicaId> replicas(FrameReader in) {
    List<ReplicaId> replicas = new ArrayList<>();
    for (String name : strings(in, "replicas")) {
      replicas.add(replica(name));
    }
    return replicas;
  }

  private static ReplicaId replica(String name) {
    try {
      return ReplicaId.of(name);
    } catch (IllegalArgumentException e) {
      throw new WireException("invalid replica id: " + e.getMessage(), e);
    }
  }

  private static TreeDigest treeDigest(FrameReader in) {
    int level = level(in);
    int count = in.count("tree nodes", 16);
    List<NodeHash> nodes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      nodes.add(new NodeHash(index(in, level), in.i64("hash"), nonNegative(in.i32("keys"), "keys")));
    }
    return new TreeDigest(level, nodes);
  }

  private static KeyDigest keyDigest(FrameReader in) {
    int rangeCount = in.count("ranges", 5);
    List<TreeNode> ranges = new ArrayList<>(rangeCount);
    for (int i = 0; i < rangeCount; i++) {
      int level = level(in);
      ranges.add(new TreeNode(level, index(in, level)));
    }
    int keyCount = in.count("key hashes", 10);
    List<KeyHash> keys = new ArrayList<>(keyCount);
    for (int i = 0; i < keyCount; i++) {
      keys.add(new KeyHash(in.string("key"), in.i64("hash")));
    }
    return new KeyDigest(ranges, keys);
  }

  private static Reports reports(FrameReader in) {
    int count = in.count("report groups", 12);
    List<ReportGroup> groups = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      groups.add(new ReportGroup(in.bytes("progress"), in.bytes("stable cut"), strings(in, "report keys")));
    }
    return new Reports(groups);
  }

  private static Chunk chunk(FrameReader in) {
    long transfer = in.i64("transfer");
    int index = in.i32("chunk index");
    int total = in.i32("chunk total");
    if (total < 1 || index < 0 || index >= total) {
      throw new WireException("chunk " + index + " of " + total + " is out of range");
    }
    return new Chunk(transfer, index, total, in.bytes("chunk"));
  }

  private static int level(FrameReader in) {
    int level = in.u8("level");
    if (level > MAX_TREE_LEVEL) {
      throw new WireException("tree level " + level + " is deeper than " + MAX_TREE_LEVEL);
    }
    return level;
  }

  private static int index(FrameReader in, int level) {
    int index = in.i32("tree index");
    if (index < 0 || index >= (1 << (4 * level))) {
      throw new WireException("tree index " + index + " is outside level " + level);
    }
    return index;
  }

  private static int nonNegative(int value, String field) {
    if (value < 0) {
      throw new WireException(field + ": negative " + value);
    }
    return value;
  }
}
