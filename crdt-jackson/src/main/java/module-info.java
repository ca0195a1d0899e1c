/**
 * Jackson 3 codecs for every crdtkit type and clock, in JSON and Smile ({@link io.crdtkit.jackson}).
 *
 * <p>{@link io.crdtkit.jackson.CrdtkitModule} is a service: a mapper built with {@code findAndAddModules()}
 * registers it without code. Jackson's databind and Smile modules are required transitively, so that an
 * application can build a Smile mapper with no {@code requires} or {@code --add-modules} of its own.
 */
module io.crdtkit.jackson {
  requires transitive io.crdtkit.core;
  requires transitive tools.jackson.databind;
  requires transitive tools.jackson.dataformat.smile;
  requires static transitive org.apiguardian.api;
  requires static transitive org.jspecify;

  exports io.crdtkit.jackson;

  provides tools.jackson.databind.JacksonModule with io.crdtkit.jackson.CrdtkitModule;
}
