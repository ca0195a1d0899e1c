/**
 * Garbage collection of CRDT metadata at causal stability: stability tracking, collection and retirement of
 * replicas that left ({@link io.crdtkit.gc}).
 */
module io.crdtkit.gc {
  requires transitive io.crdtkit.core;
  requires static transitive org.apiguardian.api;
  requires static transitive org.jspecify;

  exports io.crdtkit.gc;
}
