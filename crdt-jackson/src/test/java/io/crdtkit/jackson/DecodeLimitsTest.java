package io.crdtkit.jackson;

import static io.crdtkit.jackson.Codecs.doc;
import static io.crdtkit.jackson.Codecs.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.crdtkit.GSet;
import io.crdtkit.ORSet;
import io.crdtkit.clock.ReplicaId;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Payloads built to exhaust a decoder, and what the limits make of them; and what the errors say. */
class DecodeLimitsTest {

  private static final TypeReference<GSet<String>> STRINGS = new TypeReference<>() {};

  private static GSet<String> strings(int count) {
    return GSet.ofAll(IntStream.range(0, count).mapToObj(i -> "e" + i).toList());
  }

  @Test
  void moreItemsThanTheLimit() {
    CodecLimits limits = CodecLimits.defaults().withMaxElements(10);
    byte[] eleven = CrdtCodec.of(Codecs.JSON, STRINGS).encode(strings(11));
    CrdtDecodeException e = failure(CrdtCodec.of(CrdtMappers.json(limits), STRINGS), eleven);
    assertThat(e.pointer()).isEqualTo("/elements/10");
    assertThat(e.rule()).isEqualTo("the document holds more than 10 items (CodecLimits.maxElements)");
    assertThat(CrdtCodec.of(CrdtMappers.json(limits), STRINGS).decode(
        CrdtCodec.of(Codecs.JSON, STRINGS).encode(strings(10)))).isEqualTo(strings(10));
  }

  @Test
  void moreReplicasThanTheLimit() {
    CodecLimits limits = CodecLimits.defaults().withMaxReplicas(2);
    CrdtDecodeException e = failure(CrdtCodec.of(CrdtMappers.json(limits), new TypeReference<ORSet<String>>() {}),
        doc("{'type':'ORSet','version':1,'replicas':['a','b','c'],'elements':[],'context':{'clock':[],'cloud':[]}}"));
    assertThat(e.pointer()).isEqualTo("/replicas/2");
    assertThat(e.rule()).isEqualTo("the replica table has more than 2 entries (CodecLimits.maxReplicas)");
  }

  @Test
  void aPayloadLongerThanTheLimitIsRefusedBeforeItIsParsed() {
    CodecLimits limits = CodecLimits.defaults().withMaxDocumentBytes(100);
    CrdtDecodeException e = failure(CrdtCodec.of(CrdtMappers.json(limits), STRINGS), new byte[101]);
    assertThat(e.pointer()).isEmpty();
    assertThat(e.rule()).isEqualTo("the payload has 101 bytes, more than 100 (CodecLimits.maxDocumentBytes)");
  }

  /** A user's own mapper has no parser constraint; the codec still stops reading past the limit. */
  @Test
  void aLongDocumentOnAUsersOwnMapper() {
    CodecLimits limits = CodecLimits.defaults().withMaxDocumentBytes(2_000);
    JsonMapper own = JsonMapper.builder().addModule(CrdtkitModule.create(limits)).build();
    byte[] long_ = CrdtCodec.of(Codecs.JSON, STRINGS).encode(strings(2_000));
    CrdtDecodeException e = catchThrowableOfType(CrdtDecodeException.class, () -> own.readValue(long_, STRINGS));
    assertThat(e.rule()).isEqualTo("the document is longer than 2000 bytes (CodecLimits.maxDocumentBytes)");
  }

  @Test
  void anElementNestedDeeperThanTheLimit() {
    String deep = "[".repeat(100) + "]".repeat(100);
    CrdtDecodeException e = failure(new TypeReference<GSet<Object>>() {},
        doc("{'type':'GSet','version':1,'replicas':[],'elements':[" + deep + "]}"));
    assertThat(e.rule()).contains("Document nesting depth (65) exceeds the maximum allowed (64");
  }

