package io.crdtkit.benchmarks;

import io.crdtkit.Sequence;
import io.crdtkit.Sequences;
import io.crdtkit.clock.ReplicaId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A sequential editing trace (crdt-core's {@code src/test/resources/traces/}, whose README gives the format and the
 * CC BY 4.0 attribution) as its patches in order: delete {@code deleteCounts[i]} characters at {@code positions[i]},
 * then insert {@code inserts[i]} there.
 *
 * @param positions    where each patch applies, in UTF-16 code units
 * @param deleteCounts how many characters each patch deletes first
 * @param inserts      what each patch then inserts (empty for none)
 * @param endContent   the text that every patch applied in order to an empty document produces
 */
record EditTrace(int[] positions, int[] deleteCounts, String[] inserts, String endContent) {

  /** Reads a gzipped trace. */
  static EditTrace load(Path gzippedJson) {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gzippedJson))) {
      JsonNode root = JsonMapper.builder().build().readTree(in);
      List<JsonNode> patches = new ArrayList<>();
      root.get("txns").forEach(txn -> txn.get("patches").forEach(patches::add));
      int[] positions = new int[patches.size()];
      int[] deleteCounts = new int[patches.size()];
      String[] inserts = new String[patches.size()];
      for (int i = 0; i < patches.size(); i++) {
        JsonNode patch = patches.get(i);
        positions[i] = patch.get(0).asInt();
        deleteCounts[i] = patch.get(1).asInt();
        inserts[i] = patch.get(2).asString();
      }
      return new EditTrace(positions, deleteCounts, inserts, root.get("endContent").asString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The number of patches. */
  int size() {
    return positions.length;
  }

  /** The index of the patch {@code fraction} of the way through the trace (the JS side rounds the same way). */
  int at(double fraction) {
    return (int) Math.floor(fraction * size());
  }

  /**
   * {@code doc} with the patches {@code from} (inclusive) to {@code to} applied by {@code replica}, each a local
   * delete then a local insert. {@code clamped}: positions and counts cut to the document's length, for patches
   * replayed on a replica that did not make the ones before them.
   */
  Sequence<Character> applyTo(Sequence<Character> doc, ReplicaId replica, int from, int to, boolean clamped) {
    Sequence<Character> current = doc;
    for (int i = from; i < to; i++) {
      int position = positions[i];
      int deleteCount = deleteCounts[i];
      if (clamped) {
        position = Math.min(position, current.size());
        deleteCount = Math.min(deleteCount, current.size() - position);
      }
      if (deleteCount > 0) {
        current = current.delete(replica, position, deleteCount);
      }
      if (!inserts[i].isEmpty()) {
        current = Sequences.insertString(current, replica, position, inserts[i]);
      }
    }
    return current;
  }

  /** The whole trace replayed by {@code replica} on an empty document. */
  Sequence<Character> replay(ReplicaId replica) {
    return applyTo(Sequence.empty(), replica, 0, size(), false);
  }
}
