package io.crdtkit.jackson;

import io.crdtkit.LWWMap;
import io.crdtkit.LWWRegister;
import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
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
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JavaType;

/**
 * A last-writer-wins map (FORMAT.md, "LWWMap"): {@code "entries"}, the live keys as flat quintuples
 * {@code wallStep, logical, r, key, value}, and {@code "removed"}, the tombstones as quadruples
 * {@code wallStep, logical, r, key}; then, for a map whose causal context is not empty, {@code "dots"} and
 * {@code "context"}; and {@code "latest"}, the greatest timestamp the map has merged, only when no register holds
 * it (a collected tombstone or a settled key did). A collected map also has {@code "settled"}, its settled keys as
 * flat pairs {@code key, value} in the canonical order of the keys, and {@code "stableCut"}, each only when not
 * empty.
 *
 * <p>Each list is in timestamp order, and a wall time is written as its step from the previous one in the list:
 * a map written over minutes costs a byte or two per timestamp instead of eight. Keys that share a timestamp (one
 * clock reading used for a batch of puts) are ordered by their canonical bytes.
 *
 * <p>{@code "dots"} are dot groups whose payload is the entry the dot records, by its position in the document
 * ({@code entries} first, then {@code removed}), written as a step from the previous dot's position in the group.
 * A replica's writes are usually in timestamp order too, so the steps are small: a dot costs two bytes or so in
 * Smile, where the key again would cost its own length. A map without dots (as the format was first written,
 * or rebuilt from its registers alone) has neither field, so its bytes are unchanged.
 */
final class LWWMapCodec<K, V> implements BodyCodec<LWWMap<K, V>> {

