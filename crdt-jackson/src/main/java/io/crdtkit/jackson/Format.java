package io.crdtkit.jackson;

import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.type.TypeFactory;

/**
 * The envelope every document starts with (FORMAT.md, "Documents"): the type, the format version and the replica
 * table that the body's dots and timestamps point into.
 */
final class Format {

  /**
   * The newest version this release reads and writes. Version 2 (crdt-gc's GC.md, rules 3, 5 and 6): a delta
   * carries no cuts, a state says what it has delivered when that differs from what it has seen, and a delta's
   * entries their floors. Version 3: an ORSet that is one add (the delta of {@code deltaAdd}, as a rule) is
   * written as its one dot and element, {@code "add"}, instead of {@code "elements"} and {@code "context"}.
   */
  static final int CURRENT_VERSION = 3;

  /**
   * The version of every document that needs nothing newer ({@link BodyCodec#version}): version 3 only added a
   * form, so a document without it is written exactly as version 2 wrote it, and keeps its bytes and digests
   * across the upgrade (an earlier release reads it too).
   */
  static final int BASE_VERSION = 2;

  /** The oldest version this release still reads; every later release must keep reading it (golden vectors). */
  static final int OLDEST_READABLE_VERSION = 1;

  static final String TYPE = "type";
  static final String VERSION = "version";
  static final String REPLICAS = "replicas";

  private Format() {}

  /**
   * Whether the mapper has default typing activated. The codec refuses such a mapper both ways: it would write
   * class names inside the user's values (a list-typed element's items, say), and read class names from input,
   * the classic way to make a decoder instantiate an attacker's choice of class.
   */
  static boolean hasDefaultTyping(MapperConfig<?> config) {
    return config.getDefaultTyper(TypeFactory.unknownType()) != null;
  }

  static final String NO_DEFAULT_TYPING = "crdtkit documents never carry class names, but this mapper has default"
      + " typing activated; use a mapper without it (CrdtMappers builds one)";

  static boolean isEnvelopeField(String name) {
    return name.equals(TYPE) || name.equals(VERSION) || name.equals(REPLICAS);
  }
}
