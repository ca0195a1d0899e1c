package io.crdtkit.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The end-to-end benchmark in the report: its section of {@code RESULTS.md}, its target checks, and its part of
 * {@code results.json}. Targets are judged on crdtkit over TCP against Pekko over Artery TCP, both on 127.0.0.1:
 * the like-for-like pair; crdtkit in-JVM is shown beside them for what the transport costs.
 */
final class EndToEndSection {

  static final String THROUGHPUT_TARGET = "End to end: >= 2x Pekko's throughput";
  static final String VISIBILITY_TARGET = "End to end: lower p99 time to visibility than Pekko";

  private static final String JVM = "crdtkit-jvm";
  private static final String TCP = "crdtkit-tcp";
  private static final String PEKKO = "pekko";
  private static final String DEFAULT = "default";
  private static final String EQUAL = "equal-intervals";

  private final EndToEndResults results;
  private final StringBuilder out = new StringBuilder();

  private EndToEndSection(EndToEndResults results) {
    this.results = results;
  }

  /** The targets: throughput with one writer and with a writer per member; p99 visibility at both tunings. */
  static List<TargetCheck> checks(EndToEndResults results) {
    List<TargetCheck> checks = new ArrayList<>();
    for (String writers : List.of("one-writer", "writer-per-member")) {
      ratio(results, "throughput." + writers, DEFAULT, true).ifPresent(ratio -> checks.add(new TargetCheck(
          THROUGHPUT_TARGET, "3 members, crdtkit over JGroups TCP vs Pekko over Artery TCP, " + words(writers),
          Report.ratio(ratio) + " Pekko's updates/s", Verdict.atLeast(ratio, 2))));
    }
    for (String tuning : List.of(DEFAULT, EQUAL)) {
      ratio(results, "visibility.p99", tuning, false).ifPresent(ratio -> checks.add(new TargetCheck(
          VISIBILITY_TARGET, "3 members over TCP, one writer at "
              + Report.count(results.workload().pacedRate(), "updates/s") + ", "
              + (tuning.equals(DEFAULT) ? "default settings" : "both batching every "
                  + EndToEndWorkload.EQUAL_INTERVAL.toMillis() + " ms"),
          String.format(Locale.ROOT, "p99 %s vs Pekko's %s: Pekko's ÷ crdtkit's = %s",
              Report.score(results.find(TCP, "visibility.p99", tuning).orElseThrow().score()),
              Report.score(results.find(PEKKO, "visibility.p99", tuning).orElseThrow().score()), Report.ratio(ratio)),
          Verdict.atLeast(ratio, 1))));
    }
    return checks;
  }

