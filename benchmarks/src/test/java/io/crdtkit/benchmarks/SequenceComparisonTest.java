package io.crdtkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.Sequences;
import io.crdtkit.clock.ReplicaId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sequence comparison's parts on the small {@code sveltecomponent} trace, in a few seconds: the replay, the
 * diverged replicas, and the report from crdtkit's figures and a peers file like the JS side's. It checks that they
 * run and agree, never how fast (the comparison itself needs Node: {@code -Dsequence}).
 */
class SequenceComparisonTest {

  private static final Path TRACE = Path.of("../crdt-core/src/test/resources/traces/sveltecomponent.json.gz");

  @Test
  void theReplayEndsInTheTracesText() {
    EditTrace trace = EditTrace.load(TRACE);

    assertThat(trace.size()).isPositive();
    assertThat(Sequences.text(trace.replay(ReplicaId.of("editor")))).isEqualTo(trace.endContent());
  }

  @Test
  void collectionAtStabilityKeepsTheTextAndDropsTombstones() {
    EditTrace trace = EditTrace.load(TRACE);
    var doc = trace.replay(ReplicaId.of("editor"));

    // Sequence.collect keeps the tombstones that have live descendants: fewer, not none
    assertThat(doc.tombstones()).isPositive();
    assertThat(SequenceFootprints.collected(doc).tombstones()).isLessThan(doc.tombstones());
  }

  @Test
  void theSmileEncodingDecodesToTheSameDocumentBeforeAndAfterCollection() {
    var doc = EditTrace.load(TRACE).replay(ReplicaId.of("editor"));

    // SequenceFootprints.of throws if the decoded document differs from the encoded one
    assertThat(SequenceFootprints.of(doc).encodedBytes()).isPositive();
    assertThat(SequenceFootprints.of(SequenceFootprints.collected(doc)).encodedBytes()).isPositive();
  }

  @Test
  void divergedReplicasMergeIntoEveryEditOfBoth() {
    EditTrace trace = EditTrace.load(TRACE);
    for (SequenceScenario scenario : SequenceScenario.ALL) {
      SequenceScenario.Replicas replicas = scenario.build(trace);

      assertThat(SequenceScenario.parse(scenario.key())).isEqualTo(scenario);
      assertThat(replicas.a().merge(replicas.b())).as(scenario.describe())
          .isEqualTo(replicas.b().merge(replicas.a()));
      assertThat(SequenceScenario.mergedLength(replicas)).isPositive();
    }
  }

  @Test
  void theReportHasAVerdictPerTargetAndTheSameRunRatios(@TempDir Path directory) throws Exception {
    Path peers = directory.resolve("peers.json");
    Files.writeString(peers, """
        {"node": "v20", "loadStart": "1.00 1.00 1.00", "loadEnd": "1.50 1.00 1.00",
         "yjs": {"version": "13", "replayMs": {"mean": 2000, "error": 100}, "encodedBytes": 311035,
                 "encodedGzipBytes": 100000, "loadMs": {"mean": 12, "error": 1}, "wallSeconds": 10,
                 "heap": {"heapUsedBytes": 3000000, "externalBytes": 0}, "merges": [%s]},
         "automerge": {"version": "3", "replayMs": {"mean": 45000, "error": null}, "encodedBytes": 129348,
                 "encodedGzipBytes": 120000, "loadMs": {"mean": 20000, "error": null}, "wallSeconds": 100,
                 "heap": {"heapUsedBytes": 1000, "externalBytes": 50000000}, "merges": [%s]}}
        """.formatted(peerMerges(), peerMerges()));
    List<SequenceFigures.Merge> merges = new ArrayList<>();
    for (SequenceScenario scenario : SequenceScenario.ALL) {
      merges.add(new SequenceFigures.Merge(scenario, new Score(scenario.divergence() * 100, 0.1, "ms"), 1000));
    }
    SequenceFigures crdtkit = new SequenceFigures(259_778, 104_852, 104_852, new Score(500, 20, "ms"),
        new SequenceFootprint(5_000_000, 77_000, null, null, null),
        new SequenceFootprint(150_000, 0, null, null, null), 104_892, merges);

    String report = SequenceReport.markdown(new SequenceReport.Run("2026-01-01T00:00:00Z", Map.of("cores", 2),
        "1.00", "2.00", Duration.ofSeconds(60), false), crdtkit, PeerResults.read(peers));

    assertThat(report).contains("## Targets", "## Replay of the whole trace", "## The final document",
        "## Merge of two replicas that diverged", SequenceComparison.COMMAND);
    assertThat(report).contains("| Replay at least 3x as fast as Yjs (aim: 10x) | 4.00x ± 0.26 as fast (10x: "
        + "**missed**) | met |");
    assertThat(report).contains("| 1,000 / 1,000 / 1,000 |");
    assertThat(report).contains("| After GC, retained heap within 2x of a Java String of the final text | 150,000 / "
        + "104,892 bytes = 1.43x | met |");
    assertThat(report.lines().filter(line -> line.endsWith("| inconclusive |"))).hasSize(2);
  }

  private static String peerMerges() {
    return String.join(",", SequenceScenario.ALL.stream().map(scenario -> """
        {"forkAt": %s, "divergence": %s, "ms": {"mean": 1, "error": 0.1}, "textLength": 1000}"""
        .formatted(scenario.forkAt(), scenario.divergence())).toList());
  }
}
