package io.crdtkit.benchmarks;

import io.crdtkit.CausalCrdt;
import io.crdtkit.Collectable;
import io.crdtkit.LWWMap;
import io.crdtkit.ORSet;
import io.crdtkit.clock.HybridLogicalClock;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.gc.GarbageCollector;
import io.crdtkit.jackson.CrdtCodec;
import io.crdtkit.jackson.CrdtMappers;
import io.vavr.collection.HashMap;
import io.vavr.collection.HashSet;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import tools.jackson.core.type.TypeReference;

/**
 * What a churned ORSet and LWWMap retain, with and without garbage collection (crdt-gc), against a plain persistent
 * set or map of only the live entries: crdt-gc's measurement (its issue, and the targets in PERFORMANCE.md: 0
 * tombstones after stability and at most 1.2 times the live-only size).
 *
 * <p>The workload: {@code elements} keys written by three replicas in turn, in {@value #ROUNDS} rounds; in each
 * round every replica also removes, on its own copy, 90% of the keys written in the round before (those whose
 * number does not end in 0), and then the replicas exchange their states. With GC on, every replica runs a
 * {@link GarbageCollector} that takes in each state and the others' stability reports after every exchange, so
 * collection happens during the churn, as in a cluster (and removes of collapsed elements leave tokens). The last
 * removes are followed by exchanges until every collector is stable.
 *
 * <p>Run: {@code ./mvnw -q -B -pl benchmarks -am package -DskipTests -Dchurn=1000000} (the number of keys). Heap is
 * measured with JOL, without the key and value strings (the live-only structure holds the same instances); bytes
 * are crdt-jackson's Smile encoding, against the live entries written as a plain Smile array or object.
 */
public final class ChurnRetention {

  static final int ROUNDS = 20;
  private static final int REPLICAS = 3;

  private ChurnRetention() {}

  public static void main(String[] args) {
    int elements = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
    String[] keys = Elements.items(0, elements);
    String[] values = Elements.values(0, elements);
    List<String> rows = new ArrayList<>();
    rows.add(orSet(keys));
    rows.add(lwwMap(keys, values));
    System.out.printf(Locale.ROOT, "%d keys written by %d replicas in %d rounds, %d removed (%d updates)%n%n",
        elements, REPLICAS, ROUNDS, removedCount(elements), elements + removedCount(elements));
    System.out.println(Outcome.HEADER);
    rows.forEach(System.out::println);
  }

  private static String orSet(String[] keys) {
    Writer<ORSet<String>> writer = new Writer<>() {
      @Override
      public ORSet<String> write(ORSet<String> state, int replica, int key) {
        return state.add(Replicas.crdtkit(replica), keys[key]);
      }

      @Override
      public ORSet<String> remove(ORSet<String> state, int replica, int key) {
        return state.remove(Replicas.crdtkit(replica), keys[key]);
      }

      @Override
      public Object value(ORSet<String> state) {
        return state.value();
      }
    };
    ORSet<String> withoutGc = churn(ORSet::empty, writer, keys.length, false);
    ORSet<String> withGc = churn(ORSet::empty, writer, keys.length, true);
    HashSet<String> liveOnly = HashSet.empty();
    for (int i = 0; i < keys.length; i++) {
      liveOnly = removed(i) ? liveOnly : liveOnly.add(keys[i]);
    }
    check(withoutGc.value().equals(liveOnly) && withGc.value().equals(withoutGc.value()), "ORSet");
    CrdtCodec<ORSet<String>> codec = CrdtCodec.of(CrdtMappers.smile(), new TypeReference<ORSet<String>>() {});
    return new Outcome("ORSet", liveOnly.size(),
        withoutGc.tombstones(), HeapSize.of(withoutGc, keys), codec.encode(withoutGc).length,
        withGc.tombstones(), HeapSize.of(withGc, keys), codec.encode(withGc).length,
        HeapSize.of(liveOnly, keys), CrdtMappers.smile().writeValueAsBytes(liveOnly.toJavaList()).length).toString();
  }

  private static String lwwMap(String[] keys, String[] values) {
    HybridLogicalClock[] clocks = new HybridLogicalClock[REPLICAS];
    for (int i = 0; i < REPLICAS; i++) {
      // one physical clock for all: the hybrid clocks order the writes by their logical counters
      clocks[i] = HybridLogicalClock.create(Replicas.crdtkit(i),
          InstantSource.fixed(java.time.Instant.ofEpochMilli(CrdtkitStates.EPOCH_MILLIS)), Duration.ofSeconds(1));
    }
    Writer<LWWMap<String, String>> writer = new Writer<>() {
      @Override
      public LWWMap<String, String> write(LWWMap<String, String> state, int replica, int key) {
        return state.put(clocks[replica], keys[key], values[key]);
      }

      @Override
      public LWWMap<String, String> remove(LWWMap<String, String> state, int replica, int key) {
        return state.remove(clocks[replica], keys[key]);
      }

      @Override
      public Object value(LWWMap<String, String> state) {
        return state.value();
      }
    };
    LWWMap<String, String> withoutGc = churn(LWWMap::empty, writer, keys.length, false);
    LWWMap<String, String> withGc = churn(LWWMap::empty, writer, keys.length, true);
    HashMap<String, String> liveOnly = HashMap.empty();
    for (int i = 0; i < keys.length; i++) {
      liveOnly = removed(i) ? liveOnly : liveOnly.put(keys[i], values[i]);
    }
    check(withoutGc.value().equals(liveOnly) && withGc.value().equals(withoutGc.value()), "LWWMap");
    CrdtCodec<LWWMap<String, String>> codec =
        CrdtCodec.of(CrdtMappers.smile(), new TypeReference<LWWMap<String, String>>() {});
    return new Outcome("LWWMap", liveOnly.size(),
        withoutGc.tombstones(), HeapSize.of(withoutGc, keys, values), codec.encode(withoutGc).length,
        withGc.tombstones(), HeapSize.of(withGc, keys, values), codec.encode(withGc).length,
        HeapSize.of(liveOnly, keys, values),
        CrdtMappers.smile().writeValueAsBytes(liveOnly.toJavaMap()).length).toString();
  }

