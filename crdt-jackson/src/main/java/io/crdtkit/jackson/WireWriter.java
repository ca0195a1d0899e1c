package io.crdtkit.jackson;

import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.HlcTimestamp;
import io.crdtkit.clock.ReplicaId;
import io.vavr.Tuple2;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.util.TokenBuffer;

/**
 * Writes the pieces every body is made of (FORMAT.md, "Building blocks"): replica indexes into the document's
 * table, counts, dot groups, timestamps, nested bodies, and values of the user's types through the mapper's own
 * serializers, never with type information.
 */
final class WireWriter {

  private final JsonGenerator generator;
  private final SerializationContext context;
  private final Map<ReplicaId, Integer> replicaIndex;

  /** A writer for one document whose replica table is {@code replicas}, in table order. */
  WireWriter(JsonGenerator generator, SerializationContext context, SortedSet<ReplicaId> replicas) {
    this.generator = generator;
    this.context = context;
    this.replicaIndex = new HashMap<>(replicas.size() * 2);
    for (ReplicaId replica : replicas) {
      replicaIndex.put(replica, replicaIndex.size());
    }
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

  /** The dots alone, as dot groups without payload. */
  void dots(Iterable<Dot> sortedDots) {
    dotGroups(io.vavr.collection.Iterator.ofAll(sortedDots).map(dot -> new Tuple2<Dot, @Nullable Object>(dot, null)), null);
  }

  /**
   * {@code [[r, step, payload..., step, payload...], ...]}: dots grouped by replica, in table order; within a
   * group each dot's counter is written as its step from the previous one (the first from 0), so a run of
   * updates by one replica costs a byte per dot in Smile.
   *
   * @param sortedByDot each dot with its payload, in dot order
   * @param payload     writes what a dot carries; {@code null} when dots carry nothing
   */
  <P> void dotGroups(Iterator<Tuple2<Dot, P>> sortedByDot, @Nullable PayloadWriter<P> payload) {
    generator.writeStartArray();
    @Nullable ReplicaId group = null;
    long previous = 0;
    while (sortedByDot.hasNext()) {
      Tuple2<Dot, P> entry = sortedByDot.next();
      Dot dot = entry._1;
      if (!dot.replica().equals(group)) {
        if (group != null) {
          generator.writeEndArray();
        }
        generator.writeStartArray();
        replica(dot.replica());
        group = dot.replica();
        previous = 0;
      }
      generator.writeNumber(dot.counter() - previous);
      previous = dot.counter();
      if (payload != null) {
        payload.write(entry._2, this);
      }
    }
    if (group != null) {
      generator.writeEndArray();
    }
    generator.writeEndArray();
  }

  /**
   * Each owner (an element, a value) under each of its dots, in dot order: the order dot groups are written in.
   * Dots are unique within a state, so this order is canonical without comparing the owners themselves.
   */
  static <E> Iterator<Tuple2<Dot, E>> byDot(io.vavr.collection.Map<E, ? extends Iterable<Dot>> owners) {
    java.util.TreeMap<Dot, E> ordered = new java.util.TreeMap<>();
    for (Tuple2<E, ? extends Iterable<Dot>> owner : owners) {
      for (Dot dot : owner._2) {
        ordered.put(dot, owner._1);
      }
    }
    return io.vavr.collection.Iterator.ofAll(ordered.entrySet()).map(e -> new Tuple2<>(e.getKey(), e.getValue()));
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

  /** Writes what one dot of a dot group carries. */
  @FunctionalInterface
  interface PayloadWriter<P> {
    void write(P payload, WireWriter out);
  }
}
