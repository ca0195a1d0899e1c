package io.crdtkit.jackson;

import io.crdtkit.clock.ReplicaId;
import java.util.List;
import java.util.Set;

/**
 * How one crdtkit type is written: the fields of its body. At the top level they follow the envelope
 * ({@link Format}) in one object; nested in an ORMap (or a context in a CRDT) they form an object of their own
 * and use the enclosing document's replica table.
 *
 * @param <T> the type
 */
interface BodyCodec<T> {

  /** The name of the type on the wire, e.g. {@code ORSet}. */
  String typeName();

  /** Every field of the body, in the order they are written. */
  List<String> fields();

  /** The fields a valid body must have: all of {@link #fields()}, unless the type says otherwise. */
  default Set<String> requiredFields() {
    return Set.copyOf(fields());
  }

  /**
   * The fields a body that has {@code seen} must also have: {@link #requiredFields()}, unless one of the type's
   * fields stands for several (a one-add ORSet's {@code "add"}).
   */
  default Set<String> requiredFields(Set<String> seen) {
    return requiredFields();
  }

  /**
   * The format version a document holding {@code value} is written in: {@link Format#BASE_VERSION}, unless the
   * value takes a form that only a later version has (FORMAT.md, "Versions"). A document is written in the oldest
   * version that can express it, so that what earlier releases could read keeps its bytes (and its digests).
   */
  default int version(T value) {
    return Format.BASE_VERSION;
  }

  /** Adds every replica that {@code value} mentions (dots, clocks, timestamps), so the table can be written first. */
  void collectReplicas(T value, Set<ReplicaId> replicas);

  /** Writes the body's fields, names included, into the object the caller opened. */
  void write(T value, WireWriter out);

  /** A decoder for one body: it collects the fields in any order, then builds the state. */
  Decoder<T> decoder();

  /** Collects the fields of one body being read; one per decode, not shared. */
  interface Decoder<T> {

    /** Reads the value of {@code field}; the reader is on its first token. */
    void read(String field, WireReader in);

    /** The state, built from every field read, through the type's validating factory. */
    T build(WireReader in);
  }
}