  /** A type's updates in the workload: write key number {@code key}, or remove it, as {@code replica}. */
  private interface Writer<S> {
    S write(S state, int replica, int key);

    S remove(S state, int replica, int key);

    Object value(S state);
  }

  /** The workload of the class comment; the state every replica holds at the end. */
  private static <S extends CausalCrdt<S> & Collectable<S>> S churn(
      Supplier<S> empty, Writer<S> writer, int elements, boolean gc) {
    List<ReplicaId> members = new ArrayList<>();
    for (int i = 0; i < REPLICAS; i++) {
      members.add(Replicas.crdtkit(i));
    }
    List<GarbageCollector<S>> collectors = new ArrayList<>();
    for (ReplicaId member : members) {
      collectors.add(GarbageCollector.create(member, members));
    }
    List<S> states = new ArrayList<>(java.util.Collections.nCopies(REPLICAS, empty.get()));
    int perRound = (elements + ROUNDS - 1) / ROUNDS;
    for (int round = 0; round <= ROUNDS; round++) {
      for (int key = round * perRound; key < Math.min(elements, (round + 1) * perRound); key++) {
        states.set(key % REPLICAS, writer.write(states.get(key % REPLICAS), key % REPLICAS, key));
      }
      for (int key = (round - 1) * perRound; round > 0 && key < Math.min(elements, round * perRound); key++) {
        if (removed(key)) {
          int remover = (key + 1) % REPLICAS; // not the writer: a remove of what another replica added
          states.set(remover, writer.remove(states.get(remover), remover, key));
        }
      }
      exchange(states, gc ? collectors : List.of());
    }
    for (int settle = 0; gc && settle < 3; settle++) {
      exchange(states, collectors);
    }
    for (int i = 1; i < REPLICAS; i++) {
      check(writer.value(states.get(i)).equals(writer.value(states.get(0))), "replicas converge");
    }
    return states.get(0);
  }

  /** Every replica merges the others' states; then each collector takes in its state and the others' reports. */
  private static <S extends CausalCrdt<S> & Collectable<S>> void exchange(
      List<S> states, List<GarbageCollector<S>> collectors) {
    S merged = states.get(0);
    for (int i = 1; i < states.size(); i++) {
      merged = merged.merge(states.get(i));
    }
    for (int i = 0; i < states.size(); i++) {
      states.set(i, states.get(i).merge(merged));
    }
    if (collectors.isEmpty()) {
      return;
    }
    for (int i = 0; i < states.size(); i++) {
      collectors.get(i).afterChange(states.get(i));
    }
    for (GarbageCollector<S> receiver : collectors) {
      for (GarbageCollector<S> sender : collectors) {
        if (sender != receiver) {
          receiver.receive(sender.report());
        }
      }
    }
    for (int i = 0; i < states.size(); i++) {
      states.set(i, collectors.get(i).afterChange(states.get(i)));
    }
  }

  /** 90% of the keys are removed: those whose number does not end in 0. */
  private static boolean removed(int key) {
    return key % 10 != 0;
  }

  private static int removedCount(int elements) {
    return elements - (elements + 9) / 10;
  }

  private static void check(boolean holds, String what) {
    if (!holds) {
      throw new IllegalStateException(what + ": the churned structures must hold exactly the live keys");
    }
  }

  /** One type's figures: tombstones, retained heap (JOL) and Smile bytes without GC, with GC, and live-only. */
  private record Outcome(String type, int live, int tombstonesWithoutGc, long heapWithoutGc, int bytesWithoutGc,
      int tombstonesWithGc, long heapWithGc, int bytesWithGc, long heapLiveOnly, int bytesLiveOnly) {

    static final String HEADER = String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n|%s",
        "type (live keys)", "tombstones without GC / with GC", "heap without GC / with GC / live-only",
        "heap with GC ÷ live-only", "Smile bytes without GC / with GC / live-only", "bytes with GC ÷ live-only",
        "---|--:|--:|--:|--:|--:|");

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "| %s (%,d) | %,d / %,d | %s / %s / %s | %.2fx | %s / %s / %s | %.2fx |",
          type, live, tombstonesWithoutGc, tombstonesWithGc, mb(heapWithoutGc), mb(heapWithGc), mb(heapLiveOnly),
          (double) heapWithGc / heapLiveOnly, mb(bytesWithoutGc), mb(bytesWithGc), mb(bytesLiveOnly),
          (double) bytesWithGc / bytesLiveOnly);
    }

    private static String mb(long bytes) {
      return String.format(Locale.ROOT, "%.2f MB", bytes / 1e6);
    }
  }
}
