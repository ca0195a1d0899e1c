package io.crdtkit.jackson;

import io.crdtkit.LWWMap;
import io.crdtkit.LWWRegister;
import io.crdtkit.clock.HlcTimestamp;
import io.crdtkit.clock.ReplicaId;
import io.vavr.Tuple2;
import io.vavr.collection.HashMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JavaType;

/**
 * A last-writer-wins map (FORMAT.md, "LWWMap"): {@code "entries"}, the live keys as flat quintuples
 * {@code wallStep, logical, r, key, value}, and {@code "removed"}, the tombstones as quadruples
 * {@code wallStep, logical, r, key}.
 *
 * <p>Each list is in timestamp order, and a wall time is written as its step from the previous one in the list:
 * a map written over minutes costs a byte or two per timestamp instead of eight. Keys that share a timestamp (one
 * clock reading used for a batch of puts) are ordered by their canonical bytes.
 */
final class LWWMapCodec<K, V> implements BodyCodec<LWWMap<K, V>> {

  private static final Comparator<HlcTimestamp> TIME = Comparator.naturalOrder();

  private final JavaType keyType;
  private final JavaType valueType;

  LWWMapCodec(JavaType keyType, JavaType valueType) {
    this.keyType = keyType;
    this.valueType = valueType;
  }

  @Override
  public String typeName() {
    return "LWWMap";
  }

  @Override
  public List<String> fields() {
    return List.of("entries", "removed");
  }

  @Override
  public void collectReplicas(LWWMap<K, V> map, Set<ReplicaId> replicas) {
    map.registers().values().forEach(register -> register.timestamp().forEach(t -> replicas.add(t.replica())));
  }

  @Override
  public void write(LWWMap<K, V> map, WireWriter out) {
    List<Tuple2<K, LWWRegister<V>>> live = new ArrayList<>();
    List<Tuple2<K, LWWRegister<V>>> removed = new ArrayList<>();
    for (Tuple2<K, LWWRegister<V>> entry : map.registers()) {
      (entry._2.isCleared() ? removed : live).add(entry);
    }
    out.name("entries");
    writeList(live, out, true);
    out.name("removed");
    writeList(removed, out, false);
  }

  private void writeList(List<Tuple2<K, LWWRegister<V>>> entries, WireWriter out, boolean withValues) {
    Map<Object, byte[]> keyBytes = new IdentityHashMap<>();
    Comparator<Tuple2<K, LWWRegister<V>>> order = Comparator
        .comparing((Tuple2<K, LWWRegister<V>> entry) -> entry._2.timestamp().get(), TIME)
        .thenComparing(entry -> keyBytes.computeIfAbsent(entry._1,
            key -> CanonicalOrder.encode(key, keyType, out).key()), Arrays::compareUnsigned);
    entries.sort(order);
    out.generator().writeStartArray();
    long previousWallTime = 0;
    for (Tuple2<K, LWWRegister<V>> entry : entries) {
      HlcTimestamp timestamp = entry._2.timestamp().get();
      out.number(timestamp.wallTime() - previousWallTime);
      out.number(timestamp.logical());
      out.replica(timestamp.replica());
      out.value(keyType, entry._1);
      if (withValues) {
        out.value(valueType, entry._2.value().get());
      }
      previousWallTime = timestamp.wallTime();
    }
    out.generator().writeEndArray();
  }

  @Override
  public Decoder<LWWMap<K, V>> decoder() {
    return new Decoder<>() {
      private final Map<K, LWWRegister<V>> registers = new LinkedHashMap<>();
      private String entriesPointer = "";

      @Override
      public void read(String field, WireReader in) {
        boolean live = field.equals("entries");
        if (live) {
          entriesPointer = in.pointer();
        }
        readList(in, live ? "the entries" : "the removed keys", live, registers);
      }

      @Override
      public LWWMap<K, V> build(WireReader in) {
        return in.build(entriesPointer, typeName(), () -> LWWMap.of(HashMap.ofAll(registers)));
      }
    };
  }

  private void readList(WireReader in, String what, boolean withValues, Map<K, LWWRegister<V>> registers) {
    in.expect(JsonToken.START_ARRAY, what);
    long wallTime = 0;
    while (in.nextItem()) {
      wallTime += in.integer("a wall-time step in " + what, 0, Long.MAX_VALUE - wallTime);
      in.advance();
      int logical = (int) in.integer("a logical counter in " + what, 0, Integer.MAX_VALUE);
      in.advance();
      HlcTimestamp timestamp = HlcTimestamp.of(wallTime, logical, in.replica("a replica in " + what));
      in.advance();
      K key = in.value(keyType, "a key in " + what);
      LWWRegister<V> register = LWWRegister.cleared(timestamp);
      if (withValues) {
        in.advance();
        register = LWWRegister.of(timestamp, in.value(valueType, "a value in " + what));
      }
      if (registers.put(key, register) != null) {
        throw in.error("a key appears twice in the map");
      }
    }
  }
}
