package io.crdtkit.jackson;

import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.HlcTimestamp;
import io.crdtkit.clock.ReplicaId;
import io.vavr.Tuple2;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedSet;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.util.TokenBuffer;

/**
 * Writes the pieces every body is made of (FORMAT.md, "Building blocks"): replica indexes into the document's
 * table, counts, timestamps, nested bodies, and values of the user's types through the mapper's own serializers,
 * never with type information. Dot groups are written by {@link DotGroups} through it.
 */
final class WireWriter {

  private final JsonGenerator generator;
  private final SerializationContext context;
  private final Map<ReplicaId, Integer> replicaIndex;
  private final int version;

  /**
   * A writer for one document whose replica table is {@code replicas}, in table order, written in format
   * {@code version} (what its top-level value asked for, {@link BodyCodec#version}).
   */
  WireWriter(JsonGenerator generator, SerializationContext context, SortedSet<ReplicaId> replicas, int version) {
    this.generator = generator;
    this.context = context;
    this.version = version;
    this.replicaIndex = new HashMap<>(replicas.size() * 2);
    for (ReplicaId replica : replicas) {
      replicaIndex.put(replica, replicaIndex.size());
    }
  }

  /** The format version of the document being written. */
  int version() {
    return version;
  }

  JsonGenerator generator() {
    return generator;
  }

  void name(String field) {
    generator.writeName(field);
  }

  void number(long value) {
    generator.writeNumber(value);
  }

  void replica(ReplicaId replica) {
    Integer index = replicaIndex.get(replica);
    if (index == null) {
      // A body's collectReplicas missed a replica it writes: a bug here, never a property of the state.
      throw new IllegalStateException("replica " + replica + " is missing from the document's replica table");
    }
    generator.writeNumber(index);
  }

  /** {@code [r, n, r, n, ...]}: per replica, in table order, a count of at least 1. */
  void counts(io.vavr.collection.SortedMap<ReplicaId, Long> counts) {
    generator.writeStartArray();
    for (Tuple2<ReplicaId, Long> entry : counts) {
      replica(entry._1);
      generator.writeNumber(entry._2);
    }
    generator.writeEndArray();
  }

  /** {@code [wallTime, logical, r]}. */
  void timestamp(HlcTimestamp timestamp) {
    generator.writeStartArray();
    generator.writeNumber(timestamp.wallTime());
    generator.writeNumber(timestamp.logical());
    replica(timestamp.replica());
    generator.writeEndArray();
  }

  /** {@code [v, v, ...]}: values of the user's type in canonical order (see {@link CanonicalOrder}). */
  void sortedValues(Iterable<?> values, JavaType declared, String what) {
    generator.writeStartArray();
    for (CanonicalOrder.Encoded<?> value : CanonicalOrder.sorted(values, declared, this, what)) {
      value.writeTo(this);
    }
    generator.writeEndArray();
  }

  /** The causal context as a nested body: {@code {"clock": counts, "cloud": dot groups}}. */
  void context(CausalContext causalContext) {
    body(CausalContextCodec.INSTANCE, causalContext);
  }

  /** A nested crdtkit value: its body as an object of its own, sharing this document's replica table. */
  <T> void body(BodyCodec<T> codec, T value) {
    generator.writeStartObject(value);
    codec.write(value, this);
    generator.writeEndObject();
  }

  /**
   * A value of the user's type, with the mapper's serializer for the declared type (for the runtime class when
   * the declared type is not final), and never with type information.
   */
  void value(JavaType declared, Object value) {
    serializer(declared, value).serialize(value, generator, context);
  }

  /** {@code value} encoded into tokens by {@link #value}, so that it can be ordered before it is written. */
  TokenBuffer tokens(JavaType declared, Object value) {
    TokenBuffer buffer = context.bufferForValueConversion();
    serializer(declared, value).serialize(value, buffer, context);
    return buffer;
  }

  /** Whether {@link #value} writes {@code value} as a plain JSON string of itself (Jackson's own String serializer). */
  boolean writesAsPlainString(JavaType declared, Object value) {
    return value instanceof String
        && serializer(declared, value) instanceof tools.jackson.databind.ser.jdk.StringSerializer;
  }

  private ValueSerializer<Object> serializer(JavaType declared, Object value) {
    return declared.isFinal() ? context.findValueSerializer(declared) : context.findValueSerializer(value.getClass());
  }
}
