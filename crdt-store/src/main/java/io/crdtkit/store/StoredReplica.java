package io.crdtkit.store;

import io.vavr.collection.Map;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import org.apiguardian.api.API;

/**
 * Everything a {@link ReplicaStore} held when it was opened: the identity, every key, the GC state. Read with
 * {@link ReplicaStore#recover()}. Every record in it passed its checksum.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class StoredReplica {

  private static final StoredReplica EMPTY = new StoredReplica(Option.none(), TreeMap.empty(), Option.none(), false);

  private final Option<StoredIdentity> identity;
  private final Map<String, StoredKey> keys;
  private final Option<byte[]> gcState;
  private final boolean writesMayBeLost;

  private StoredReplica(Option<StoredIdentity> identity, Map<String, StoredKey> keys, Option<byte[]> gcState,
      boolean writesMayBeLost) {
    this.identity = identity;
    this.keys = keys;
    this.gcState = gcState;
    this.writesMayBeLost = writesMayBeLost;
  }

  static StoredReplica empty() {
    return EMPTY;
  }

  StoredReplica withIdentity(StoredIdentity id) {
    return new StoredReplica(Option.some(id), keys, gcState, writesMayBeLost);
  }

  StoredReplica withGcState(byte[] state) {
    return new StoredReplica(identity, keys, Option.some(state), writesMayBeLost);
  }

  StoredReplica withSnapshot(String key, byte[] state) {
    return new StoredReplica(identity, keys.put(key, keys.get(key).getOrElse(StoredKey::empty).withSnapshot(state)),
        gcState, writesMayBeLost);
  }

  StoredReplica withDelta(String key, byte[] delta) {
    return new StoredReplica(identity, keys.put(key, keys.get(key).getOrElse(StoredKey::empty).withDelta(delta)),
        gcState, writesMayBeLost);
  }

  StoredReplica withWritesMayBeLost(boolean mayBeLost) {
    return new StoredReplica(identity, keys, gcState, mayBeLost);
  }

  /**
   * Whether acknowledged writes may be missing: the previous owner wrote in {@link Durability#ASYNC}, did not close,
   * and the machine has restarted since (its boot id changed). A process that was killed loses nothing, so this is
   * false after a kill -9 and in the SYNC and GROUP_COMMIT modes. When true, the stored state may lack dots its
   * replica id already minted and sent: reusing that id could mint them again with other content. Start a fresh
   * incarnation instead (the stored state can still be merged in as a peer's). Only the first open after the crash
   * reports it: that open records its own marker, so act on it then.
   *
   * @return true when the stored state may be older than what was acknowledged
   */
  public boolean writesMayBeLost() {
    return writesMayBeLost;
  }

  /**
   * Whether nothing was stored: the directory was missing or empty (or held no record yet). The caller decides
   * whether that means "start as a fresh incarnation" or "refuse to start".
   *
   * @return true when there is no identity, no key and no GC state
   */
  public boolean isEmpty() {
    return identity.isEmpty() && keys.isEmpty() && gcState.isEmpty();
  }

  /**
   * The identity saved with {@link ReplicaStore#saveIdentity}.
   *
   * @return the identity, or none
   */
  public Option<StoredIdentity> identity() {
    return identity;
  }

  /**
   * Every stored key.
   *
   * @return the keys by name, sorted by name
   */
  public Map<String, StoredKey> keys() {
    return keys;
  }

  /**
   * The GC state saved with {@link ReplicaStore#saveGcState}.
   *
   * @return the GC state, or none
   */
  public Option<byte[]> gcState() {
    return gcState;
  }

  @Override
  public String toString() {
    return "StoredReplica[identity=" + identity.map(StoredIdentity::toString).getOrElse("none") + ", keys="
        + keys.size() + ", gcState=" + gcState.map(s -> s.length + " B").getOrElse("none") + ", writesMayBeLost="
        + writesMayBeLost + "]";
  }
}
