package io.crdtkit.store;

import io.vavr.collection.List;
import io.vavr.control.Option;
import org.apiguardian.api.API;

/**
 * One key as stored: its last snapshot (if any) and the deltas appended after it, oldest first. The key's state is
 * the snapshot joined with every delta. The byte arrays are the caller's encodings, handed back as written; do not
 * change them.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class StoredKey {

  private final Option<byte[]> snapshot;
  private final List<byte[]> deltas;

  private StoredKey(Option<byte[]> snapshot, List<byte[]> deltas) {
    this.snapshot = snapshot;
    this.deltas = deltas;
  }

  static StoredKey empty() {
    return new StoredKey(Option.none(), List.empty());
  }

  /**
   * SUBTLE: keeps the deltas. Records load in key order, deltas ('d') before snapshots ('s'), and the deltas still on
   * disk are the ones appended after the snapshot: writing a snapshot deleted those before it.
   */
  StoredKey withSnapshot(byte[] state) {
    return new StoredKey(Option.some(state), deltas);
  }

  StoredKey withDelta(byte[] delta) {
    return new StoredKey(snapshot, deltas.append(delta));
  }

  /**
   * The last snapshot written with {@link ReplicaStore#snapshot}.
   *
   * @return the snapshot, or none when only deltas were appended
   */
  public Option<byte[]> snapshot() {
    return snapshot;
  }

  /**
   * The deltas appended since the snapshot.
   *
   * @return the deltas, in the order they were appended
   */
  public List<byte[]> deltas() {
    return deltas;
  }

  @Override
  public String toString() {
    return "StoredKey[snapshot=" + snapshot.map(s -> s.length + " B").getOrElse("none") + ", deltas="
        + deltas.size() + "]";
  }
}