  @Test
  void aStringLongerThanTheLimit() {
    CodecLimits limits = CodecLimits.defaults().withMaxStringLength(1_000);
    CrdtDecodeException e = failure(CrdtCodec.of(CrdtMappers.json(limits), STRINGS),
        doc("{'type':'GSet','version':1,'replicas':[],'elements':['" + "x".repeat(1_001) + "']}"));
    assertThat(e.pointer()).isEqualTo("/elements/0");
    assertThat(e.rule()).contains("String value length (1001) exceeds the maximum allowed (1000");
  }

  /** Smile prefixes binary values with their length: a claim of 2 GiB must not become an allocation. */
  @Test
  void aSmileBinaryClaimingTwoGibibytes() {
    CrdtCodec<GSet<byte[]>> codec = CrdtCodec.of(Codecs.SMILE, new TypeReference<GSet<byte[]>>() {});
    String valid = HexFormat.of().formatHex(CrdtCodec.of(Codecs.SMILE, STRINGS).encode(GSet.of("abc")));
    String claim = valid.substring(0, valid.indexOf("42616263")) + "fd0f7f7f7fbf01020304f9fb";
    CrdtDecodeException e = failure(codec, HexFormat.of().parseHex(claim));
    assertThat(e.pointer()).isEqualTo("/elements/0");
    assertThat(e.rule()).contains("expected 2147483647 bytes, only found 6");
  }

  @Test
  void hostileTextIsQuotedEscapedAndCut() {
    String name = "\\u001b[31mred" + "x".repeat(10_000);  // JSON-escaped: the name holds an ESC character
    CrdtDecodeException e = failure(STRINGS,
        doc("{'type':'GSet','version':1,'replicas':[],'" + name + "':1,'elements':[]}"));
    assertThat(e.rule()).startsWith("the GSet document has no field \"\\u001B[31mredxxx").hasSizeLessThan(120);
    assertThat(e.pointer()).startsWith("/\\u001B[31mredxxx").hasSizeLessThan(210);
    assertThat(e.getMessage()).doesNotContain("\u001b").hasSizeLessThan(1_000);
  }

  record Cart(String id, ORSet<String> items) {}

  /** Jackson adds the bean path to the message and passes the exception through unwrapped. */
  @Test
  void insideAUsersBean() {
    String cart = "{'id':'c1','items':{'type':'ORSet','version':1,'replicas':['a'],"
        + "'elements':[[0,9,'milk']],'context':{'clock':[0,1],'cloud':[]}}}";
    CrdtDecodeException e = catchThrowableOfType(CrdtDecodeException.class,
        () -> Codecs.JSON.readValue(doc(cart), Cart.class));
    assertThat(e.pointer()).isEqualTo("/items/elements");
    assertThat(e.getMessage()).contains("beyond its causal context").contains("Cart[\"items\"]");
  }

  @Test
  void limitsMustBePositive() {
    assertThat(List.of(
        catchThrowableOfType(IllegalArgumentException.class, () -> CodecLimits.defaults().withMaxElements(0)),
        catchThrowableOfType(IllegalArgumentException.class, () -> CodecLimits.defaults().withMaxDocumentBytes(-1))))
        .extracting(Throwable::getMessage)
        .containsExactly("codec limit maxElements must be >= 1, got 0", "codec limit maxDocumentBytes must be >= 1, got -1");
  }

  @Test
  void theCodecNeedsTheModule() {
    assertThat(catchThrowableOfType(IllegalArgumentException.class,
        () -> CrdtCodec.of(JsonMapper.builder().build(), STRINGS)))
        .hasMessageContaining("register CrdtkitModule.create()");
    assertThat(CrdtCodec.of(Codecs.PLAIN_JSON, STRINGS).decode(CrdtCodec.of(Codecs.JSON, STRINGS)
        .encode(GSet.of(ReplicaId.of("x").name())))).isEqualTo(GSet.of("x"));
  }
}
