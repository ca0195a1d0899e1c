package io.crdtkit.jackson;

import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.Sequence;
import io.crdtkit.Sequences;
import io.crdtkit.clock.ReplicaId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * The encoded size of a real document (FORMAT.md, "Sizes"): the automerge-paper editing trace (crdt-core's test
 * resources; 259,778 patches by one author, 104,852 characters at the end) replayed into a
 * {@code Sequence<Character>}, then encoded as it is and after collecting every tombstone (the stable cut is the
 * whole context: there is one replica). Printed for the record, bounded so that a regression in compactness fails.
 *
 * <p>Print with {@code ./mvnw -B -o test -pl crdt-jackson -am -Dtest=SequenceEncodedSizeTest
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class SequenceEncodedSizeTest {

  /** Automerge's own binary document for the same trace (its benchmark, "automerge-paper"), in bytes. */
  static final int AUTOMERGE_BYTES = 129_348;

  static final Path TRACE = Path.of("../crdt-core/src/test/resources/traces/automerge-paper.json.gz");
  static final TypeReference<Sequence<Character>> TEXT = new TypeReference<>() {};

  @Test
  void theAutomergePaperTraceBeforeAndAfterCollection() {
    JsonNode trace = load();
    ReplicaId author = ReplicaId.of("author");
    Sequence<Character> doc = Sequence.empty();
    for (JsonNode txn : trace.get("txns")) {
      for (JsonNode patch : txn.get("patches")) {
        int position = patch.get(0).asInt();
        if (patch.get(1).asInt() > 0) {
          doc = doc.delete(author, position, patch.get(1).asInt());
        }
        if (!patch.get(2).asString().isEmpty()) {
          doc = Sequences.insertString(doc, author, position, patch.get(2).asString());
        }
      }
    }
    String text = trace.get("endContent").asString();
    assertThat(Sequences.text(doc)).isEqualTo(text);
    int utf8 = text.getBytes(StandardCharsets.UTF_8).length;
    Sequence<Character> collected = doc.collect(doc.context().vectorClock(), doc.context().vectorClock());
    System.out.printf("automerge-paper: %,d characters (%,d bytes of UTF-8); %,d elements held, %,d tombstones;"
        + " after collection %,d tombstones; Automerge: %,d bytes%n", text.length(), utf8,
        doc.size() + doc.tombstones(), doc.tombstones(), collected.tombstones(), AUTOMERGE_BYTES);
    int smileBefore = measure("as replayed", doc, text.length());
    int smileAfter = measure("collected", collected, text.length());
    assertThat(smileAfter).isLessThan(text.length() * 3 / 2);
    assertThat(smileBefore).isGreaterThanOrEqualTo(smileAfter);
  }

  private static int measure(String what, Sequence<Character> doc, int characters) {
    CrdtCodec<Sequence<Character>> smile = CrdtCodec.of(Codecs.SMILE, TEXT);
    byte[] plain = smile.encode(doc);
    byte[] gzipped = smile.withCompressionAbove(0).encode(doc);
    byte[] json = CrdtCodec.of(Codecs.JSON, TEXT).encode(doc);
    long start = System.nanoTime();
    Sequence<Character> decoded = smile.decode(plain);
    long decodeMillis = (System.nanoTime() - start) / 1_000_000;
    assertThat(decoded).isEqualTo(doc);
    System.out.printf("  %-12s JSON %,9d  Smile %,9d (%.3f per character)  Smile+gzip %,9d (%.3f)  decoded in %d ms%n",
        what, json.length, plain.length, plain.length / (double) characters, gzipped.length,
        gzipped.length / (double) characters, decodeMillis);
    java.util.List<SequenceRuns.WireRun> runs = SequenceRuns.canonical(doc.parts());
    int[] placements = new int[SequenceRuns.PLACEMENTS];
    java.util.Map<Integer, Integer> lengths = new java.util.TreeMap<>();
    for (SequenceRuns.WireRun run : runs) {
      placements[run.placement()]++;
      lengths.merge(Math.min(run.length(), 20), 1, Integer::sum);
    }
    tools.jackson.databind.JsonNode tree = Codecs.TREES.readTree(json);
    for (String field : java.util.List.of("runs", "text", "deleted", "context")) {
      if (tree.has(field)) {
        System.out.printf("    %s: %,d Smile bytes%n", field, Codecs.SMILE.writeValueAsBytes(tree.get(field)).length);
      }
    }
    System.out.printf("    %,d wire runs (core: %,d), placements %s, lengths %s%n", runs.size(),
        doc.parts().runs().size(), java.util.Arrays.toString(placements), lengths);
    return plain.length;
  }

  private static JsonNode load() {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(TRACE))) {
      return Codecs.TREES.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
