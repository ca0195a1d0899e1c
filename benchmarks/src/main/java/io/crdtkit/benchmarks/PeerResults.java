package io.crdtkit.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code benchmarks/js/sequence-peers.mjs} measured of Yjs and Automerge on the same trace, read from the JSON
 * it writes. Times are milliseconds: a mean with its 99.9% half-width ({@code NaN} for a single run).
 *
 * @param node      the Node.js version
 * @param libraries by name ({@code yjs}, {@code automerge})
 * @param loadStart the load average when the JS side started
 * @param loadEnd   the load average when it ended
 */
record PeerResults(String node, Map<String, Library> libraries, String loadStart, String loadEnd) {

  /**
   * One library's figures.
   *
   * @param version          the npm package's version
   * @param replay           the whole trace, one local edit per patch
   * @param heapUsedBytes    the JS heap the final document retains
   * @param externalBytes    memory outside the JS heap that the replay added (WebAssembly memory, for Automerge)
   * @param encodedBytes     the final document's encoding (Yjs: {@code encodeStateAsUpdate}; Automerge: {@code save})
   * @param encodedGzipBytes the same, gzipped
   * @param load             decoding the encoding into a fresh document
   * @param merges           one per {@link SequenceScenario}, in the same order
   * @param extra            further sizes (Yjs's v2 encoding)
   * @param wallSeconds      how long the library's part of the run took
   */
  record Library(String version, Score replay, long heapUsedBytes, long externalBytes, long encodedBytes,
      long encodedGzipBytes, Score load, List<Merge> merges, Map<String, Long> extra, double wallSeconds) {}

  /**
   * A merge of two replicas.
   *
   * @param scenario   where they forked and how far they diverged
   * @param time       the merge
   * @param textLength the merged document's length, which every library must agree on
   */
  record Merge(SequenceScenario scenario, Score time, int textLength) {}

  static PeerResults read(Path json) {
    try {
      JsonNode root = JsonMapper.builder().build().readTree(Files.readString(json));
      Map<String, Library> libraries = new LinkedHashMap<>();
      for (String name : List.of("yjs", "automerge")) {
        JsonNode library = root.get(name);
        if (library != null) {
          libraries.put(name, library(library));
        }
      }
      return new PeerResults(root.get("node").asString(), libraries, text(root, "loadStart"), text(root, "loadEnd"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Library library(JsonNode library) {
    List<Merge> merges = new ArrayList<>();
    library.get("merges").forEach(merge -> merges.add(new Merge(
        new SequenceScenario(merge.get("forkAt").asDouble(), merge.get("divergence").asDouble()),
        millis(merge.get("ms")), merge.get("textLength").asInt())));
    Map<String, Long> extra = new LinkedHashMap<>();
    for (String name : List.of("encodedV2Bytes", "encodedV2GzipBytes")) {
      if (library.has(name)) {
        extra.put(name, library.get(name).asLong());
      }
    }
    JsonNode heap = library.get("heap");
    return new Library(library.get("version").asString(), millis(library.get("replayMs")),
        heap.get("heapUsedBytes").asLong(), heap.get("externalBytes").asLong(), library.get("encodedBytes").asLong(),
        library.get("encodedGzipBytes").asLong(), millis(library.get("loadMs")), merges, extra,
        library.get("wallSeconds").asDouble());
  }

  private static Score millis(JsonNode stats) {
    JsonNode error = stats.get("error");
    return new Score(stats.get("mean").asDouble(), error == null || error.isNull() ? Double.NaN : error.asDouble(),
        "ms");
  }

  private static String text(JsonNode root, String field) {
    return root.has(field) ? root.get(field).asString() : "";
  }
}
