package io.crdtkit.benchmarks;

import io.crdtkit.Sequence;
import io.crdtkit.Sequences;
import io.crdtkit.clock.ReplicaId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Issue 19's comparison of crdtkit's {@link Sequence} with Yjs and Automerge on a real editing trace: replay time,
 * retained heap, encoded size and load time of the final document, and the merge of two replicas that diverged
 * ({@link SequenceScenario}). crdtkit is measured here (JMH, forked JVMs; heap by JOL); the peers by
 * {@code benchmarks/js/sequence-peers.mjs} in the same run, whose JSON this reads. Writes {@code SEQUENCE.md}.
 *
 * <pre>{@code
 * ./mvnw -q -B -pl benchmarks -am package -DskipTests -Dsequence          # npm ci, the JS side, then this
 * java -cp ... io.crdtkit.benchmarks.SequenceComparison <trace.json.gz> <peers.json> <results dir> [quick|full]
 * }</pre>
 */
public final class SequenceComparison {

  static final String COMMAND = "./mvnw -q -B -pl benchmarks -am package -DskipTests -Dsequence";

  /** Whole replays before the measured ones. */
  static final int WARMUP_REPLAYS = 10;

  private static final ReplicaId EDITOR = ReplicaId.of("editor");

  private SequenceComparison() {}

  public static void main(String[] args) throws Exception {
    Path trace = Path.of(args[0]);
    Path peers = Path.of(args[1]);
    Path results = Path.of(args.length > 2 ? args[2] : "results");
    boolean quick = args.length > 3 && args[3].equals("quick");
    Instant started = Instant.now();
    String loadAtStart = Machine.loadAverage();

    // read first, so that a broken peers file fails before the measurement, not after
    PeerResults peerResults = Files.exists(peers) ? PeerResults.read(peers) : null;
    SequenceFigures crdtkit = measure(trace, quick);
    String loadAtEnd = Machine.loadAverage();
    String report = SequenceReport.markdown(new SequenceReport.Run(
        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), Machine.describe(), loadAtStart, loadAtEnd,
        Duration.between(started, Instant.now()), quick), crdtkit, peerResults);
    Files.createDirectories(results);
    Files.writeString(results.resolve("SEQUENCE.md"), report);
    System.out.println(report);
  }

  /** Every crdtkit figure of the report. */
  static SequenceFigures measure(Path tracePath, boolean quick) throws Exception {
    EditTrace trace = EditTrace.load(tracePath);
    Sequence<Character> doc = trace.replay(EDITOR);
    if (!Sequences.text(doc).equals(trace.endContent())) {
      throw new IllegalStateException("the replayed text is not the trace's endContent");
    }
    SequenceFootprint before = SequenceFootprints.of(doc);
    SequenceFootprint after = SequenceFootprints.of(SequenceFootprints.collected(doc));
    long stringHeap = HeapSize.of(trace.endContent());

    List<Integer> mergedLengths = new ArrayList<>();
    for (SequenceScenario scenario : SequenceScenario.ALL) {
      mergedLengths.add(SequenceScenario.mergedLength(scenario.build(trace)));
    }

    Collection<RunResult> replay = new Runner(options(tracePath, SequenceReplayTiming.class)
        // the replay's methods reach C2 only after several whole replays: measured from the sixth on, a replay takes
        // a fifth of the first ones' time
        .warmupIterations(WARMUP_REPLAYS).measurementIterations(quick ? 5 : 10).build()).run();
    Collection<RunResult> merges = new Runner(options(tracePath, SequenceMergeTiming.class)
        .warmupIterations(quick ? 3 : 5).warmupTime(TimeValue.seconds(1))
        .measurementIterations(quick ? 4 : 8).measurementTime(TimeValue.seconds(1)).build()).run();
    Collection<RunResult> loads = new Runner(options(tracePath, SequenceLoadTiming.class)
        .warmupIterations(quick ? 3 : 5).warmupTime(TimeValue.seconds(1))
        .measurementIterations(quick ? 4 : 8).measurementTime(TimeValue.seconds(1)).build()).run();
    before = before.withLoad(loadOf(loads, SequenceLoadTiming.FINAL));
    after = after.withLoad(loadOf(loads, SequenceLoadTiming.COLLECTED));
    List<SequenceFigures.Merge> mergeFigures = new ArrayList<>();
    for (int i = 0; i < SequenceScenario.ALL.size(); i++) {
      SequenceScenario scenario = SequenceScenario.ALL.get(i);
      RunResult result = merges.stream()
          .filter(run -> run.getParams().getParam("scenario").equals(scenario.key())).findFirst()
          .orElseThrow(() -> new IllegalStateException("no merge result for " + scenario.key()));
      mergeFigures.add(new SequenceFigures.Merge(scenario, JmhRows.score(result.getPrimaryResult()),
          mergedLengths.get(i)));
    }
    return new SequenceFigures(trace.size(), trace.endContent().length(), utf8Bytes(trace.endContent()),
        JmhRows.score(replay.iterator().next().getPrimaryResult()), before, after, stringHeap, mergeFigures);
  }

  private static Score loadOf(Collection<RunResult> loads, String document) {
    return JmhRows.score(loads.stream().filter(run -> run.getParams().getParam("document").equals(document))
        .findFirst().orElseThrow(() -> new IllegalStateException("no load result for " + document))
        .getPrimaryResult());
  }

  private static ChainedOptionsBuilder options(Path trace, Class<?> benchmark) {
    return new OptionsBuilder().include(benchmark.getName() + "\\.")
        .forks(1).threads(1).timeUnit(TimeUnit.MILLISECONDS)
        .jvmArgsAppend("-Xms2g", "-Xmx2g", "-D" + SequenceReplayTiming.TRACE_PROPERTY + "=" + trace.toAbsolutePath())
        .shouldFailOnError(true);
  }

  private static int utf8Bytes(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }
}
