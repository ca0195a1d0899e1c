package io.crdtkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.clock.ReplicaId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays real sequential editing traces (see {@code src/test/resources/traces/README.md}) through one replica of
 * a {@link Sequence}: each patch is a range delete then an insert of its text as one run, and the live elements
 * must spell the trace's final text exactly. Timings are printed, not asserted (benchmarks are JMH).
 */
class SequenceTraceTest {

  private static final ReplicaId AUTHOR = ReplicaId.of("author");

  @ParameterizedTest
  @ValueSource(strings = {"sveltecomponent", "automerge-paper"})
  void replayingEveryPatchInOrderGivesTheFinalText(String name) {
    EditingTrace trace = EditingTrace.load(name);
    long start = System.nanoTime();
    Sequence<Character> doc = Sequence.empty();
    for (EditingTrace.Patch patch : trace.patches()) {
      doc = patch.applyTo(doc, AUTHOR);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf("trace %s: %d patches replayed in %d ms%n", name, trace.patches().size(), millis);

    assertThat(Sequences.text(doc)).isEqualTo(trace.endContent());
    assertThat(doc.size()).isEqualTo(trace.endContent().length());
  }

  @Test
  void aReplicaFedOnlyTheDeltasOfThePatchesEndsEqual() {
    // A prefix keeps the test short: merging a delta still walks the runs when the edit moves away from the last.
    List<EditingTrace.Patch> patches = EditingTrace.load("sveltecomponent").patches().subList(0, 5_000);
    List<Sequence<Character>> reader = new ArrayList<>(List.of(Sequence.empty()));
    long start = System.nanoTime();
    Sequence<Character> author = replayThroughDeltas(patches, delta -> reader.set(0, reader.get(0).merge(delta)));
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf("trace sveltecomponent: %d patches as deltas, made and merged, in %d ms%n",
        patches.size(), millis);

    assertThat(reader.get(0)).isEqualTo(author);
    assertThat(Sequences.text(reader.get(0))).isEqualTo(Sequences.text(author));
  }

  @Test
  void aDeltaGroupOfTheFirstEditsBuildsTheSameDocumentAsTheFullMutators() {
    // A delta group grows with every delta joined, and two deltas rarely place without the full layout; so only a
    // prefix of the trace goes into one group here.
    List<EditingTrace.Patch> patches = EditingTrace.load("sveltecomponent").patches().subList(0, 300);
    List<Sequence<Character>> group = new ArrayList<>(List.of(Sequence.empty()));
    Sequence<Character> author = replayThroughDeltas(patches, delta -> group.set(0, group.get(0).merge(delta)));

    Sequence<Character> received = Sequence.<Character>empty().merge(group.get(0));
    assertThat(received).isEqualTo(author);
    assertThat(Sequences.text(received)).isEqualTo(Sequences.text(author));
  }

  @Test
  void replayingTheConcurrentTraceEndsWithItsFinalText() {
    // Three people writing at once: each transaction edits, as its agent, the merge of its parents' documents.
    EditingTrace trace = EditingTrace.load("clownschool");
    List<Sequence<Character>> after = new ArrayList<>(trace.txns().size());
    long start = System.nanoTime();
    for (EditingTrace.Txn txn : trace.txns()) {
      Sequence<Character> doc = txn.replay(after);
      after.add(doc);
    }
    Sequence<Character> end = after.get(after.size() - 1);
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf("trace clownschool: %d transactions replayed in %d ms%n", trace.txns().size(), millis);

    assertThat(Sequences.text(end)).isEqualTo(trace.endContent());
  }

  /** The author's document after the patches, applied by the full mutators; each one's delta goes to {@code sent}. */
  private static Sequence<Character> replayThroughDeltas(List<EditingTrace.Patch> patches,
      Consumer<Sequence<Character>> sent) {
    Sequence<Character> author = Sequence.empty();
    for (EditingTrace.Patch patch : patches) {
      if (patch.deleteCount() > 0) {
        sent.accept(author.deltaDelete(AUTHOR, patch.position(), patch.deleteCount()));
        author = author.delete(AUTHOR, patch.position(), patch.deleteCount());
      }
      if (!patch.text().isEmpty()) {
        sent.accept(Sequences.deltaInsertString(author, AUTHOR, patch.position(), patch.text()));
        author = Sequences.insertString(author, AUTHOR, patch.position(), patch.text());
      }
    }
    return author;
  }
}
