package io.crdtkit.jackson;

import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.LWWMap;
import io.crdtkit.ORSet;
import io.crdtkit.clock.HlcTimestamp;
import io.crdtkit.clock.ReplicaId;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;

/**
 * Encoded sizes of large states, printed for the record (FORMAT.md, "Sizes") and bounded so a regression in
 * compactness fails the build: a 10,000-element ORSet and a 10,000-entry LWWMap, built by three replicas that
 * write in turn and then merge. "Overhead" is what the codec adds per element beyond the bytes of the element
 * (and value) themselves, as the same mapper writes them alone. The map's entries carry the dots of their writes
 * (two bytes or so each in Smile) and the map its causal context.
 *
 * <p>Print the table with {@code ./mvnw -B verify -pl crdt-jackson -Dtest=EncodedSizeTest}.
 */
class EncodedSizeTest {

  static final int SIZE = 10_000;

  /**
   * Pekko Distributed Data 1.2.1's {@code ReplicatedDataSerializer} on the same states (three nodes, same
   * elements, keys, values and timestamps), measured once outside this build: it gzips ORSet and LWWMap, so the
   * fair comparison is with gzipped Smile. Uncompressed, its protobuf takes 46.9 and 112.7 bytes.
   */
  static final double PEKKO_OR_SET_BYTES_PER_ELEMENT = 4.92;
  static final double PEKKO_LWW_MAP_BYTES_PER_ENTRY = 13.71;
  static final List<ReplicaId> REPLICAS = History.REPLICAS;

  @Test
  void aTenThousandElementORSet() {
    List<ORSet<String>> replicas = new java.util.ArrayList<>(List.of(ORSet.empty(), ORSet.empty(), ORSet.empty()));
    for (int i = 0; i < SIZE; i++) {
      int r = i % 3;
      replicas.set(r, replicas.get(r).add(REPLICAS.get(r), element(i)));
    }
    ORSet<String> set = replicas.get(0).merge(replicas.get(1)).merge(replicas.get(2));
    assertThat(set.size()).isEqualTo(SIZE);
    TypeReference<ORSet<String>> type = new TypeReference<>() {};

    Row json = row(CrdtCodec.of(Codecs.JSON, type).encode(set), elementBytes(false));
    Row smile = row(CrdtCodec.of(Codecs.SMILE, type).encode(set), elementBytes(true));
    Row gzippedSmile = row(CrdtCodec.of(Codecs.SMILE, type).withCompressionAbove(0).encode(set), 0);
    print("ORSet<String>, 10,000 elements \"item-0\"..\"item-9999\"", json, smile, gzippedSmile);
    assertThat(smile.overheadPerElement()).isLessThanOrEqualTo(1.1);
    assertThat(json.overheadPerElement()).isLessThanOrEqualTo(3.1);
    assertThat(gzippedSmile.perElement()).isLessThan(PEKKO_OR_SET_BYTES_PER_ELEMENT);
  }

  @Test
  void aTenThousandEntryLWWMap() {
    Random random = new Random(42);
    List<LWWMap<String, String>> replicas =
        new java.util.ArrayList<>(List.of(LWWMap.empty(), LWWMap.empty(), LWWMap.empty()));
    long wallTime = 1_732_872_000_000L;
    for (int i = 0; i < SIZE; i++) {
      int r = i % 3;
      wallTime += random.nextInt(50);  // a write every 25 ms on average, across the cluster
      replicas.set(r, replicas.get(r).put(HlcTimestamp.of(wallTime, 0, REPLICAS.get(r)), "key-" + i, "value-" + i));
    }
    LWWMap<String, String> map = replicas.get(0).merge(replicas.get(1)).merge(replicas.get(2));
    assertThat(map.size()).isEqualTo(SIZE);
    TypeReference<LWWMap<String, String>> type = new TypeReference<>() {};

    Row json = row(CrdtCodec.of(Codecs.JSON, type).encode(map), entryBytes(false));
    Row smile = row(CrdtCodec.of(Codecs.SMILE, type).encode(map), entryBytes(true));
    Row gzippedSmile = row(CrdtCodec.of(Codecs.SMILE, type).withCompressionAbove(0).encode(map), 0);
    print("LWWMap<String, String>, 10,000 entries \"key-i\" -> \"value-i\", a write every 25 ms", json, smile,
        gzippedSmile);
    assertThat(gzippedSmile.perElement()).isLessThan(PEKKO_LWW_MAP_BYTES_PER_ENTRY);
    assertThat(smile.overheadPerElement()).isLessThanOrEqualTo(6.5);
    assertThat(json.overheadPerElement()).isLessThanOrEqualTo(12);
  }

  record Row(int bytes, long userBytes) {
    double perElement() {
      return (double) bytes / SIZE;
    }

    double overheadPerElement() {
      return (double) (bytes - userBytes) / SIZE;
    }
  }

  private static Row row(byte[] document, long userBytes) {
    return new Row(document.length, userBytes);
  }

  private static String element(int i) {
    return "item-" + i;
  }

  /** The bytes the mapper writes for the elements alone, one after another. */
  private static long elementBytes(boolean smile) {
    long total = 0;
    for (int i = 0; i < SIZE; i++) {
      total += alone(element(i), smile);
    }
    return total;
  }

  private static long entryBytes(boolean smile) {
    long total = 0;
    for (int i = 0; i < SIZE; i++) {
      total += alone("key-" + i, smile) + alone("value-" + i, smile);
    }
    return total;
  }

  /** A string's bytes inside a document: JSON with quotes and a separator; Smile without the 4-byte header. */
  private static int alone(String text, boolean smile) {
    return smile ? Codecs.SMILE.writeValueAsBytes(text).length - 4 : Codecs.JSON.writeValueAsBytes(text).length + 1;
  }

  private static void print(String what, Row json, Row smile, Row gzippedSmile) {
    System.out.printf("%s%n  %-12s %9s %11s %20s%n", what, "", "bytes", "per element", "overhead per element");
    for (var row : List.of(java.util.Map.entry("JSON", json), java.util.Map.entry("Smile", smile))) {
      System.out.printf("  %-12s %,9d %11.2f %20.2f%n", row.getKey(), row.getValue().bytes(),
          row.getValue().perElement(), row.getValue().overheadPerElement());
    }
    System.out.printf("  %-12s %,9d %11.2f%n", "Smile+gzip", gzippedSmile.bytes(), gzippedSmile.perElement());
  }
}
