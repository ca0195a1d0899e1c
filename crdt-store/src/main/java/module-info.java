/**
 * Durable replicas ({@link io.crdtkit.store}): a member's identity, per key a snapshot and the deltas appended since,
 * and the GC state, on an embedded RocksDB with a checksum on every record and an exclusive directory lock.
 */
module io.crdtkit.store {
  requires transitive io.crdtkit.core;
  requires static transitive org.apiguardian.api;
  requires static transitive org.jspecify;
  requires rocksdbjni;

  exports io.crdtkit.store;
}
