/**
 * crdtkit's data types: immutable CRDTs with delta mutators ({@link io.crdtkit}) on replica ids, dots, vector
 * clocks and a hybrid logical clock ({@link io.crdtkit.clock}).
 *
 * <p>Vavr is required transitively because values come back as Vavr collections; an application that reads
 * them needs no {@code requires io.vavr} of its own.
 */
module io.crdtkit.core {
  requires transitive io.vavr;
  // annotations only: nothing needs them at run time
  requires static transitive org.apiguardian.api;
  requires static transitive org.jspecify;

  exports io.crdtkit;
  exports io.crdtkit.clock;
}
