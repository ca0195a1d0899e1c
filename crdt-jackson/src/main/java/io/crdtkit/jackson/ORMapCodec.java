package io.crdtkit.jackson;

import io.crdtkit.Crdt;
import io.crdtkit.ORMap;
import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import io.vavr.Tuple2;
import io.vavr.collection.HashMap;
import io.vavr.collection.TreeMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;

/**
 * An observed-remove map of nested CRDTs (FORMAT.md, "ORMap"): {@code "bottom"}, the value absent keys start
 * from; {@code "entries"}, dot groups whose payload is the key and the delta of the update made with each dot;
 * and {@code "context"}. A collected map adds, when not empty, {@code "collapsed"} (pairs of a key and the fold of
 * its stable updates, in canonical key order), {@code "tokens"} (dot groups of remove tokens, each with its key),
 * its cuts, and the floors of a delta's keys.
 *
 * <p>A nested crdtkit value (bottom and deltas) is written as its body, sharing the document's replica table; a
 * nested value of the user's own CRDT type goes through the mapper's serializer.
 */
final class ORMapCodec<K, V extends Crdt<V>> implements BodyCodec<ORMap<K, V>> {

  private final JavaType keyType;
  private final JavaType valueType;
  private final @Nullable BodyCodec<V> nested;

  ORMapCodec(JavaType keyType, JavaType valueType, @Nullable BodyCodec<V> nested) {
    this.keyType = keyType;
    this.valueType = valueType;
    this.nested = nested;
  }

  @Override
  public String typeName() {
    return "ORMap";
  }

  @Override
  public List<String> fields() {
    return List.of("bottom", "entries", "context", "collapsed", "tokens", GcFields.STABLE, GcFields.COLLAPSE,
        GcFields.DELTA, GcFields.DELIVERED, GcFields.FLOORS);
  }

  @Override
  public Set<String> requiredFields() {
    return Set.of("bottom", "entries", "context");
  }

  @Override
  public void collectReplicas(ORMap<K, V> map, Set<ReplicaId> replicas) {
    ORMap.Parts<K, V> parts = map.parts();
    for (io.vavr.collection.Map<Dot, V> deltas : parts.deltas().values()) {
      for (Tuple2<Dot, V> update : deltas) {
        replicas.add(update._1.replica());
        collectNested(update._2, replicas);
      }
    }
    parts.collapsed().values().forEach(value -> collectNested(value, replicas));
    parts.tokens().values().forEach(dots -> dots.forEach(dot -> replicas.add(dot.replica())));
    collectNested(parts.bottom(), replicas);
    CausalContextCodec.INSTANCE.collectReplicas(parts.context(), replicas);
    GcFields.collectReplicas(parts.gc(), replicas);
    GcFields.collectReplicas(parts.floors().values(), replicas);
  }

  @Override
  public void write(ORMap<K, V> map, WireWriter out) {
    ORMap.Parts<K, V> parts = map.parts();
    out.name("bottom");
    writeValue(parts.bottom(), out);
    java.util.TreeMap<Dot, Tuple2<K, V>> updates = new java.util.TreeMap<>();
    for (Tuple2<K, ? extends io.vavr.collection.Map<Dot, V>> entry : parts.deltas()) {
      entry._2.forEach(update -> updates.put(update._1, new Tuple2<>(entry._1, update._2)));
    }
    out.name("entries");
    DotGroups.write(out, io.vavr.collection.Iterator.ofAll(updates.entrySet())
        .map(update -> new Tuple2<>(update.getKey(), update.getValue())), (update, w) -> {
          w.value(keyType, update._1);
          writeValue(update._2, w);
        });
    out.name("context");
    out.context(parts.context());
    if (!parts.collapsed().isEmpty()) {
      out.name("collapsed");
      out.generator().writeStartArray();
      for (CanonicalOrder.Encoded<K> key
          : CanonicalOrder.sorted(parts.collapsed().keySet(), keyType, out, "ORMap keys")) {
        key.writeTo(out);
        writeValue(parts.collapsed().get(key.value()).get(), out);
      }
      out.generator().writeEndArray();
    }
    if (!parts.tokens().isEmpty()) {
      out.name("tokens");
      DotGroups.write(out, DotGroups.byDot(parts.tokens()), (key, w) -> w.value(keyType, key));
    }
    GcFields.write(parts.gc(), false, out);
    GcFields.writeFloors(parts.floors(), keyType, out);
  }

  private void collectNested(V value, Set<ReplicaId> replicas) {
    BodyCodec<V> codec = codecFor(value);
    if (codec != null) {
      codec.collectReplicas(value, replicas);
    }
  }

  private void writeValue(V value, WireWriter out) {
    BodyCodec<V> codec = codecFor(value);
    if (codec != null) {
      out.body(codec, value);
    } else {
      out.value(valueType, value);
    }
  }

  /**
   * How a nested value is written: by the declared type's codec, or, when the map was declared without its
   * value type (written as {@code mapper.writeValueAsString(map)}), by the value's runtime class, so that both
   * ways give the same bytes.
   */
  private @Nullable BodyCodec<V> codecFor(V value) {
    return nested != null ? nested : BodyCodecs.forRuntimeClass(value.getClass());
  }

  private V readValue(WireReader in, String what) {
    return nested != null ? in.body(nested) : in.value(valueType, what);
  }

  @Override
  public Decoder<ORMap<K, V>> decoder() {
    return new Decoder<>() {
      private @Nullable V bottom;
      private final Map<K, java.util.TreeMap<Dot, V>> deltas = new LinkedHashMap<>();
      private final Map<K, V> collapsed = new LinkedHashMap<>();
      private Map<K, List<Dot>> tokens = Map.of();
      private Map<K, VectorClock> floors = Map.of();
      private final GcFields gc = new GcFields();
      private CausalContext context = CausalContext.empty();
      private String entriesPointer = "";

      @Override
      public void read(String field, WireReader in) {
        if (gc.read(field, in)) {
          return;
        }
        switch (field) {
          case GcFields.FLOORS -> floors = GcFields.readFloors(in, keyType);
          case "tokens" -> tokens = DotGroups.readOwners(in, "the tokens", keyType);
          case "collapsed" -> {
            in.expect(tools.jackson.core.JsonToken.START_ARRAY, "the collapsed values");
            while (in.nextItem()) {
              K key = in.value(keyType, "a key with a collapsed value");
              in.advance();
              if (collapsed.put(key, readValue(in, "a collapsed value")) != null) {
                throw in.error("a key appears twice in the collapsed values");
              }
            }
          }
          case "bottom" -> bottom = readValue(in, "the bottom value");
          case "entries" -> {
            entriesPointer = in.pointer();
            DotGroups.read(in, "the entries", (dot, reader) -> {
              reader.advance();
              K key = reader.value(keyType, "a key");
              reader.advance();
              deltas.computeIfAbsent(key, any -> new java.util.TreeMap<>()).put(dot, readValue(reader, "a delta"));
            });
          }
          default -> context = in.body(CausalContextCodec.INSTANCE);
        }
      }

      @Override
      public ORMap<K, V> build(WireReader in) {
        V bottomValue = Objects.requireNonNull(bottom);
        return in.build(entriesPointer, typeName(), () -> ORMap.fromParts(new ORMap.Parts<>(bottomValue,
            HashMap.ofAll(deltas).mapValues(TreeMap::ofAll), HashMap.ofAll(collapsed), HashMap.ofAll(tokens),
            HashMap.ofAll(floors), context, gc.metadata())));
      }
    };
  }
}
