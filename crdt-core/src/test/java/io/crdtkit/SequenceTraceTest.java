package io.crdtkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.clock.ReplicaId;
import java.util.List;
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
      if (patch.deleteCount() > 0) {
        doc = doc.delete(AUTHOR, patch.position(), patch.deleteCount());
      }
      if (!patch.text().isEmpty()) {
        doc = Sequences.insertString(doc, AUTHOR, patch.position(), patch.text());
      }
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf("trace %s: %d patches replayed in %d ms%n", name, trace.patches().size(), millis);

    assertThat(Sequences.text(doc)).isEqualTo(trace.endContent());
    assertThat(doc.size()).isEqualTo(trace.endContent().length());
  }

  @Test
  void aReplicaFedOnlyTheDeltasOfThePatchesEndsEqual() {
    // A prefix keeps the test short: merging a delta still walks the runs when the edit moves away from the last.
    EditingTrace trace = EditingTrace.load("sveltecomponent");
    List<EditingTrace.Patch> patches = trace.patches().subList(0, 5_000);
    Sequence<Character> author = Sequence.empty();
    Sequence<Character> reader = Sequence.empty();
    long start = System.nanoTime();
    for (EditingTrace.Patch patch : patches) {
      if (patch.deleteCount() > 0) {
        reader = reader.merge(author.deltaDelete(AUTHOR, patch.position(), patch.deleteCount()));
        author = author.delete(AUTHOR, patch.position(), patch.deleteCount());
      }
      if (!patch.text().isEmpty()) {
        reader = reader.merge(Sequences.deltaInsertString(author, AUTHOR, patch.position(), patch.text()));
        author = Sequences.insertString(author, AUTHOR, patch.position(), patch.text());
      }
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf("trace sveltecomponent: %d patches as deltas, made and merged, in %d ms%n",
        patches.size(), millis);

    assertThat(reader).isEqualTo(author);
    assertThat(Sequences.text(reader)).isEqualTo(Sequences.text(author));
  }

  @Test
  void aDeltaGroupOfTheFirstEditsBuildsTheSameDocumentAsTheFullMutators() {
    // A delta group grows with every delta joined, and two deltas rarely place without the full layout; so only a
    // prefix of the trace goes into one group here.
    EditingTrace trace = EditingTrace.load("sveltecomponent");
    Sequence<Character> full = Sequence.empty();
    Sequence<Character> group = Sequence.empty();
    for (EditingTrace.Patch patch : trace.patches().subList(0, 300)) {
      if (patch.deleteCount() > 0) {
        group = group.merge(full.deltaDelete(AUTHOR, patch.position(), patch.deleteCount()));
        full = full.delete(AUTHOR, patch.position(), patch.deleteCount());
      }
      if (!patch.text().isEmpty()) {
        group = group.merge(Sequences.deltaInsertString(full, AUTHOR, patch.position(), patch.text()));
        full = Sequences.insertString(full, AUTHOR, patch.position(), patch.text());
      }
    }

    assertThat(Sequence.<Character>empty().merge(group)).isEqualTo(full);
    assertThat(Sequences.text(Sequence.<Character>empty().merge(group))).isEqualTo(Sequences.text(full));
  }
}
