package io.crdtkit.jackson;

/**
 * The envelope every document starts with (FORMAT.md, "Documents"): the type, the format version and the replica
 * table that the body's dots and timestamps point into.
 */
final class Format {

  /** The version this release writes. */
  static final int CURRENT_VERSION = 1;

  /** The oldest version this release still reads; every later release must keep reading it (golden vectors). */
  static final int OLDEST_READABLE_VERSION = 1;

  static final String TYPE = "type";
  static final String VERSION = "version";
  static final String REPLICAS = "replicas";

  private Format() {}

  static boolean isEnvelopeField(String name) {
    return name.equals(TYPE) || name.equals(VERSION) || name.equals(REPLICAS);
  }
}
