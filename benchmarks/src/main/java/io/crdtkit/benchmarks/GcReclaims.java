package io.crdtkit.benchmarks;

import io.crdtkit.LWWMap;
import io.crdtkit.ORSet;
import io.crdtkit.RWSet;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Churn, then collect: {@code size} elements (keys) written by three replicas in turn, every other one removed by
 * one of them on the merged state, everything merged, then (for the types crdt-gc collects) collected at
 * stability. Compared with the same type built from the live half only.
 *
 * <p>An ORSet leaves no tombstone when nothing was collapsed yet; collection at stability folds its element dots
 * into collapsed presences (so the "live only" structure, never collected, still has its dots). Pekko's ORSet and
 * LWWMap (an OR-map of registers) keep no tombstones; their rows show what their churned structures retain.
 */
final class GcReclaims {

  private static final int WRITERS = CrdtkitStates.WRITERS;

  private GcReclaims() {}

  static List<GcReclaim> measure(int size) {
    String[] elements = Elements.items(0, size);
    String[] live = IntStream.range(0, size).filter(i -> i % 2 == 1).mapToObj(i -> elements[i])
        .toArray(String[]::new);
    return List.of(rwSet(elements, live), lwwMap(elements, live), orSet(elements, live));
  }

  private static GcReclaim rwSet(String[] elements, String[] live) {
    RWSet<String> churned = removeEveryOther(added(elements, RWSet.empty()), elements);
    RWSet<String> collected = Stability.collectWhenStable(churned, WRITERS);
    RWSet<String> liveOnly = added(live, RWSet.empty());
    check(collected.value().size() == live.length && collected.value().equals(liveOnly.value()), "RWSet");
    return new GcReclaim("RWSet", elements.length, elements.length - live.length, churned.tombstones(),
        collected.tombstones(), HeapSize.of(churned, elements), HeapSize.of(collected, elements),
        HeapSize.of(liveOnly, elements), -1, -1);
  }

  private static GcReclaim orSet(String[] elements, String[] live) {
    ORSet<String> churned = removeEveryOther(CrdtkitStates.orSet(elements), elements);
    ORSet<String> collected = Stability.collectWhenStable(churned, WRITERS);
    ORSet<String> liveOnly = CrdtkitStates.orSet(live);
    check(collected.value().equals(liveOnly.value()), "ORSet");
    org.apache.pekko.cluster.ddata.ORSet<String> pekkoChurned = PekkoStates.orSet(elements);
    org.apache.pekko.cluster.ddata.ORSet<String>[] removers = copies(pekkoChurned);
    for (int i = 0; i < elements.length; i += 2) {
      removers[i % WRITERS] = removers[i % WRITERS].remove(Replicas.pekko(i % WRITERS), elements[i]);
    }
    for (org.apache.pekko.cluster.ddata.ORSet<String> remover : removers) {
      pekkoChurned = pekkoChurned.merge(remover.resetDelta());
    }
    return new GcReclaim("ORSet", elements.length, elements.length - live.length, churned.tombstones(),
        collected.tombstones(), HeapSize.of(churned, elements), HeapSize.of(collected, elements),
        HeapSize.of(liveOnly, elements), HeapSize.of(pekkoChurned.resetDelta(), elements),
        HeapSize.of(PekkoStates.orSet(live), elements));
  }

