package io.crdtkit.benchmarks;

import io.crdtkit.net.HealScenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The performance targets (benchmarks/PERFORMANCE.md, "Targets": each with its number and why), each held against
 * the rows of one run. Nothing here asserts: a missed target is reported (and, per the benchmarks issue, profiled and
 * fixed in the library), never a failed build.
 */
final class Targets {

  private final List<Row> rows;
  private final List<GcReclaim> reclaims;
  private final List<HealScenario.Result> heals;
  private final int large;
  private final List<TargetCheck> checks = new ArrayList<>();

  private Targets(List<Row> rows, List<GcReclaim> reclaims, List<HealScenario.Result> heals, int large) {
    this.rows = rows;
    this.reclaims = reclaims;
    this.heals = heals;
    this.large = large;
  }

  static List<TargetCheck> check(List<Row> rows, List<GcReclaim> reclaims, List<HealScenario.Result> heals,
      int large) {
    Targets targets = new Targets(rows, reclaims, heals, large);
    targets.checkAll();
    return targets.checks;
  }

  private void checkAll() {
    for (int size : new int[] {1000, large}) {
      vsPekko("ORSet add: >= 2x Pekko ORSet", "orset.add[size=" + size + "]", 2);
    }
    for (int size : new int[] {1000, large}) {
      row("orset.add[size=" + size + "]").ifPresent(row -> {
        Ratio ratio = row.vsLimit("java.util.HashSet");
        checks.add(new TargetCheck("ORSet add: within 4x of java.util.HashSet", row.params(),
            times(ratio) + " the cost of java.util.HashSet", Verdict.atMost(ratio, 4)));
      });
    }
    vsPekko("Merge of two " + Report.count(large, "element") + " ORSets differing in 1%: >= 3x Pekko",
        "orset.merge[divergence=0.01,size=" + large + "]", 3);
    proportionalMerge();
    vsPekko("PNCounter increment: >= 2x Pekko", "pncounter.increment[replicas=64]", 2);
    vsPekko("PNCounter merge: >= 2x Pekko", "pncounter.merge[replicas=64]", 2);
    for (int size : new int[] {1000, large}) {
      vsPekko("LWWMap put: >= 2x Pekko", "lwwmap.put[size=" + size + "]", 2);
    }
    deltaSize();
    row("encoded.orset.smile[size=" + large + "]").ifPresent(row -> checks.add(new TargetCheck(
        "Serialized bytes per ORSet element (Smile) <= Pekko's protobuf", row.params() + ", uncompressed",
        String.format(Locale.ROOT, "Smile %s vs protobuf %s bytes/element", Report.number(row.crdtkit().value()),
            Report.number(row.pekko().value())),
        row.crdtkit().value() <= row.pekko().value() ? Verdict.MET : Verdict.MISSED)));
    row("encoded.orset.gzip[size=" + large + "]").ifPresent(row -> checks.add(new TargetCheck(
        "Serialized bytes per ORSet element (Smile) <= Pekko's protobuf", row.params() + ", both gzipped",
        String.format(Locale.ROOT, "gzipped Smile %s vs Pekko's gzipped protobuf %s bytes/element",
            Report.number(row.crdtkit().value()), Report.number(row.pekko().value())),
        row.crdtkit().value() <= row.pekko().value() ? Verdict.MET : Verdict.MISSED)));
    gc();
    heals();
  }

  /** Judged by CPU time where measured (see ThreadCpuTimeProfiler); the wall-time ratio is shown beside it. */
  private void vsPekko(String target, String id, double atLeast) {
    row(id).ifPresent(row -> {
      Ratio ratio = row.vsPekkoBest();
      String measured = row.vsPekkoCpu() == null
          ? times(ratio) + " Pekko's speed"
          : times(ratio) + " Pekko's speed by CPU time (" + times(row.vsPekko()) + " by wall time)";
      checks.add(new TargetCheck(target, row.params(), measured, Verdict.atLeast(ratio, atLeast)));
    });
  }

