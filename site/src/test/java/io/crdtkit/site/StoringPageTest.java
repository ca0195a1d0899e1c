package io.crdtkit.site;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.crdtkit.GCounter;
import io.crdtkit.LWWMap;
import io.crdtkit.ORMap;
import io.crdtkit.ORSet;
import io.crdtkit.PNCounter;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.jackson.CodecLimits;
import io.crdtkit.jackson.CrdtCodec;
import io.crdtkit.jackson.CrdtDecodeException;
import io.crdtkit.jackson.CrdtMappers;
import io.crdtkit.jackson.CrdtkitModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DefaultTyping;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import tools.jackson.dataformat.smile.SmileMapper;

/** The snippets of the storing page (storing.adoc), and what it claims about crdt-jackson. */
class StoringPageTest {

  private static final ReplicaId PHONE = ReplicaId.of("phone");
  private static final ReplicaId LAPTOP = ReplicaId.of("laptop");

  /** crdt-jackson's checked-in golden vectors, one directory per format version (the tests run in site/). */
  private static final Path GOLDEN = Path.of("../crdt-jackson/src/test/resources/golden");

  private static final TypeReference<ORSet<String>> SET_OF_STRINGS = new TypeReference<>() {};

  private static ORMap<String, PNCounter> cart() {
    return ORMap.<String, PNCounter>empty(PNCounter.empty())
        .update(PHONE, "milk", qty -> qty.deltaIncrement(PHONE, 2))
        .update(LAPTOP, "eggs", qty -> qty.deltaIncrement(LAPTOP, 6))
        .update(PHONE, "milk", qty -> qty.deltaDecrement(PHONE, 1));
  }

  @Test
  void theModuleIsRegisteredByHandOrFoundByTheServiceLoader() {
    // tag::register[]
    JsonMapper mine = JsonMapper.builder().addModule(CrdtkitModule.create()).build();
    JsonMapper found = JsonMapper.builder().findAndAddModules().build();  // META-INF/services names the module
    // end::register[]

    ORMap<String, PNCounter> cart = cart();
    TypeReference<ORMap<String, PNCounter>> type = new TypeReference<>() {};
    for (JsonMapper mapper : List.of(mine, found)) {
      assertThat(mapper.registeredModules()).anyMatch(CrdtkitModule.class::isInstance);
      assertThat(mapper.readValue(mapper.writeValueAsString(cart), type)).isEqualTo(cart);
    }
    assertThat(found.writeValueAsString(cart)).isEqualTo(mine.writeValueAsString(cart));
  }

  @Test
  void aCodecEncodesAndDecodesOneTypeInJsonAndSmile() {
    ORMap<String, PNCounter> cart = cart();
    // tag::codec[]
    CrdtCodec<ORMap<String, PNCounter>> carts = CrdtCodec.of(CrdtMappers.json(), new TypeReference<>() {});
    byte[] document = carts.encode(cart);                   // what you store: a column, a file, a message
    ORMap<String, PNCounter> back = carts.decode(document); // equal to cart; CrdtDecodeException if bad

    CrdtCodec<ORMap<String, PNCounter>> wire = CrdtCodec.of(CrdtMappers.smile(), new TypeReference<>() {});
    byte[] smile = wire.encode(cart);                       // Smile: binary JSON, the same document in fewer bytes
    // end::codec[]

    assertThat(back).isEqualTo(cart);
    assertThat(wire.decode(smile)).isEqualTo(cart);
    assertThat(smile.length).isLessThan(document.length);
    // canonical: the same state reached in another order gives the same bytes
    ORMap<String, PNCounter> otherOrder = ORMap.<String, PNCounter>empty(PNCounter.empty())
        .update(LAPTOP, "eggs", qty -> qty.deltaIncrement(LAPTOP, 6))
        .merge(ORMap.<String, PNCounter>empty(PNCounter.empty())
            .update(PHONE, "milk", qty -> qty.deltaIncrement(PHONE, 2))
            .update(PHONE, "milk", qty -> qty.deltaDecrement(PHONE, 1)));
    assertThat(carts.encode(otherOrder)).isEqualTo(document);
    assertThat(wire.encode(otherOrder)).isEqualTo(smile);
    // the mappers give what the codecs give
    assertThat(CrdtMappers.json().writerFor(new TypeReference<ORMap<String, PNCounter>>() {})
        .writeValueAsBytes(cart)).isEqualTo(document);
    SnippetOutput.write("storing-cart.json", new String(document, UTF_8));
    SnippetOutput.write("storing-sizes.txt", String.join("\n",
        "cart.value()   " + cart.value(),
        "JSON           " + document.length + " bytes",
        "Smile          " + smile.length + " bytes"));
  }

