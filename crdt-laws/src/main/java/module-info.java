/**
 * The law kit: tests, built on jqwik's generators, that prove a CRDT (ours or yours) is a join-semilattice, converges under any
 * delivery and stays safe with garbage collection, and the deterministic network simulator behind them
 * ({@link io.crdtkit.laws}).
 */
module io.crdtkit.laws {
  requires transitive io.crdtkit.core;
  requires transitive io.crdtkit.gc;
  requires transitive net.jqwik.api;
  requires transitive org.junit.jupiter.api;
  requires static transitive org.apiguardian.api;
  requires static transitive org.jspecify;

  exports io.crdtkit.laws;
  // JUnit Jupiter runs CrdtLawProperties' test methods by reflection
  opens io.crdtkit.laws to org.junit.platform.commons;
}
