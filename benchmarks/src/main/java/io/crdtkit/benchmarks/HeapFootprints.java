package io.crdtkit.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Retained heap per element of the benchmark fixtures (JOL, see {@link HeapSize}), without the elements, keys,
 * values and replica ids, which every implementation shares: what the structure and its CRDT metadata cost.
 */
final class HeapFootprints {

  private HeapFootprints() {}

  static List<Row> measure(int size, int counterReplicas) {
    String[] elements = Elements.items(0, size);
    String[] values = Elements.values(0, size);
    String unit = "bytes/element";

    Map<String, Score> setLimits = new LinkedHashMap<>();
    setLimits.put("java.util.HashSet", perElement(HeapSize.of(PlainStates.javaSet(elements), elements), size));
    setLimits.put("Vavr HashSet", perElement(HeapSize.of(PlainStates.vavrSet(elements), elements), size));
    Row set = new Row("heap.orset[size=" + size + "]", "ORSet", "heap bytes per element",
        Report.count(size, "elements"),
        perElement(HeapSize.of(CrdtkitStates.orSet(elements), elements), size),
        perElement(HeapSize.of(PekkoStates.orSet(elements), elements), size), setLimits);

    // crdt-gc's goal (GC.md §3): a stable ORSet (every add collapsed at stability) costs about what a plain persistent
    // set does.
    Row stableSet = new Row("heap.orset.stable[size=" + size + "]", "ORSet",
        "heap bytes per element, every add stable and collapsed by crdt-gc", Report.count(size, "elements"),
        perElement(HeapSize.of(Stability.collectWhenStable(CrdtkitStates.orSet(elements), CrdtkitStates.WRITERS),
            elements), size),
        set.pekko(), setLimits);

    Map<String, Score> mapLimits = new LinkedHashMap<>();
    mapLimits.put("java.util.HashMap",
        perElement(HeapSize.of(PlainStates.javaMap(elements, values), elements, values), size));
    mapLimits.put("Vavr HashMap",
        perElement(HeapSize.of(PlainStates.vavrMap(elements, values), elements, values), size));
    Row map = new Row("heap.lwwmap[size=" + size + "]", "LWWMap", "heap bytes per entry",
        Report.count(size, "entries"),
        perElement(HeapSize.of(CrdtkitStates.lwwMap(elements, values), elements, values), size),
        perElement(HeapSize.of(PekkoStates.lwwMap(elements, values), elements, values), size), mapLimits);

    Row counter = new Row("heap.pncounter[replicas=" + counterReplicas + "]", "PNCounter", "heap bytes",
        Report.count(counterReplicas, "replicas"),
        Score.exact(HeapSize.of(CrdtkitStates.pnCounter(counterReplicas)), "bytes"),
        Score.exact(HeapSize.of(PekkoStates.pnCounter(counterReplicas)), "bytes"), Map.of());
    return List.of(set, stableSet, map, counter);
  }

  static Score perElement(long bytes, int size) {
    return Score.exact((double) bytes / size, "bytes/element");
  }
}