  @Test
  void aVersionOneDocumentIsReadAndAVersionFromTheFutureIsRefused() throws IOException {
    // tag::versions[]
    CrdtCodec<ORSet<String>> sets = CrdtCodec.of(CrdtMappers.json(), new TypeReference<ORSet<String>>() {});

    byte[] stored = Files.readAllBytes(GOLDEN.resolve("v1/orset.json"));  // written in format version 1
    ORSet<String> set = sets.decode(stored);                              // read as it always was
    String rewritten = new String(sets.encode(set), UTF_8);               // written in version 2 (not one add)

    byte[] fromANewerRelease = rewritten.replace("\"version\":2", "\"version\":4").getBytes(UTF_8);
    try {
      sets.decode(fromANewerRelease);
    } catch (CrdtDecodeException e) {                                     // never guessed at
      System.out.println(e.getMessage());
    }
    // end::versions[]
    CrdtDecodeException refused = catchThrowableOfType(CrdtDecodeException.class,
        () -> sets.decode(fromANewerRelease));

    assertThat(set.value()).containsExactlyInAnyOrder("milk", "bread", "y");
    assertThat(new String(stored, UTF_8)).contains("\"version\":1");
    assertThat(rewritten).isEqualTo(Files.readString(GOLDEN.resolve("v2/orset.json")).strip());
    assertThat(refused).isNotNull();
    assertThat(refused.pointer()).isEqualTo("/version");
    SnippetOutput.write("storing-versions.txt", String.join("\n",
        "stored     " + new String(stored, UTF_8).strip(),
        "set        " + set.value(),
        "rewritten  " + rewritten,
        "",
        "refused: " + refused.getMessage()));
  }

  /**
   * What the page promises of the golden vectors, on the vectors it names: every version's documents still decode,
   * in JSON and Smile, to the state the current version's document holds, and the current version's documents are
   * exactly what the encoder writes today.
   */
  @Test
  void theGoldenVectorsOfEveryVersionDecodeAndTheCurrentOnesAreWhatTheEncoderWrites() throws IOException {
    checkVectors("orset", SET_OF_STRINGS);
    checkVectors("gcounter", new TypeReference<GCounter>() {});
    checkVectors("pncounter", new TypeReference<PNCounter>() {});
    checkVectors("lwwmap-dotted", new TypeReference<LWWMap<String, String>>() {});
    checkVectors("ormap-of-counters", new TypeReference<ORMap<String, PNCounter>>() {});
    try (Stream<Path> versions = Files.list(GOLDEN)) {
      assertThat(versions.map(version -> version.getFileName().toString()).sorted())
          .as("the page names versions 1, 2 and 3").containsExactly("v1", "v2", "v3");
    }
  }

  private static <T> void checkVectors(String name, TypeReference<T> type) throws IOException {
    CrdtCodec<T> json = CrdtCodec.of(CrdtMappers.json(), type);
    CrdtCodec<T> smile = CrdtCodec.of(CrdtMappers.smile(), type);
    byte[] currentJson = Files.readAllBytes(GOLDEN.resolve("v2/" + name + ".json"));
    byte[] currentSmile = Files.readAllBytes(GOLDEN.resolve("v2/" + name + ".smile"));
    T state = json.decode(currentJson);
    assertThat(json.encode(state)).as("v2/%s.json is what the encoder writes", name).isEqualTo(currentJson);
    assertThat(smile.encode(state)).as("v2/%s.smile is what the encoder writes", name).isEqualTo(currentSmile);
    assertThat(json.decode(Files.readAllBytes(GOLDEN.resolve("v1/" + name + ".json")))).isEqualTo(state);
    assertThat(smile.decode(Files.readAllBytes(GOLDEN.resolve("v1/" + name + ".smile")))).isEqualTo(state);
  }

