package io.crdtkit.net;

import io.crdtkit.net.WireMessage.Chunk;
import java.io.ByteArrayOutputStream;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.jgroups.Address;
import org.jspecify.annotations.Nullable;

/**
 * Reassembles frames that were split into chunks. JGroups delivers one sender's messages in order, so a transfer's
 * chunks arrive in order; anything else (a gap, a changed total, a transfer that grows past the limit, or one left
 * incomplete for too long) drops the transfer. What a peer can make it hold is bounded: a few transfers per sender,
 * at most {@code maxFrameBytes} of parts per sender, and twice that over all senders; a transfer beyond them is
 * refused (its sender's next anti-entropy round sends the state again), a departed sender's transfers go at the
 * next view. Owned by the protocol thread.
 */
final class ChunkAssembler {

  private record TransferKey(Address sender, long transfer) {}

  private static final class Transfer {
    final int total;
    final long started;
    int next;
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    Transfer(int total, long started) {
      this.total = total;
      this.started = started;
    }
  }

  /** How many transfers one sender may have in progress at once. */
  static final int MAX_TRANSFERS_PER_SENDER = 2;

  private final long maxFrameBytes;
  private final Map<TransferKey, Transfer> transfers = new HashMap<>();
  private long bytesHeld;

  ChunkAssembler(long maxFrameBytes) {
    this.maxFrameBytes = maxFrameBytes;
  }

  /**
   * Takes in one chunk; the whole frame once its last chunk arrived, else null.
   *
   * @throws WireException if the chunk does not continue its transfer (the transfer is dropped)
   */
  byte @Nullable [] accept(Address sender, Chunk chunk, long now) {
    TransferKey key = new TransferKey(sender, chunk.transfer());
    Transfer transfer = transfers.get(key);
    if (transfer == null) {
      if (chunk.index() != 0) {
        throw new WireException("chunk " + chunk.index() + " of transfer " + chunk.transfer()
            + " without its beginning");
      }
      if (inProgressFrom(sender) >= MAX_TRANSFERS_PER_SENDER) {
        throw new TransferRefused("a transfer from " + sender + ", which has " + MAX_TRANSFERS_PER_SENDER
            + " in progress already");
      }
      transfer = new Transfer(chunk.total(), now);
      transfers.put(key, transfer);
    }
    if (chunk.index() != transfer.next || chunk.total() != transfer.total) {
      drop(key);
      throw new WireException("chunk " + chunk.index() + "/" + chunk.total() + " of transfer " + chunk.transfer()
          + " does not follow chunk " + (transfer.next - 1) + "/" + transfer.total);
    }
    long part = chunk.part().length;
    if (transfer.bytes.size() + part > maxFrameBytes) {
      drop(key);
      throw new WireException("transfer " + chunk.transfer() + " grows past " + maxFrameBytes + " bytes");
    }
    if (bytesFrom(sender) + part > maxFrameBytes || bytesHeld + part > 2 * maxFrameBytes) {
      drop(key);
      throw new TransferRefused("transfer " + chunk.transfer() + ": chunked transfers in progress would hold more"
          + " than " + maxFrameBytes + " bytes from " + sender + ", or " + 2 * maxFrameBytes + " in all");
    }
    transfer.bytes.write(chunk.part(), 0, chunk.part().length);
    bytesHeld += part;
    transfer.next++;
    if (transfer.next < transfer.total) {
      return null;
    }
    drop(key);
    return transfer.bytes.toByteArray();
  }

  /** Drops transfers started before {@code cutoff}: their sender left or lost the rest. */
  void expire(long cutoff) {
    transfers.entrySet().removeIf(entry -> {
      boolean stale = entry.getValue().started < cutoff;
      if (stale) {
        bytesHeld -= entry.getValue().bytes.size();
      }
      return stale;
    });
  }

  /** Drops the transfers of senders that are no longer in the view. */
  void retainSenders(Collection<Address> members) {
    transfers.entrySet().removeIf(entry -> {
      boolean gone = !members.contains(entry.getKey().sender());
      if (gone) {
        bytesHeld -= entry.getValue().bytes.size();
      }
      return gone;
    });
  }

  int inProgress() {
    return transfers.size();
  }

  /** The bytes of parts held now, over all transfers. */
  long bytesHeld() {
    return bytesHeld;
  }

  private void drop(TransferKey key) {
    Transfer dropped = transfers.remove(key);
    if (dropped != null) {
      bytesHeld -= dropped.bytes.size();
    }
  }

  private int inProgressFrom(Address sender) {
    int count = 0;
    for (TransferKey key : transfers.keySet()) {
      if (key.sender().equals(sender)) {
        count++;
      }
    }
    return count;
  }

  private long bytesFrom(Address sender) {
    long bytes = 0;
    for (var entry : transfers.entrySet()) {
      if (entry.getKey().sender().equals(sender)) {
        bytes += entry.getValue().bytes.size();
      }
    }
    return bytes;
  }

  /** A transfer refused for what it would hold, not for being malformed. */
  static final class TransferRefused extends WireException {
    TransferRefused(String message) {
      super(message);
    }
  }
}
