/**
 * Replication of named CRDTs over JGroups: deltas, anti-entropy, garbage collection across the cluster, and
 * stack presets with encryption and TLS ({@link io.crdtkit.net}).
 *
 * <p>JGroups is required transitively ({@code org.jgroups}, an automatic module) because a user may build a
 * stack of their own or split members with its types.
 */
module io.crdtkit.net {
  requires transitive io.crdtkit.core;
  requires transitive io.crdtkit.gc;
  requires transitive io.crdtkit.jackson;
  requires transitive io.crdtkit.store;
  requires transitive org.jgroups;
  requires org.slf4j;
  requires java.management;
  // Optional, for CrdtNodeMetrics only. Not transitive: javac would then require micrometer on the module path of
  // every application that requires io.crdtkit.net, where it is optional; a user of CrdtNodeMetrics has it anyway.
  requires static micrometer.core;
  requires static transitive org.apiguardian.api;
  requires static transitive org.jspecify;

  exports io.crdtkit.net;
}