  @Test
  void aDocumentOverALimitOrBreakingAnInvariantIsRefusedNamingWhereAndWhy() {
    ORSet<String> big = ORSet.empty();
    for (int i = 0; i < 1_200; i++) {
      big = big.add(PHONE, "item-" + i);
    }
    byte[] document = CrdtMappers.json().writeValueAsBytes(big);
    // tag::limits[]
    CodecLimits limits = CodecLimits.defaults().withMaxElements(1_000);   // smaller than the default 1,000,000
    CrdtCodec<ORSet<String>> strict = CrdtCodec.of(CrdtMappers.json(limits), new TypeReference<ORSet<String>>() {});
    try {
      strict.decode(document);                                             // a set of 1,200 elements
    } catch (CrdtDecodeException e) {
      System.out.println(e.getMessage());
      System.out.println("pointer " + e.pointer() + ", rule " + e.rule());
    }
    // end::limits[]
    CrdtDecodeException tooMany = catchThrowableOfType(CrdtDecodeException.class, () -> strict.decode(document));
    assertThat(tooMany.rule()).contains("maxElements");
    // the one dot group holds the replica index, then a dot step and an element per element: 2,401 items; the
    // reader stopped inside it
    assertThat(CrdtMappers.json().readTree(document).get("elements")).hasSize(1);
    assertThat(CrdtMappers.json().readTree(document).get("elements").get(0)).hasSize(2_401);
    assertThat(tooMany.pointer()).isEqualTo("/elements/0/1997");
    assertThat(CrdtCodec.of(CrdtMappers.json(), SET_OF_STRINGS).decode(document)).isEqualTo(big);

    // a state no replica could have reached: the dot a:5 is beyond what the set has seen (a:1)
    // tag::forged[]
    String forged = """
        {"type":"ORSet","version":2,"replicas":["a"],"elements":[[0,5,"milk"]],"context":{"clock":[0,1],"cloud":[]}}""";
    // end::forged[]
    CrdtDecodeException invalid = catchThrowableOfType(CrdtDecodeException.class,
        () -> CrdtCodec.of(CrdtMappers.json(), SET_OF_STRINGS).decode(forged.getBytes(UTF_8)));
    assertThat(invalid.rule()).contains("beyond");

    CodecLimits defaults = CodecLimits.defaults();
    assertThat(defaults).isEqualTo(new CodecLimits(64L << 20, 1_000_000, 65_536, 64, 1 << 20));
    SnippetOutput.write("storing-limits.txt", String.join("\n",
        tooMany.getMessage(),
        "pointer " + tooMany.pointer() + ", rule " + tooMany.rule()));
    SnippetOutput.write("storing-forged.txt", invalid.getMessage());
    SnippetOutput.write("storing-defaults.txt", "CodecLimits.defaults()\n  " + defaults);
  }

  @Test
  void theParserLimitsHoldInsideYourOwnTypesOnlyOnTheMappersOfCrdtMappers() {
    CodecLimits limits = CodecLimits.defaults().withMaxStringLength(100);
    ORSet<String> longElement = ORSet.<String>empty().add(PHONE, "x".repeat(200));
    byte[] document = CrdtMappers.json().writeValueAsBytes(longElement);
    JsonMapper moduleOnly = JsonMapper.builder().addModule(CrdtkitModule.create(limits)).build();

    assertThat(CrdtCodec.of(moduleOnly, SET_OF_STRINGS).decode(document)).isEqualTo(longElement);
    CrdtDecodeException refused = catchThrowableOfType(CrdtDecodeException.class,
        () -> CrdtCodec.of(CrdtMappers.json(limits), SET_OF_STRINGS).decode(document));
    assertThat(refused.getMessage()).contains("String value length");
  }

  @Test
  void theCodecTurnsEveryBadPayloadIntoACrdtDecodeException() {
    CrdtCodec<ORSet<String>> sets = CrdtCodec.of(CrdtMappers.json(), SET_OF_STRINGS);
    byte[] document = sets.encode(ORSet.<String>empty().add(PHONE, "milk"));
    byte[] trailing = (new String(document, UTF_8) + " {}").getBytes(UTF_8);
    assertThat(catchThrowable(() -> sets.decode(new byte[0]))).isInstanceOf(CrdtDecodeException.class);
    assertThat(catchThrowable(() -> sets.decode(trailing))).isInstanceOf(CrdtDecodeException.class);
    CrdtCodec<ORSet<String>> tiny = CrdtCodec.of(CrdtMappers.json(CodecLimits.defaults().withMaxDocumentBytes(10)),
        SET_OF_STRINGS);
    assertThat(catchThrowableOfType(CrdtDecodeException.class, () -> tiny.decode(document)).rule())
        .contains("CodecLimits.maxDocumentBytes");
    // a GCounter document handed to the codec of a set
    byte[] counter = CrdtMappers.json().writeValueAsBytes(GCounter.empty().increment(PHONE, 1));
    assertThat(catchThrowable(() -> sets.decode(counter))).isInstanceOf(CrdtDecodeException.class);
  }

