package io.crdtkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crdtkit.Sequence;
import io.crdtkit.Sequences;
import io.crdtkit.clock.VectorClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;

/**
 * A text ({@code Sequence<Character>}) replicated by three members: edited on both sides of a partition, it merges
 * on the heal into one text on every member, the runs typed at one place on each side kept whole (Fugue), and the
 * garbage collector then reclaims every tombstone but those that still hold live text after them.
 */
class SequenceReplicationTest {

  private static final TypeReference<Sequence<Character>> TEXT = new TypeReference<>() {};
  private static final Duration DEADLINE = Duration.ofSeconds(20);

  @Test
  void textEditedOnBothSidesOfAPartitionConvergesWithoutInterleavingAndIsCollected() {
    try (InJvmCluster cluster = InJvmCluster.of(3)) {
      List<CrdtNode> nodes = cluster.nodes();
      List<Replicated<Sequence<Character>>> docs =
          nodes.stream().map(n -> n.register("doc", Sequence.<Character>empty(), TEXT)).toList();
      docs.get(0).update((doc, self) -> Sequences.deltaInsertString(doc, self, 0, "Hello world!"));
      await().atMost(DEADLINE).until(() -> docs.stream().allMatch(d -> Sequences.text(d.value())
          .equals("Hello world!")));

      cluster.split(nodes.subList(0, 1), nodes.subList(1, 3));
      // Both sides type at the same place, after "Hello", key by key as an editor sends them; each deletes too.
      String left = ", dear";
      String right = " again";
      for (int i = 0; i < left.length(); i++) {
        int at = 5 + i;
        char a = left.charAt(i);
        char b = right.charAt(i);
        docs.get(0).update((doc, self) -> doc.deltaInsert(self, at, a));
        docs.get(1).update((doc, self) -> doc.deltaInsert(self, at, b));
      }
      docs.get(0).update((doc, self) -> doc.deltaDelete(self, 0, 1));                      // "H": holds the rest
      docs.get(1).update((doc, self) -> doc.deltaDelete(self, doc.size() - 1, 1));         // "!": holds nothing
      await().atMost(DEADLINE).until(() -> Sequences.text(docs.get(2).value()).equals("Hello again world"));
      assertThat(Sequences.text(docs.get(0).value())).isEqualTo("ello, dear world!");

      cluster.heal();
      cluster.awaitOneView();
      await().atMost(DEADLINE).until(() -> docs.stream().map(d -> Sequences.text(d.value())).distinct().count() == 1
          && docs.get(0).value().size() == "ello, dear again world".length());
      String healed = Sequences.text(docs.get(0).value());
      assertThat(healed).isIn("ello, dear again world", "ello again, dear world");

      // Collected at the cut every member reaches once all have reported: what stays is what everything is stable
      // would keep (nothing here: the "H" had one child, the next of its run, and is spliced out).
      Sequence<Character> merged = docs.get(0).value();
      int ghosts = merged.collect(merged.context().vectorClock(), VectorClock.empty()).tombstones();
      assertThat(ghosts).isLessThanOrEqualTo(1);
      await().atMost(DEADLINE).untilAsserted(() -> assertThat(docs).allSatisfy(d -> {
        assertThat(Sequences.text(d.value())).isEqualTo(healed);
        assertThat(d.value().tombstones()).isEqualTo(ghosts);
      }));
      docs.forEach(d -> d.value().checkInvariants());
    }
  }

  /**
   * A sequence cannot fold a retired replica into the heir (its ids order concurrent inserts): retiring a crashed
   * member leaves its text and ids in place on every member, nothing fails, and the garbage collector, which stops
   * waiting for the retiree, still reclaims the tombstones of its deletes and of the others'.
   */
  @Test
  void retiringACrashedEditorKeepsItsTextAndTombstonesAreStillCollected() throws Exception {
    try (InJvmCluster cluster = InJvmCluster.of(3)) {
      List<CrdtNode> nodes = cluster.nodes();
      List<Replicated<Sequence<Character>>> docs =
          nodes.stream().map(n -> n.register("doc", Sequence.<Character>empty(), TEXT)).toList();
      docs.get(2).update((doc, self) -> Sequences.deltaInsertString(doc, self, 0, "abc"));
      await().atMost(DEADLINE).until(() -> docs.stream().allMatch(d -> d.value().size() == 3));
      docs.get(2).update((doc, self) -> doc.deltaDelete(self, 2, 1));
      await().atMost(DEADLINE).until(() -> docs.stream().allMatch(d -> Sequences.text(d.value()).equals("ab")));

      CrdtNode crashed = nodes.get(2);
      cluster.crash(crashed);
      await().atMost(DEADLINE).until(() -> nodes.get(0).channel().getView().size() == 2);
      nodes.get(1).retireAbsent().get(20, java.util.concurrent.TimeUnit.SECONDS);
      await().atMost(DEADLINE).until(() -> nodes.get(0).stats().epoch() == 1 && nodes.get(1).stats().epoch() == 1);

      docs.get(0).update((doc, self) -> Sequences.deltaInsertString(doc, self, 2, "xyz"));
      docs.get(1).update((doc, self) -> doc.deltaDelete(self, 0, 1));
      await().atMost(DEADLINE).untilAsserted(() -> assertThat(docs.subList(0, 2)).allSatisfy(d -> {
        assertThat(Sequences.text(d.value())).isEqualTo("bxyz");
        assertThat(d.value().context().vectorClock().get(crashed.replica())).isEqualTo(4);
        assertThat(d.value().tombstones()).as("none: the c had no child, the a one, the next of its run").isZero();
      }));
    }
  }
}
