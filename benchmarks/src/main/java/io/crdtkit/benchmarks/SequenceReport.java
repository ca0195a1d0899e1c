package io.crdtkit.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code SEQUENCE.md}: crdtkit's {@code Sequence} beside Yjs and Automerge on one trace, same-run ratios with error
 * bars, and a verdict for each of issue 19's targets (PERFORMANCE.md, "Sequence"). A verdict is met or missed only
 * when the whole error interval lies on one side of the target, and inconclusive when it straddles it or is too
 * wide to judge by ({@link Verdict}).
 */
final class SequenceReport {

  /** The run: when it ended, on what, the load average around crdtkit's part, and whether it was quick. */
  record Run(String generated, Map<String, Object> machine, String loadAtStart, String loadAtEnd, Duration took,
      boolean quick) {}

  private static final String PENDING = "not measured in this run";

  private SequenceReport() {}

  static String markdown(Run run, SequenceFigures crdtkit, @Nullable PeerResults peers) {
    PeerResults.Library yjs = peers == null ? null : peers.libraries().get("yjs");
    PeerResults.Library automerge = peers == null ? null : peers.libraries().get("automerge");
    StringBuilder out = new StringBuilder();
    out.append("# Sequence: crdtkit, Yjs and Automerge on a real editing trace (issue 19)\n\n")
        .append(String.format(Locale.ROOT, "The `automerge-paper` trace (Martin Kleppmann writing a LaTeX paper; "
            + "%,d patches; the final text is %,d characters, %,d UTF-8 bytes; CC BY 4.0, see "
            + "`crdt-core/src/test/resources/traces/README.md`) replayed on a fresh document, one local edit per "
            + "patch: crdtkit's `Sequence<Character>` (a delete, then `Sequences.insertString`), Yjs's `Y.Text` (one "
            + "transaction per patch), Automerge's string (one `change` with a `splice` per patch). How it is "
            + "measured, and why: `benchmarks/PERFORMANCE.md`, section \"Sequence\".%n%n", crdtkit.patches(),
            crdtkit.finalLength(), crdtkit.finalUtf8Bytes()))
        .append("Command: `").append(SequenceComparison.COMMAND).append(run.quick() ? "=quick" : "").append("`. ")
        .append("Generated ").append(run.generated()).append(". Machine: ")
        .append(String.join("; ", run.machine().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()))
        .append(".\n\n")
        .append(String.format(Locale.ROOT, "Load average (1, 5, 15 min): crdtkit's part %s at the start, %s at the "
            + "end (%d s)", run.loadAtStart(), run.loadAtEnd(), run.took().toSeconds()));
    if (peers != null) {
      out.append(String.format(Locale.ROOT, "; the JS part (Node %s) %s at the start, %s at the end (Yjs %.0f s, "
              + "Automerge %.0f s)", peers.node(), peers.loadStart(), peers.loadEnd(),
          yjs == null ? 0 : yjs.wallSeconds(), automerge == null ? 0 : automerge.wallSeconds()));
    }
    out.append(". The machine has 2 cores and was shared with other work: a load above 1 means the timings "
        + "waited for a core at times.\n\n");

    out.append("## Targets\n\n| target | measured | verdict |\n|---|---|---|\n");
    targets(crdtkit, yjs, automerge).forEach(row -> out.append(row).append('\n'));

    out.append("\n## Replay of the whole trace\n\n| library | version | ms (99.9% error) | crdtkit is ... x as fast |\n"
        + "|---|---|--:|--:|\n");
    out.append("| crdtkit `Sequence` | this build | ").append(millis(crdtkit.replay())).append(" | 1 |\n");
    for (var peer : peersOf(yjs, automerge)) {
      out.append("| ").append(peer.name).append(" | ").append(peer.library.version()).append(" | ")
          .append(millis(peer.library.replay())).append(" | ")
          .append(ratio(Ratio.of(peer.library.replay(), crdtkit.replay()))).append(" |\n");
    }
    out.append("\ncrdtkit: JMH, one fork, single-shot replays (").append(run.quick() ? 5 : 10)
        .append(") after ").append(SequenceComparison.WARMUP_REPLAYS).append(" warm-up replays. Yjs: 8 replays after 3 "
        + "warm-ups (quick: 2 after 1); Automerge: 2 replays (quick: 1), about 50 s each, without warm-up.\n");

    out.append("\n## The final document\n\n| | retained heap, bytes | encoded, bytes | gzipped, bytes | load, ms |\n"
        + "|---|--:|--:|--:|--:|\n");
    SequenceFootprint before = crdtkit.before();
    out.append(footprintRow("crdtkit `Sequence`", before));
    out.append(footprintRow("crdtkit after GC at stability", crdtkit.afterCollection()));
    if (yjs != null) {
      out.append(String.format(Locale.ROOT, "| Yjs (`encodeStateAsUpdate`; v2: %,d, gzipped %,d) | %,d | %,d | %,d | "
              + "%s |%n", yjs.extra().getOrDefault("encodedV2Bytes", 0L),
          yjs.extra().getOrDefault("encodedV2GzipBytes", 0L), yjs.heapUsedBytes(), yjs.encodedBytes(),
          yjs.encodedGzipBytes(), millis(yjs.load())));
    }
    if (automerge != null) {
      out.append(String.format(Locale.ROOT, "| Automerge (`save`, the whole history) | %,d JS + %,d WebAssembly | "
              + "%,d | %,d | %s |%n", automerge.heapUsedBytes(), automerge.externalBytes(), automerge.encodedBytes(),
          automerge.encodedGzipBytes(), millis(automerge.load())));
    }
    out.append(String.format(Locale.ROOT, "| a Java `String` of the final text | %,d | %,d (UTF-8) | | |%n",
        crdtkit.stringHeap(), crdtkit.finalUtf8Bytes()));
    out.append("\nHeap: crdtkit by JOL (the graph reachable from the document; the cached `Character` instances "
        + "of ASCII text count once); Yjs by `process.memoryUsage().heapUsed` before and after the replay, each "
        + "after `gc()`, in a fresh Node process; Automerge's document lives in WebAssembly memory, which never "
        + "shrinks, so its figure is the memory the replay needed at its peak, an upper bound.\n");

    out.append("\n## Merge of two replicas that diverged\n\nBoth forked from the state after a part of the trace; "
        + "replica A applied the first half of the next patches, replica B the second half (positions clamped to "
        + "its document). crdtkit: `a.merge(b)` of the two states (JMH, average time). Yjs: the update A lacks "
        + "(`encodeStateAsUpdate(b, encodeStateVector(a))`) applied to A. Automerge: `merge(a, b)` (the changes A "
        + "lacks, applied). The last column is the merged text's length for crdtkit / Yjs / Automerge: the same "
        + "edits must leave the same number of characters.\n\n"
        + "| forked after | diverged by | patches A + B | crdtkit, ms | Yjs, ms | Automerge, ms | Yjs ÷ crdtkit "
        + "| Automerge ÷ crdtkit | merged length |\n|--:|--:|--:|--:|--:|--:|--:|--:|---|\n");
    for (int i = 0; i < crdtkit.merges().size(); i++) {
      SequenceFigures.Merge ours = crdtkit.merges().get(i);
      PeerResults.Merge yjsMerge = mergeOf(yjs, i);
      PeerResults.Merge automergeMerge = mergeOf(automerge, i);
      out.append(String.format(Locale.ROOT, "| %.0f%% | %.0f%% | %,d | %s | %s | %s | %s | %s | %,d / %s / %s |%n",
          ours.scenario().forkAt() * 100, ours.scenario().divergence() * 100,
          (int) Math.floor(ours.scenario().divergence() * crdtkit.patches()), millis(ours.time()),
          yjsMerge == null ? "" : millis(yjsMerge.time()), automergeMerge == null ? "" : millis(automergeMerge.time()),
          yjsMerge == null ? "" : ratio(Ratio.of(yjsMerge.time(), ours.time())),
          automergeMerge == null ? "" : ratio(Ratio.of(automergeMerge.time(), ours.time())), ours.textLength(),
          yjsMerge == null ? "-" : String.format(Locale.ROOT, "%,d", yjsMerge.textLength()),
          automergeMerge == null ? "-" : String.format(Locale.ROOT, "%,d", automergeMerge.textLength())));
    }
    return out.toString();
  }