  private static final Comparator<HlcTimestamp> TIME = Comparator.naturalOrder();
  private static final String SETTLED = "settled";

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
    return List.of("entries", "removed", "dots", "context", "latest", SETTLED, GcFields.STABLE);
  }

  /** {@code dots} and {@code context} come together, and only when the context is not empty; {@code latest} alone. */
  @Override
  public Set<String> requiredFields() {
    return Set.of("entries", "removed");
  }

  @Override
  public void collectReplicas(LWWMap<K, V> map, Set<ReplicaId> replicas) {
    LWWMap.Parts<K, V> parts = map.parts();
    parts.registers().values().forEach(register -> register.timestamp().forEach(t -> replicas.add(t.replica())));
    parts.dots().values().forEach(dot -> replicas.add(dot.replica()));
    CausalContextCodec.INSTANCE.collectReplicas(parts.context(), replicas);
    if (parts.latest() != null) {
      replicas.add(parts.latest().replica());
    }
    parts.stableCut().entries().keySet().forEach(replicas::add);
  }

  @Override
  public void write(LWWMap<K, V> map, WireWriter out) {
    LWWMap.Parts<K, V> parts = map.parts();
    List<Tuple2<K, LWWRegister<V>>> live = new ArrayList<>();
    List<Tuple2<K, LWWRegister<V>>> removed = new ArrayList<>();
    for (Tuple2<K, LWWRegister<V>> entry : parts.registers()) {
      (entry._2.isCleared() ? removed : live).add(entry);
    }
    out.name("entries");
    writeList(live, out, true);
    out.name("removed");
    writeList(removed, out, false);
    if (!parts.context().isEmpty()) {
      out.name("dots");
      writeDots(parts.dots(), live, removed, out);
      out.name("context");
      out.context(parts.context());
    }
    HlcTimestamp latest = parts.latest();
    if (latest != null && !latest.equals(newest(parts.registers().values()))) {
      out.name("latest");
      out.timestamp(latest);
    }
    if (!parts.settled().isEmpty()) {
      out.name(SETTLED);
      writeSettled(parts.settled(), out);
    }
    if (!parts.stableCut().isEmpty()) {
      out.name(GcFields.STABLE);
      out.counts(parts.stableCut().entries());
    }
  }

  private void writeSettled(io.vavr.collection.Map<K, V> settled, WireWriter out) {
    out.generator().writeStartArray();
    for (CanonicalOrder.Encoded<K> key : CanonicalOrder.sorted(settled.keySet(), keyType, out, "settled keys")) {
      key.writeTo(out);
      out.value(valueType, settled.get(key.value()).get());
    }
    out.generator().writeEndArray();
  }

  private static @Nullable HlcTimestamp newest(Iterable<? extends LWWRegister<?>> registers) {
    HlcTimestamp newest = null;
    for (LWWRegister<?> register : registers) {
      HlcTimestamp timestamp = register.timestamp().get();
      if (newest == null || timestamp.isAfter(newest)) {
        newest = timestamp;
      }
    }
    return newest;
  }

  /** Sorts {@code entries} into the order they are written in, and writes them. */
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

  /** The dot groups of {@code dots}, each dot with the step to its entry's position (lists already sorted). */
  private static <K, R> void writeDots(io.vavr.collection.Map<K, Dot> dots, List<Tuple2<K, R>> live,
      List<Tuple2<K, R>> removed, WireWriter out) {
    Map<K, Long> positions = new java.util.HashMap<>(dots.size() * 2);
    for (Tuple2<K, R> entry : live) {
      positions.put(entry._1, (long) positions.size());
    }
    for (Tuple2<K, R> entry : removed) {
      positions.put(entry._1, (long) positions.size());
    }
    TreeMap<Dot, Long> byDot = new TreeMap<>();
    dots.forEach((key, dot) -> byDot.put(dot, positions.get(key)));
    List<Tuple2<Dot, Long>> steps = new ArrayList<>(byDot.size());
    @Nullable ReplicaId group = null;
    long previous = 0;
    for (Map.Entry<Dot, Long> dot : byDot.entrySet()) {
      if (!dot.getKey().replica().equals(group)) {
        group = dot.getKey().replica();
        previous = 0;
      }
      steps.add(new Tuple2<>(dot.getKey(), dot.getValue() - previous));
      previous = dot.getValue();
    }
    DotGroups.write(out, steps.iterator(), (step, w) -> w.number(step));
  }

  @Override
  public Decoder<LWWMap<K, V>> decoder() {
    return new Decoder<>() {
      private final Map<K, LWWRegister<V>> registers = new LinkedHashMap<>();
      private final List<K> liveKeys = new ArrayList<>();
      private final List<K> removedKeys = new ArrayList<>();
      private final Map<Long, Dot> dotsByPosition = new LinkedHashMap<>();
      private @Nullable CausalContext context;
      private @Nullable HlcTimestamp latest;
      private final Map<K, V> settled = new LinkedHashMap<>();
      private final GcFields cuts = new GcFields();
      private String entriesPointer = "";
      private String latestPointer = "";
      private @Nullable String dotsPointer;
      private String contextPointer = "";

      @Override
      public void read(String field, WireReader in) {
        switch (field) {
          case "entries" -> {
            entriesPointer = in.pointer();
            readList(in, "the entries", true, registers, liveKeys);
          }
          case "removed" -> readList(in, "the removed keys", false, registers, removedKeys);
          case "dots" -> {
            dotsPointer = in.pointer();
            DotGroups.read(in, "the dots", new DotPositions(dotsByPosition));
          }
          case "context" -> {
            contextPointer = in.pointer();
            context = in.body(CausalContextCodec.INSTANCE);
          }
          case SETTLED -> readSettled(in, settled);
          case GcFields.STABLE -> cuts.read(field, in);
          default -> {
            latestPointer = in.pointer();
            latest = in.timestamp("the latest timestamp");
          }
        }
      }

      @Override
      public LWWMap<K, V> build(WireReader in) {
        HlcTimestamp newestRegister = newest(registers.values());
        HlcTimestamp merged = latest;
        if (merged != null && newestRegister != null && !merged.isAfter(newestRegister)) {
          throw in.errorAt(latestPointer, "the latest timestamp " + merged + " is not after every register's (a"
              + " register holds " + newestRegister + "): it is written only when a collected tombstone or a"
              + " settled key held it",
              null);
        }
        String dotsAt = dotsPointer;
        CausalContext seen = context;
        if (dotsAt == null && seen == null) {
          return in.build(entriesPointer, typeName(), () -> LWWMap.fromParts(new LWWMap.Parts<>(
              HashMap.ofAll(registers), HashMap.empty(), HashMap.ofAll(settled), CausalContext.empty(),
              cuts.metadata().stableCut(), merged)));
        }
        if (dotsAt == null || seen == null) {
          throw in.errorAt(dotsAt == null ? contextPointer : dotsAt,
              "the dots and the context come together: a map writes both, or neither if its context is empty", null);
        }
        if (seen.isEmpty()) {
          throw in.errorAt(contextPointer, "the context is empty: a map without one writes neither dots nor context",
              null);
        }
        Map<K, Dot> dots = new LinkedHashMap<>();
        int entries = liveKeys.size() + removedKeys.size();
        for (Map.Entry<Long, Dot> dot : dotsByPosition.entrySet()) {
          long position = dot.getKey();
          if (position >= entries) {
            throw in.errorAt(dotsAt, "dot " + dot.getValue() + " records entry " + position + ", but the map has "
                + entries + " (the entries, then the removed keys, counted from 0)", null);
          }
          K key = position < liveKeys.size() ? liveKeys.get((int) position)
              : removedKeys.get((int) position - liveKeys.size());
          dots.put(key, dot.getValue());
        }
        return in.build(dotsAt, typeName(),
            () -> LWWMap.fromParts(new LWWMap.Parts<>(HashMap.ofAll(registers), HashMap.ofAll(dots),
                HashMap.ofAll(settled), seen, cuts.metadata().stableCut(), merged)));
      }
    };
  }

  private void readList(WireReader in, String what, boolean withValues, Map<K, LWWRegister<V>> registers,
      List<K> keys) {
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
      keys.add(key);
    }
  }

  private void readSettled(WireReader in, Map<K, V> settled) {
    in.expect(JsonToken.START_ARRAY, "the settled keys");
    while (in.nextItem()) {
      K key = in.value(keyType, "a settled key");
      in.advance();
      V value = in.value(valueType, "the value of a settled key");
      if (settled.put(key, value) != null) {
        throw in.error("a key appears twice in the settled keys");
      }
    }
  }

  /**
   * Reads each dot's payload, the step to the position of the entry it records, and files the dot under that
   * position; positions are checked against the entries at build, since the fields come in any order.
   */
  private static final class DotPositions implements DotGroups.PayloadReader {

    private final Map<Long, Dot> dotsByPosition;
    private @Nullable ReplicaId group;
    private long previous;

    DotPositions(Map<Long, Dot> dotsByPosition) {
      this.dotsByPosition = dotsByPosition;
    }

    @Override
    public void read(Dot dot, WireReader in) {
      if (!dot.replica().equals(group)) {
        group = dot.replica();
        previous = 0;
      }
      in.advance();
      long position = previous + in.integer("the step to the entry of dot " + dot + " in the dots", -previous,
          Integer.MAX_VALUE - previous);
      Dot other = dotsByPosition.put(position, dot);
      if (other != null) {
        throw in.error("entry " + position + " has two dots in the dots, " + other + " and " + dot);
      }
      previous = position;
    }
  }
}
