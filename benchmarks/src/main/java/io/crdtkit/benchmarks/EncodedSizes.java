package io.crdtkit.benchmarks;

import io.crdtkit.LWWMap;
import io.crdtkit.ORSet;
import io.crdtkit.jackson.CrdtCodec;
import io.crdtkit.jackson.CrdtMappers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Encoded bytes per element of whole states, and of the delta of one add: crdtkit's Smile and JSON (crdt-jackson)
 * against Pekko's protobuf ({@link PekkoSerializer}). The limit is the elements (keys and values) alone, written by
 * the same mapper as a plain array: what any format must carry. Like is compared with like: uncompressed with
 * uncompressed, gzipped with Pekko's wire bytes (its serializer gzips large states).
 */
final class EncodedSizes {

  private static final String ELEMENTS_ALONE = "elements alone";

  private EncodedSizes() {}

  static List<Row> measure(int size, PekkoSerializer pekko) {
    List<Row> rows = new ArrayList<>();
    String[] elements = Elements.items(0, size);
    String params = Report.count(size, "elements");

    ORSet<String> set = CrdtkitStates.orSet(elements);
    org.apache.pekko.cluster.ddata.ORSet<String> pekkoSet = PekkoStates.orSet(elements);
    CrdtCodec<ORSet<String>> smile = CrdtCodec.of(CrdtMappers.smile(), new TypeReference<ORSet<String>>() {});
    CrdtCodec<ORSet<String>> json = CrdtCodec.of(CrdtMappers.json(), new TypeReference<ORSet<String>>() {});
    rows.add(perElement("encoded.orset.smile", "ORSet", "encoded bytes per element: Smile vs Pekko protobuf",
        params, size, smile.encode(set), pekko.protobuf(pekkoSet), alone(CrdtMappers.smile(), elements)));
    rows.add(perElement("encoded.orset.json", "ORSet", "encoded bytes per element: JSON", params, size,
        json.encode(set), null, alone(CrdtMappers.json(), elements)));
    rows.add(perElement("encoded.orset.gzip", "ORSet",
        "encoded bytes per element: gzipped Smile vs Pekko's wire bytes (gzipped protobuf)", params, size,
        smile.withCompressionAbove(0).encode(set), pekko.wire(pekkoSet),
        gzip(alone(CrdtMappers.smile(), elements))));

    String[] values = Elements.values(0, size);
    LWWMap<String, String> map = CrdtkitStates.lwwMap(elements, values);
    org.apache.pekko.cluster.ddata.LWWMap<String, String> pekkoMap = PekkoStates.lwwMap(elements, values);
    CrdtCodec<LWWMap<String, String>> mapSmile =
        CrdtCodec.of(CrdtMappers.smile(), new TypeReference<LWWMap<String, String>>() {});
    CrdtCodec<LWWMap<String, String>> mapJson =
        CrdtCodec.of(CrdtMappers.json(), new TypeReference<LWWMap<String, String>>() {});
    Map<String, String> plainMap = PlainStates.javaMap(elements, values);
    String mapParams = Report.count(size, "entries");
    rows.add(perElement("encoded.lwwmap.smile", "LWWMap", "encoded bytes per entry: Smile vs Pekko protobuf",
        mapParams, size, mapSmile.encode(map), pekko.protobuf(pekkoMap), alone(CrdtMappers.smile(), plainMap)));
    rows.add(perElement("encoded.lwwmap.json", "LWWMap", "encoded bytes per entry: JSON", mapParams, size,
        mapJson.encode(map), null, alone(CrdtMappers.json(), plainMap)));
    rows.add(perElement("encoded.lwwmap.gzip", "LWWMap",
        "encoded bytes per entry: gzipped Smile vs Pekko's wire bytes (gzipped protobuf)", mapParams, size,
        mapSmile.withCompressionAbove(0).encode(map), pekko.wire(pekkoMap),
        gzip(alone(CrdtMappers.smile(), plainMap))));
    return rows;
  }

  /**
   * The encoded delta of one add (of a new element, by a replica that wrote a third of the set) to a set of
   * {@code size} elements: it must not grow with the set. Both sides are the delta's own bytes, without what a
   * network layer adds around it: crdtkit's Smile document ({@code CrdtCodec}, format version 3's one-add form),
   * without crdt-net's frame (sender, epoch, key, key type: NET.md, "One add on the wire"); Pekko's serialized
   * {@code AddDeltaOp} ({@code ReplicatedDataSerializer}), without the Replicator's envelope. Pekko's bytes hold the
   * adding node's address (host, port, uid) twice, in the delta's version vector and in the element's dots;
   * crdtkit's hold the replica id once, and the benchmark's ids are two characters ({@link Replicas}).
   */
  static List<Row> deltaOfOneAdd(int size, PekkoSerializer pekko) {
    String[] elements = Elements.items(0, size);
    String element = Elements.fresh()[0];
    ORSet<String> delta = CrdtkitStates.orSet(elements).deltaAdd(Replicas.crdtkit(0), element);
    Object pekkoDelta = PekkoStates.orSet(elements).add(Replicas.pekko(0), element).delta().get();
    String params = "to " + Report.count(size, "elements");
    byte[] elementSmile = alone(CrdtMappers.smile(), new String[] {element});
    byte[] elementJson = alone(CrdtMappers.json(), new String[] {element});
    CrdtCodec<ORSet<String>> smile = CrdtCodec.of(CrdtMappers.smile(), new TypeReference<ORSet<String>>() {});
    CrdtCodec<ORSet<String>> json = CrdtCodec.of(CrdtMappers.json(), new TypeReference<ORSet<String>>() {});
    return List.of(
        new Row("delta.orset.add.smile[size=" + size + "]", "ORSet",
            "encoded delta of one add, unframed: Smile document vs Pekko's serialized delta",
            params, Score.exact(smile.encode(delta).length, "bytes"),
            Score.exact(pekko.wire(pekkoDelta).length, "bytes"),
            Map.of(ELEMENTS_ALONE, Score.exact(elementSmile.length, "bytes"))),
        new Row("delta.orset.add.json[size=" + size + "]", "ORSet", "encoded delta of one add, unframed: JSON document",
            params,
            Score.exact(json.encode(delta).length, "bytes"), null,
            Map.of(ELEMENTS_ALONE, Score.exact(elementJson.length, "bytes"))));
  }

  private static Row perElement(String id, String section, String what, String params, int size, byte[] crdtkit,
      byte[] pekko, byte[] alone) {
    String unit = "bytes/element";
    return new Row(id + "[size=" + size + "]", section, what, params,
        Score.exact((double) crdtkit.length / size, unit),
        pekko == null ? null : Score.exact((double) pekko.length / size, unit),
        Map.of(ELEMENTS_ALONE, Score.exact((double) alone.length / size, unit)));
  }

  private static byte[] alone(ObjectMapper mapper, Object value) {
    return mapper.writeValueAsBytes(value);
  }

  /** {@code bytes} gzipped, as the reports compare compressed sizes. */
  static byte[] gzip(byte[] bytes) {
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
        zip.write(bytes);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