  private static GcReclaim lwwMap(String[] keys, String[] liveKeys) {
    String[] values = Elements.values(0, keys.length);
    LWWMap<String, String> written = CrdtkitStates.lwwMap(keys, values);
    @SuppressWarnings({"unchecked", "rawtypes"})
    LWWMap<String, String>[] removers = new LWWMap[WRITERS];
    Arrays.fill(removers, written);
    for (int i = 0; i < keys.length; i += 2) {
      removers[i % WRITERS] =
          removers[i % WRITERS].remove(CrdtkitStates.timestamp(keys.length + i, i % WRITERS), keys[i]);
    }
    LWWMap<String, String> churned = written;
    for (LWWMap<String, String> remover : removers) {
      churned = churned.merge(remover);
    }
    LWWMap<String, String> collected = Stability.collectWhenStable(churned, WRITERS);
    String[] liveValues = IntStream.range(0, keys.length).filter(i -> i % 2 == 1).mapToObj(i -> values[i])
        .toArray(String[]::new);
    LWWMap<String, String> liveOnly = CrdtkitStates.lwwMap(liveKeys, liveValues);
    check(collected.value().equals(liveOnly.value()), "LWWMap");

    org.apache.pekko.cluster.ddata.LWWMap<String, String> pekkoChurned = PekkoStates.lwwMap(keys, values);
    @SuppressWarnings({"unchecked", "rawtypes"})
    org.apache.pekko.cluster.ddata.LWWMap<String, String>[] pekkoRemovers =
        new org.apache.pekko.cluster.ddata.LWWMap[WRITERS];
    Arrays.fill(pekkoRemovers, pekkoChurned);
    for (int i = 0; i < keys.length; i += 2) {
      pekkoRemovers[i % WRITERS] = pekkoRemovers[i % WRITERS].remove(Replicas.pekko(i % WRITERS), keys[i]);
    }
    for (org.apache.pekko.cluster.ddata.LWWMap<String, String> remover : pekkoRemovers) {
      pekkoChurned = pekkoChurned.merge(remover.resetDelta());
    }
    return new GcReclaim("LWWMap", keys.length, keys.length - liveKeys.length, churned.tombstones(),
        collected.tombstones(), HeapSize.of(churned, keys, values), HeapSize.of(collected, keys, values),
        HeapSize.of(liveOnly, keys, values), HeapSize.of(pekkoChurned.resetDelta(), keys, values),
        HeapSize.of(PekkoStates.lwwMap(liveKeys, liveValues), keys, values));
  }

  /** {@code elements} added by the three replicas in turn, merged. */
  private static RWSet<String> added(String[] elements, RWSet<String> empty) {
    @SuppressWarnings({"unchecked", "rawtypes"})
    RWSet<String>[] writers = new RWSet[WRITERS];
    Arrays.fill(writers, empty);
    for (int i = 0; i < elements.length; i++) {
      writers[i % WRITERS] = writers[i % WRITERS].add(Replicas.crdtkit(i % WRITERS), elements[i]);
    }
    RWSet<String> merged = writers[0];
    for (int i = 1; i < WRITERS; i++) {
      merged = merged.merge(writers[i]);
    }
    return merged;
  }

  /** Every other element removed, by the replica that added it, each on its copy of {@code all}; merged. */
  private static RWSet<String> removeEveryOther(RWSet<String> all, String[] elements) {
    RWSet<String>[] removers = copies(all);
    for (int i = 0; i < elements.length; i += 2) {
      removers[i % WRITERS] = removers[i % WRITERS].remove(Replicas.crdtkit(i % WRITERS), elements[i]);
    }
    RWSet<String> merged = all;
    for (RWSet<String> remover : removers) {
      merged = merged.merge(remover);
    }
    return merged;
  }

  private static ORSet<String> removeEveryOther(ORSet<String> all, String[] elements) {
    ORSet<String>[] removers = copies(all);
    for (int i = 0; i < elements.length; i += 2) {
      removers[i % WRITERS] = removers[i % WRITERS].remove(Replicas.crdtkit(i % WRITERS), elements[i]);
    }
    ORSet<String> merged = all;
    for (ORSet<String> remover : removers) {
      merged = merged.merge(remover);
    }
    return merged;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <T> T[] copies(T state) {
    T[] copies = (T[]) java.lang.reflect.Array.newInstance(state.getClass(), WRITERS);
    Arrays.fill(copies, state);
    return copies;
  }

  private static void check(boolean sameValue, String type) {
    if (!sameValue) {
      throw new IllegalStateException(type + ": the churned and collected structure must hold the live entries");
    }
  }
}