  private static List<String> targets(SequenceFigures crdtkit, PeerResults.@Nullable Library yjs,
      PeerResults.@Nullable Library automerge) {
    List<String> rows = new ArrayList<>();
    if (yjs != null) {
      Ratio faster = Ratio.of(yjs.replay(), crdtkit.replay());
      rows.add(row("Replay at least 3x as fast as Yjs (aim: 10x)", ratio(faster) + " as fast (10x: "
          + verdict(Verdict.atLeast(faster, 10)) + ")", verdict(Verdict.atLeast(faster, 3))));
    } else {
      rows.add(row("Replay at least 3x as fast as Yjs (aim: 10x)", "Yjs " + PENDING, "inconclusive"));
    }
    Long encoded = crdtkit.before().encodedBytes();
    if (encoded != null && automerge != null) {
      Ratio size = new Ratio((double) encoded / automerge.encodedBytes(), 0);
      rows.add(row("Encoded size before GC no larger than Automerge's", String.format(Locale.ROOT,
          "%,d / %,d bytes = %.2fx", encoded, automerge.encodedBytes(), size.value()), verdict(Verdict.atMost(size, 1))));
    } else {
      rows.add(row("Encoded size before GC no larger than Automerge's", PENDING + " (no Sequence codec)",
          "inconclusive"));
    }
    SequenceFootprint after = crdtkit.afterCollection();
    if (after.encodedBytes() != null) {
      Ratio size = new Ratio((double) after.encodedBytes() / crdtkit.finalUtf8Bytes(), 0);
      rows.add(row("After GC, encoded size within 1.2x of the final text's UTF-8 bytes", String.format(Locale.ROOT,
          "%,d / %,d bytes = %.2fx", after.encodedBytes(), crdtkit.finalUtf8Bytes(), size.value()),
          verdict(Verdict.atMost(size, 1.2))));
    } else {
      rows.add(row("After GC, encoded size within 1.2x of the final text's UTF-8 bytes", PENDING, "inconclusive"));
    }
    Ratio heap = new Ratio((double) after.heapBytes() / crdtkit.stringHeap(), 0);
    rows.add(row("After GC, retained heap within 2x of a Java String of the final text", String.format(Locale.ROOT,
        "%,d / %,d bytes = %.2fx", after.heapBytes(), crdtkit.stringHeap(), heap.value()),
        verdict(Verdict.atMost(heap, 2))));
    Score onePercent = mergeAt(crdtkit, 0.5, 0.01);
    Score half = mergeAt(crdtkit, 0.5, 0.5);
    Score small = mergeAt(crdtkit, 0.25, 0.01);
    Score large = mergeAt(crdtkit, 0.99, 0.01);
    Ratio proportional = Ratio.of(onePercent, half);
    Ratio bySize = Ratio.of(large, small);
    rows.add(row("The 1% merge proportional to the divergence, not to the document (1% over 50% at the same fork: "
        + "exactly proportional is 0.02, held to at most 0.1, as for ORSet)", String.format(Locale.ROOT,
        "1%% / 50%%: %s; 1%% forked at 99%% / at 25%%: %s", ratio(proportional), ratio(bySize)),
        verdict(Verdict.atMost(proportional, 0.1))));
    return rows;
  }