  @Test
  void largeDocumentsAreGzippedForTransportAndReadEitherWay() {
    ORSet<String> big = ORSet.empty();
    for (int i = 0; i < 1_000; i++) {
      big = big.add(i % 2 == 0 ? PHONE : LAPTOP, "item-" + i);
    }
    // tag::gzip[]
    CrdtCodec<ORSet<String>> plain = CrdtCodec.of(CrdtMappers.smile(), new TypeReference<ORSet<String>>() {});
    CrdtCodec<ORSet<String>> wire = plain.withCompressionAbove(1024);   // gzip documents over 1 KiB

    byte[] small = wire.encode(ORSet.<String>empty().add(PHONE, "milk"));  // sent plain
    byte[] large = wire.encode(big);                                      // 1,000 elements: gzipped
    ORSet<String> back = plain.decode(large);                             // any codec reads both
    // end::gzip[]

    assertThat(back).isEqualTo(big);
    assertThat(large[0] & 0xff).isEqualTo(0x1f);
    assertThat(large[1] & 0xff).isEqualTo(0x8b);
    assertThat(small[0] & 0xff).isNotEqualTo(0x1f);
    assertThat(plain.decode(small).value()).containsExactly("milk");
    int plainLength = plain.encode(big).length;
    assertThat(large.length).isLessThan(plainLength);
    // inflating stops at maxDocumentBytes: a small gzip stream cannot unpack into a large document
    CrdtCodec<ORSet<String>> limited = CrdtCodec.of(
        CrdtMappers.smile(CodecLimits.defaults().withMaxDocumentBytes(plainLength - 1)), SET_OF_STRINGS);
    assertThat(large.length).isLessThan(plainLength - 1);
    assertThat(catchThrowable(() -> limited.decode(large))).isInstanceOf(CrdtDecodeException.class);
    SnippetOutput.write("storing-gzip.txt", String.join("\n",
        "small          " + small.length + " bytes, starts " + hex(small),
        "large, plain   " + plainLength + " bytes",
        "large, gzipped " + large.length + " bytes, starts " + hex(large)));
  }

  private static String hex(byte[] bytes) {
    return HexFormat.ofDelimiter(" ").formatHex(bytes, 0, 2);
  }

  // tag::item[]
  record Item(String sku, int quantity) {}   // your own type: no annotation, no registration
  // end::item[]

  @Test
  void yourOwnTypesAreWrittenByTheMappersOwnSerializersWithoutClassNames() {
    // tag::own-types[]
    ORSet<Item> order = ORSet.<Item>empty().add(PHONE, new Item("sku-1", 2)).add(LAPTOP, new Item("sku-2", 1));

    CrdtCodec<ORSet<Item>> orders = CrdtCodec.of(CrdtMappers.json(), new TypeReference<ORSet<Item>>() {});
    String document = new String(orders.encode(order), UTF_8);
    // end::own-types[]

    assertThat(orders.decode(document.getBytes(UTF_8))).isEqualTo(order);
    assertThat(document).contains("{\"sku\":\"sku-1\",\"quantity\":2}").doesNotContain("Item").doesNotContain("@");
    SnippetOutput.write("storing-own-types.json", document);
  }

  @Test
  void aMapperWithDefaultTypingIsRefusedBothWays() {
    byte[] cart = CrdtMappers.json().writeValueAsBytes(cart());
    // tag::default-typing[]
    JsonMapper typing = JsonMapper.builder()
        .activateDefaultTyping(BasicPolymorphicTypeValidator.builder().allowIfBaseType(Object.class).build(),
            DefaultTyping.NON_FINAL)                // class names in documents: refused
        .addModule(CrdtkitModule.create())
        .build();
    // end::default-typing[]

    Throwable writing = catchThrowable(() -> typing.writeValueAsString(cart()));
    assertThat(writing).isInstanceOf(DatabindException.class).hasMessageContaining("never carry class names");
    CrdtDecodeException reading = catchThrowableOfType(CrdtDecodeException.class,
        () -> typing.readValue(cart, new TypeReference<ORMap<String, PNCounter>>() {}));
    assertThat(reading.rule()).contains("default typing");
    SnippetOutput.write("storing-default-typing.txt", String.join("\n",
        "writing: " + firstLine(writing.getMessage()),
        "reading: " + firstLine(reading.getMessage())));
  }

  private static String firstLine(String message) {
    return message.lines().findFirst().orElse("");
  }

  @Test
  void theSmileMapperReadsWhatItWritesWithTheDefaultLimits() {
    SmileMapper smile = CrdtMappers.smile();
    ORMap<String, PNCounter> cart = cart();
    assertThat(smile.readValue(smile.writeValueAsBytes(cart), new TypeReference<ORMap<String, PNCounter>>() {}))
        .isEqualTo(cart);
    assertThat(smile.registeredModules()).anyMatch(module -> module instanceof CrdtkitModule crdtkit
        && crdtkit.limits().equals(CodecLimits.defaults()));
  }
}
