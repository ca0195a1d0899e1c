package io.crdtkit.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the report reads one benchmark class: the methods named {@code crdtkit...} are crdtkit's variants (one row
 * each), {@code pekko} is the peer, and the others are limits. Parameters become words ({@code size=100000} is
 * "100,000 elements").
 *
 * @param benchmark the benchmark class
 * @param id        the rows' id prefix, e.g. {@code orset.add}
 * @param section   the report section, e.g. {@code ORSet}
 * @param variants  crdtkit's methods and the operation each measures, in words; the first is the main one
 * @param limits    the limit methods and their names in the report
 * @param noun      what {@code size} counts: elements or entries
 */
record Operation(Class<?> benchmark, String id, String section, Map<String, String> variants,
    Map<String, String> limits, String noun) {

  static final String PEER = "pekko";

  private static final Map<String, String> SET_LIMITS = ordered("javaHashSet", "java.util.HashSet",
      "vavrHashSet", "Vavr HashSet");
  private static final Map<String, String> MAP_LIMITS = ordered("javaHashMap", "java.util.HashMap",
      "vavrHashMap", "Vavr HashMap");

  /** Every benchmark of the module, in report order. */
  static final List<Operation> ALL = List.of(
      new Operation(ORSetAddBenchmark.class, "orset.add", "ORSet",
          ordered("crdtkit", "add", "crdtkitDelta", "add as a delta, merged into the state"), SET_LIMITS,
          "elements"),
      new Operation(ORSetRemoveBenchmark.class, "orset.remove", "ORSet", ordered("crdtkit", "remove"), SET_LIMITS,
          "elements"),
      new Operation(ORSetDeltaMergeBenchmark.class, "orset.merge-delta", "ORSet",
          ordered("crdtkit", "merge of one remote add's delta"), Map.of(), "elements"),
      new Operation(ORSetMergeBenchmark.class, "orset.merge", "ORSet",
          ordered("crdtkit", "full-state merge of two replicas"), SET_LIMITS, "elements"),
      new Operation(PNCounterIncrementBenchmark.class, "pncounter.increment", "PNCounter",
          ordered("crdtkit", "increment"), Map.of(), "entries"),
      new Operation(PNCounterMergeBenchmark.class, "pncounter.merge", "PNCounter",
          ordered("crdtkit", "merge of two replicas"), Map.of(), "entries"),
      new Operation(LWWMapPutBenchmark.class, "lwwmap.put", "LWWMap", ordered("crdtkit", "put (overwrite)"),
          MAP_LIMITS, "entries"),
      new Operation(LWWMapMergeBenchmark.class, "lwwmap.merge", "LWWMap",
          ordered("crdtkit", "full-state merge of two replicas"), MAP_LIMITS, "entries"));

  /** The operation whose benchmark class is {@code className} (simple name). */
  static Operation of(String className) {
    return ALL.stream().filter(op -> op.benchmark.getSimpleName().equals(className)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no Operation describes " + className));
  }

  /** The row id for one variant and parameter set, e.g. {@code orset.merge[divergence=0.01,size=100000]}. */
  String rowId(String variant, Map<String, String> params) {
    String suffix = variant.equals("crdtkit") ? "" : "." + variant.substring("crdtkit".length()).toLowerCase();
    StringBuilder id = new StringBuilder(this.id).append(suffix).append('[');
    new TreeMap<>(params).forEach((key, value) -> id.append(key).append('=').append(value).append(','));
    id.setLength(id.length() - 1);
    return id.append(']').toString();
  }

  /** The parameters in words: {@code 100,000 elements, 1% divergence}. */
  String paramsText(Map<String, String> params) {
    StringBuilder text = new StringBuilder();
    if (params.containsKey("size")) {
      text.append(Report.count(Integer.parseInt(params.get("size")), noun));
    }
    if (params.containsKey("replicas")) {
      text.append(Report.count(Integer.parseInt(params.get("replicas")), "replicas"));
    }
    if (params.containsKey("divergence")) {
      double divergence = Double.parseDouble(params.get("divergence"));
      text.append(", ").append(divergence == 0 ? "equal, other instances"
          : Report.number(divergence * 100) + "% divergence");
    }
    return text.toString();
  }

  private static Map<String, String> ordered(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