  private static Score mergeAt(SequenceFigures figures, double forkAt, double divergence) {
    return figures.merges().stream().filter(merge -> merge.scenario().equals(new SequenceScenario(forkAt, divergence)))
        .findFirst().orElseThrow().time();
  }

  private static PeerResults.@Nullable Merge mergeOf(PeerResults.@Nullable Library library, int index) {
    return library == null || index >= library.merges().size() ? null : library.merges().get(index);
  }

  private record Peer(String name, PeerResults.Library library) {}

  private static List<Peer> peersOf(PeerResults.@Nullable Library yjs, PeerResults.@Nullable Library automerge) {
    List<Peer> peers = new ArrayList<>();
    if (yjs != null) {
      peers.add(new Peer("Yjs `Y.Text`", yjs));
    }
    if (automerge != null) {
      peers.add(new Peer("Automerge", automerge));
    }
    return peers;
  }

  private static String footprintRow(String name, SequenceFootprint footprint) {
    String tombstones = footprint.tombstones() < 0 ? ""
        : String.format(Locale.ROOT, " (%,d tombstones)", footprint.tombstones());
    return String.format(Locale.ROOT, "| %s | %,d | %s | %s | %s |%n", name + tombstones, footprint.heapBytes(),
        footprint.encodedBytes() == null ? PENDING : String.format(Locale.ROOT, "%,d (Smile)", footprint.encodedBytes()),
        footprint.encodedGzipBytes() == null ? "" : String.format(Locale.ROOT, "%,d", footprint.encodedGzipBytes()),
        footprint.load() == null ? "" : millis(footprint.load()));
  }

  private static String row(String target, String measured, String verdict) {
    return "| " + target + " | " + measured + " | " + verdict + " |";
  }

  static String verdict(Verdict verdict) {
    return switch (verdict) {
      case MET -> "met";
      case MISSED -> "**missed**";
      case INCONCLUSIVE -> "inconclusive";
    };
  }

  /** {@code 12.3 ± 0.4}, {@code 0.123 ± 0.004}; {@code (1 run)} when there is no error. */
  static String millis(Score score) {
    String format = score.value() >= 100 ? "%,.0f" : score.value() >= 1 ? "%,.2f" : "%,.4f";
    String value = String.format(Locale.ROOT, format, score.value());
    return Double.isNaN(score.error()) ? value + " (1 run)"
        : value + " ± " + String.format(Locale.ROOT, format, score.error());
  }

  static String ratio(Ratio ratio) {
    String format = ratio.value() >= 10 ? "%.1f" : ratio.value() >= 0.1 ? "%.2f" : "%.3f";
    String value = String.format(Locale.ROOT, format, ratio.value()) + "x";
    return Double.isNaN(ratio.error()) ? value : value + " ± " + String.format(Locale.ROOT, format, ratio.error());
  }
}