  /**
   * "Merge cost proportional to the divergence, not to the size": merging at 1% divergence should cost about 1/50
   * of merging at 50%. Held to at most 1/10, which leaves room for a constant part (the contexts).
   */
  private void proportionalMerge() {
    Optional<Row> one = row("orset.merge[divergence=0.01,size=" + large + "]");
    Optional<Row> half = row("orset.merge[divergence=0.5,size=" + large + "]");
    if (one.isPresent() && half.isPresent()) {
      Row low = one.get();
      Row high = half.get();
      Ratio ratio = low.crdtkitCpu() != null && high.crdtkitCpu() != null
          ? Ratio.of(low.crdtkitCpu(), high.crdtkitCpu())
          : Ratio.of(low.crdtkit(), high.crdtkit());
      checks.add(new TargetCheck("Merge cost proportional to the divergence, not to the size",
          "time at 1% / time at 50% divergence (proportional: 0.02; held to <= 0.1)",
          Report.ratio(ratio), Verdict.atMost(ratio, 0.1)));
    }
  }

  private void deltaSize() {
    Optional<Row> small = row("delta.orset.add.smile[size=1000]");
    Optional<Row> big = row("delta.orset.add.smile[size=" + large + "]");
    if (small.isPresent() && big.isPresent()) {
      double bytes = big.get().crdtkit().value();
      // Dot counters are variable-length numbers: a few bytes more at 100,000 is still constant in the set's size.
      boolean constant = bytes - small.get().crdtkit().value() <= 4;
      // Issue 20: at most 60 bytes (it was under 100); the document alone, as the row says, not crdt-net's frame.
      checks.add(new TargetCheck("Delta for one add to a " + Report.count(large, "element")
          + " set: O(1), at most 60 bytes encoded", "Smile document",
          String.format(Locale.ROOT, "%s bytes (%s at 1,000 elements); Pekko %s", Report.number(bytes),
              Report.number(small.get().crdtkit().value()), Report.number(big.get().pekko().value())),
          bytes <= 60 && constant ? Verdict.MET : Verdict.MISSED));
    }
  }

  private void gc() {
    for (GcReclaim reclaim : reclaims) {
      String churn = String.format(Locale.ROOT, "%s, %s written, %s removed", reclaim.type(),
          Report.count(reclaim.written(), ""), Report.count(reclaim.removed(), "")).replace(" ,", ",");
      if (reclaim.tombstonesAfter() >= 0) {
        checks.add(new TargetCheck("After GC at stability, tombstones = 0", churn,
            reclaim.tombstonesBefore() + " before, " + reclaim.tombstonesAfter() + " after",
            reclaim.tombstonesAfter() == 0 ? Verdict.MET : Verdict.MISSED));
      }
      double ratio = reclaim.afterOverLiveOnly();
      checks.add(new TargetCheck("Retained heap of a churned structure <= 1.2x of one holding only the live entries",
          churn + (reclaim.tombstonesAfter() < 0 ? " (no collection for this type yet)" : ", after GC"),
          Report.multiple(ratio) + "×", ratio <= 1.2 ? Verdict.MET : Verdict.MISSED));
    }
  }

  /** Judged at every size measured; the target's is 100,000 keys, which only full mode runs. */
  private void heals() {
    for (HealScenario.Result heal : heals) {
      boolean met = heal.convergedAfterMergeMillis() <= 2_000 && heal.bytesPercentOfFullState() <= 5;
      checks.add(new TargetCheck("Cluster: 5 members, 100k keys, 1% divergence after a partition: converged within "
          + "2 s of the MergeView, bytes sent <= 5% of the full state",
          heal.members() + " members, " + Report.count(heal.keys(), "keys") + ", 1% divergence",
          String.format(Locale.ROOT, "converged %d ms after the MergeView; %s%% of the full state sent",
              heal.convergedAfterMergeMillis(), Report.number(heal.bytesPercentOfFullState())),
          met ? Verdict.MET : Verdict.MISSED));
    }
  }

  private Optional<Row> row(String id) {
    return rows.stream().filter(row -> row.id().equals(id)).findFirst();
  }

  private static String times(Ratio ratio) {
    return Report.ratio(ratio);
  }

  static Map<Verdict, Long> tally(List<TargetCheck> checks) {
    Map<Verdict, Long> tally = new java.util.EnumMap<>(Verdict.class);
    for (TargetCheck check : checks) {
      tally.merge(check.verdict(), 1L, Long::sum);
    }
    return tally;
  }
}
