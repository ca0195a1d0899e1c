package io.crdtkit.net;

import io.crdtkit.net.WireMessage.Chunk;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.jgroups.Address;
import org.jspecify.annotations.Nullable;

/**
 * Reassembles frames that were split into chunks. JGroups delivers one sender's messages in order, so a transfer's
 * chunks arrive in order; anything else (a gap, a changed total, a transfer that grows past the limit, or one left
 * incomplete for too long) drops the transfer. Owned by the protocol thread.
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

  private final long maxFrameBytes;
  private final Map<TransferKey, Transfer> transfers = new HashMap<>();

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
      transfer = new Transfer(chunk.total(), now);
      transfers.put(key, transfer);
    }
    if (chunk.index() != transfer.next || chunk.total() != transfer.total) {
      transfers.remove(key);
      throw new WireException("chunk " + chunk.index() + "/" + chunk.total() + " of transfer " + chunk.transfer()
          + " does not follow chunk " + (transfer.next - 1) + "/" + transfer.total);
    }
    if (transfer.bytes.size() + (long) chunk.part().length > maxFrameBytes) {
      transfers.remove(key);
      throw new WireException("transfer " + chunk.transfer() + " grows past " + maxFrameBytes + " bytes");
    }
    transfer.bytes.write(chunk.part(), 0, chunk.part().length);
    transfer.next++;
    if (transfer.next < transfer.total) {
      return null;
    }
    transfers.remove(key);
    return transfer.bytes.toByteArray();
  }

  /** Drops transfers started before {@code cutoff}: their sender left or lost the rest. */
  void expire(long cutoff) {
    for (Iterator<Transfer> it = transfers.values().iterator(); it.hasNext(); ) {
      if (it.next().started < cutoff) {
        it.remove();
      }
    }
  }

  int inProgress() {
    return transfers.size();
  }
}
