package io.crdtkit.net;

import io.crdtkit.net.WireMessage.QuorumMessage;
import io.crdtkit.net.WireMessage.ReadReply;
import io.crdtkit.net.WireMessage.ReadRequest;
import io.crdtkit.net.WireMessage.WriteReply;
import io.crdtkit.net.WireMessage.WriteRequest;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The bodies of the consistency-level kinds ({@link FrameCodec} numbers the kinds and frames them). A reply starts
 * with an outcome byte: 0, the request was served (a write stored, a read's state follows), 1, it was refused and
 * the reason follows. The documents inside are decoded later, by their key's codec with its limits.
 */
final class QuorumCodec {

  private static final int SERVED = 0;
  private static final int REFUSED = 1;

  private QuorumCodec() {}

  static int kindOf(QuorumMessage message) {
    if (message instanceof WriteRequest) {
      return FrameCodec.WRITE_REQUEST;
    } else if (message instanceof WriteReply) {
      return FrameCodec.WRITE_REPLY;
    } else if (message instanceof ReadRequest) {
      return FrameCodec.READ_REQUEST;
    }
    return FrameCodec.READ_REPLY;
  }

  static void encode(FrameWriter out, QuorumMessage message) {
    out.i64(message.requestId());
    if (message instanceof WriteRequest request) {
      out.string(request.key()).bytes(request.delta());
      if (request.generation() != 0) {
        out.string(request.type()).i64(FrameCodec.packGeneration(request.generation(), false));
      } else {
        type(out, request.type());
      }
    } else if (message instanceof WriteReply reply) {
      outcome(out, reply.refusal());
    } else if (message instanceof ReadRequest request) {
      out.string(request.key());
      type(out, request.type());
    } else if (message instanceof ReadReply reply) {
      byte[] state = reply.state();
      if (state != null) {
        out.u8(SERVED).bytes(state);
        if (reply.generation() != 0) {
          out.i64(FrameCodec.packGeneration(reply.generation(), reply.tombstone()));
        }
      } else {
        outcome(out, reply.refusal());
      }
    }
  }

  static QuorumMessage decode(int kind, FrameReader in) {
    long requestId = in.i64("request");
    return switch (kind) {
      case FrameCodec.WRITE_REQUEST -> new WriteRequest(requestId, in.string("key"), in.bytes("delta"), type(in),
          writeGeneration(in));
      case FrameCodec.WRITE_REPLY -> new WriteReply(requestId, refusal(in));
      case FrameCodec.READ_REQUEST -> new ReadRequest(requestId, in.string("key"), type(in));
      case FrameCodec.READ_REPLY -> readReply(requestId, in);
      default -> throw new WireException("unknown message kind " + kind);
    };
  }

  /**
   * A request's key type, the last field of its body and written only when stated: requests without it are the
   * bytes earlier builds wrote and read, so neither side needs a new format version (which would make earlier
   * builds refuse every frame, not only these). An earlier build refuses a typed request as trailing bytes, as it
   * refuses any kind it does not know, and counts as not answering (NET.md, "Consistency levels").
   */
  private static void type(FrameWriter out, String type) {
    if (!type.isEmpty()) {
      out.string(type);
    }
  }

  /** The key type a request ends with, or empty if the body ends before it; bounded like every frame string. */
  private static String type(FrameReader in) {
    return in.hasRemaining() ? in.string("type") : "";
  }

  /**
   * A key's generation (NET.md, "Deleting a key"), after everything else and written only when not 0, for the same
   * reason as the type: a request of a key never deleted is the bytes earlier builds read.
   */
  private static ReadReply readState(long requestId, byte[] state, long packed) {
    return new ReadReply(requestId, state, null, FrameCodec.generationOf(packed), FrameCodec.tombstoneOf(packed));
  }

  /** A write's generation: a write is never a tombstone, but the field is packed as in every other message. */
  private static long writeGeneration(FrameReader in) {
    return FrameCodec.generationOf(generation(in));
  }

  private static long generation(FrameReader in) {
    if (!in.hasRemaining()) {
      return 0;
    }
    long generation = in.i64("generation");
    if (generation < 0) {
      throw new WireException("generation " + generation + " is negative");
    }
    return generation;
  }

  private static void outcome(FrameWriter out, @Nullable String refusal) {
    if (refusal == null) {
      out.u8(SERVED);
    } else {
      out.u8(REFUSED).string(fit(refusal));
    }
  }

  private static @Nullable String refusal(FrameReader in) {
    return outcome(in) == SERVED ? null : in.string("refusal");
  }

  private static ReadReply readReply(long requestId, FrameReader in) {
    return outcome(in) == SERVED
        ? readState(requestId, in.bytes("state"), generation(in))
        : new ReadReply(requestId, null, in.string("refusal"));
  }

  private static int outcome(FrameReader in) {
    int outcome = in.u8("outcome");
    if (outcome != SERVED && outcome != REFUSED) {
      throw new WireException("field 'outcome' must be 0 or 1, got " + outcome);
    }
    return outcome;
  }

  /** A reason cut to what a frame's string carries: a refusal quotes a key and an exception, both unbounded. */
  static String fit(String reason) {
    if (reason.getBytes(StandardCharsets.UTF_8).length <= FrameReader.MAX_STRING_BYTES) {
      return reason;
    }
    String cut = reason;
    while (cut.getBytes(StandardCharsets.UTF_8).length > FrameReader.MAX_STRING_BYTES - 3) {
      cut = cut.substring(0, cut.offsetByCodePoints(0, cut.codePointCount(0, cut.length()) * 3 / 4));
    }
    return cut + "...";
  }
}
