package io.crdtkit.net;

import io.crdtkit.clock.ReplicaId;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes frames and hands them to JGroups as {@link BytesMessage}s, splitting a frame larger than the maximum
 * message size into chunks (a big state, a digest of many tree nodes), and counts what it sends.
 */
final class FrameSender {

  private static final Logger log = LoggerFactory.getLogger(FrameSender.class);

  private final JChannel channel;
  private final ReplicaId self;
  private final int maxMessageBytes;
  private final NetCounters counters;
  private final BooleanSupplier closed;
  private final AtomicLong transfers = new AtomicLong(ThreadLocalRandom.current().nextLong());

  FrameSender(JChannel channel, ReplicaId self, int maxMessageBytes, NetCounters counters, BooleanSupplier closed) {
    this.channel = channel;
    this.self = self;
    this.maxMessageBytes = maxMessageBytes;
    this.counters = counters;
    this.closed = closed;
  }

  /** Sends {@code frame} to {@code to}, or to every other member if {@code to} is null. */
  void send(@Nullable Address to, Frame frame) {
    if (closed.getAsBoolean()) {
      return;
    }
    byte[] bytes = FrameCodec.encode(frame);
    // Receivers inflate an unchunked frame to at most the message size: a body that inflates beyond goes in chunks.
    if (bytes.length <= maxMessageBytes && FrameCodec.bodyLength(bytes) <= maxMessageBytes) {
      sendBytes(to, bytes);
      return;
    }
    // A chunk frame adds its header and 20 bytes of chunk fields around the part.
    int part = maxMessageBytes - FrameCodec.overhead(self) - 32;
    int total = (bytes.length + part - 1) / part;
    long transfer = transfers.incrementAndGet();
    for (int index = 0; index < total; index++) {
      int from = index * part;
      byte[] slice = Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + part));
      sendBytes(to, FrameCodec.encode(new Frame(frame.sender(), frame.epoch(),
          new WireMessage.Chunk(transfer, index, total, slice))));
    }
  }

  private void sendBytes(@Nullable Address to, byte[] bytes) {
    try {
      channel.send(new BytesMessage(to, bytes));
      counters.messagesSent.increment();
      counters.bytesSent.add(bytes.length);
    } catch (Exception e) {
      if (!closed.getAsBoolean()) {
        log.warn("{}: sending {} bytes to {} failed: {}", self, bytes.length, to == null ? "all" : to, e.toString());
      }
    }
  }
}