  /** crdtkit over TCP against Pekko, oriented so that above 1 is crdtkit's win. */
  private static Optional<Ratio> ratio(EndToEndResults results, String measure, String tuning,
      boolean higherIsBetter) {
    Optional<EndToEndSeries> crdtkit = results.find(TCP, measure, tuning);
    Optional<EndToEndSeries> pekko = results.find(PEKKO, measure, tuning);
    if (crdtkit.isEmpty() || pekko.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(higherIsBetter ? Ratio.of(crdtkit.get().score(), pekko.get().score())
        : Ratio.of(pekko.get().score(), crdtkit.get().score()));
  }

  /** The section of RESULTS.md. */
  static String markdown(EndToEndResults results) {
    EndToEndSection section = new EndToEndSection(results);
    section.write();
    return section.out.toString();
  }

  private void write() {
    line("## End to end: three members, side by side with Pekko's Replicator");
    line("");
    line("The whole system rather than the data types (PERFORMANCE.md, \"End to end\"): three members in this JVM, "
        + "ORSet<String> adds through each system's ordinary write API (`Replicated.update` with a delta mutator; "
        + "Pekko's `Replicator.Update` with `WriteLocal`), seen on the other members through a change listener "
        + "(`Replicated.subscribe`) and a Replicator subscription (`Replicator.Subscribe`). Workload: "
        + results.workload().describe() + ". Each figure is the mean over the counted rounds, ± the 95% "
        + "confidence half-width over them (Student's t; a handful of rounds, so wide); ratios carry both errors. "
        + "The clusters of one table ran side by side and took their trials in turn.");
    line("");
    line("Clusters:");
    line("");
    results.series().stream().map(s -> s.tuning() + ": " + s.setup()).distinct()
        .forEach(setup -> line("- " + setup));
    line("");
    line("**Throughput**: updates per second accepted by the writer API (crdtkit: `update` returned, the update "
        + "applied; Pekko: `UpdateSuccess` received, with at most " + Report.count(PekkoCluster.WINDOW, "")
        + " updates unacknowledged per writer), each writer writing as fast as its API takes updates until the "
        + "time or the cap of adds is reached. Pekko's writers reach the cap in tens of milliseconds, before the "
        + "Replicator's first delta propagation (every 400 ms): its figure is the rate of local applies, the "
        + "propagation comes after (PERFORMANCE.md says why the cap). Higher is better. *vs Pekko* is above 1 "
        + "where crdtkit does better: crdtkit's updates/s over Pekko's, and for times Pekko's over crdtkit's. "
        + "*All seen after* is the time from the last writer's last acknowledgement to the moment every update is "
        + "seen on every other member.");
    line("");
    header();
    for (String writers : List.of("one-writer", "writer-per-member")) {
      row("updates/s, " + words(writers), "throughput." + writers, DEFAULT, true);
    }
    for (String writers : List.of("one-writer", "writer-per-member")) {
      row("all seen after the writers stopped (ms), " + words(writers), "all-seen-after-writers-stopped." + writers,
          DEFAULT, false);
    }
    line("");
    line("**Time to visibility**: from the call of an update on member 1 to its first sight on members 2 and 3, "
        + "one writer paced at " + Report.count(results.workload().pacedRate(), "updates/s") + " (a rate both "
        + "systems sustain: the path, not a queue). Lower is better; *vs Pekko* is Pekko's time over crdtkit's. "
        + "*Default* is each system's defaults: crdtkit flushes deltas 5 ms after an update, Pekko propagates them "
        + "every 400 ms (a fifth of its 2 s gossip interval) and tells subscribers every 500 ms. Those intervals "
        + "dominate, so *equal intervals* sets both to batch every " + EndToEndWorkload.EQUAL_INTERVAL.toMillis()
        + " ms (Pekko's floor for delta propagation; crdtkit's flush delay set to it) and lets Pekko tell "
        + "subscribers every " + EndToEndWorkload.PEKKO_NOTIFY_FOR_EQUAL_INTERVAL.toMillis() + " ms, as crdtkit "
        + "calls listeners at each merge.");
    line("");
    header();
    for (String tuning : List.of(DEFAULT, EQUAL)) {
      for (String percentile : List.of("p50", "p99")) {
        row(percentile + " (ms), " + (tuning.equals(DEFAULT) ? "default settings" : "equal intervals"),
            "visibility." + percentile, tuning, false);
      }
    }
    line("");
  }

  private void header() {
    line("| measure | crdtkit in-JVM | crdtkit TCP | Pekko (Artery TCP) | vs Pekko, crdtkit TCP "
        + "| vs Pekko, crdtkit in-JVM |");
    line("|---|--:|--:|--:|--:|--:|");
  }

  private void row(String what, String measure, String tuning, boolean higherIsBetter) {
    Optional<EndToEndSeries> pekko = results.find(PEKKO, measure, tuning);
    if (pekko.isEmpty()) {
      return;
    }
    List<String> cells = new ArrayList<>(List.of(what));
    for (String system : List.of(JVM, TCP, PEKKO)) {
      cells.add(results.find(system, measure, tuning).map(s -> figure(s.score())).orElse("—"));
    }
    for (String system : List.of(TCP, JVM)) {
      cells.add(results.find(system, measure, tuning).map(crdtkit -> Report.ratio(higherIsBetter
          ? Ratio.of(crdtkit.score(), pekko.get().score()) : Ratio.of(pekko.get().score(), crdtkit.score())))
          .orElse("—"));
    }
    line("| " + String.join(" | ", cells) + " |");
  }

  private static String figure(Score score) {
    return Report.number(score.value()) + (Double.isNaN(score.error()) ? "" : " ± " + Report.number(score.error()));
  }

  private static String words(String writers) {
    return writers.equals("one-writer") ? "one writer" : "a writer per member";
  }

  /** The benchmark's part of results.json: the workload and every series with its trials. */
  static Map<String, Object> json(EndToEndResults results) {
    Map<String, Object> json = new LinkedHashMap<>();
    EndToEndWorkload workload = results.workload();
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("members", EndToEndCluster.MEMBERS);
    settings.put("keys", workload.keys());
    settings.put("warmupRounds", workload.warmupTrials());
    settings.put("rounds", workload.trials());
    settings.put("throughputMillis", workload.throughputMillis());
    settings.put("throughputCapPerWriter", workload.throughputCap());
    settings.put("pacedRate", workload.pacedRate());
    settings.put("pacedUpdates", workload.pacedUpdates());
    settings.put("pekkoWindow", PekkoCluster.WINDOW);
    settings.put("confidence", "95% (Student's t over the rounds)");
    json.put("settings", settings);
    List<Object> series = new ArrayList<>();
    for (EndToEndSeries s : results.series()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("system", s.system());
      entry.put("setup", s.setup());
      entry.put("measure", s.measure());
      entry.put("tuning", s.tuning());
      entry.put("unit", s.unit());
      entry.put("mean", ResultsJson.finite(s.score().value()));
      entry.put("error", ResultsJson.finite(s.score().error()));
      entry.put("trials", s.trials());
      series.add(entry);
    }
    json.put("series", series);
    return json;
  }

  private void line(String text) {
    out.append(text).append('\n');
  }
}
