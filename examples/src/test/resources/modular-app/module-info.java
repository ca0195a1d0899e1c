// A user's modular application: it requires crdtkit's modules and nothing they bring with them (no io.vavr, no
// Jackson, no JGroups): the descriptors' `requires transitive` must make all of that readable.
module app {
  requires io.crdtkit.net;
  requires io.crdtkit.laws;
}
