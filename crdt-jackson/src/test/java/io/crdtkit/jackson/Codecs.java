package io.crdtkit.jackson;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.smile.SmileMapper;

/** The mappers the tests encode with, and helpers to rewrite JSON the way stores do. */
final class Codecs {

  static final JsonMapper JSON = CrdtMappers.json();
  static final SmileMapper SMILE = CrdtMappers.smile();
  /** A user's own mapper: the module in one line, no other configuration. */
  static final JsonMapper PLAIN_JSON = JsonMapper.builder().addModule(CrdtkitModule.create()).build();
  /** No crdtkit module: reads documents as plain trees. */
  static final JsonMapper TREES = JsonMapper.builder().build();

  private Codecs() {}

  /** JSON written with single quotes, for readable test documents: {@code doc("{'a':[1]}")}. */
  static byte[] doc(String singleQuoted) {
    return singleQuoted.replace('\'', '"').getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The decode failure of {@code payload} as {@code type} with the JSON codec. */
  static <S> CrdtDecodeException failure(tools.jackson.core.type.TypeReference<S> type, byte[] payload) {
    return failure(CrdtCodec.of(JSON, type), payload);
  }

  static CrdtDecodeException failure(CrdtCodec<?> codec, byte[] payload) {
    return org.assertj.core.api.Assertions.catchThrowableOfType(CrdtDecodeException.class,
        () -> codec.decode(payload));
  }

  static <S> CrdtCodec<S> json(Subject<S> subject) {
    return CrdtCodec.of(JSON, subject.type());
  }

  static <S> CrdtCodec<S> smile(Subject<S> subject) {
    return CrdtCodec.of(SMILE, subject.type());
  }

  static List<CrdtCodec<?>> both(Subject<?> subject) {
    return List.of(json(subject), smile(subject));
  }

  static <S> CrdtCodec<S> codec(ObjectMapper mapper, Subject<S> subject) {
    return CrdtCodec.of(mapper, subject.type());
  }

  /**
   * The JSON with every object's keys reordered as PostgreSQL {@code jsonb} stores them: shorter keys first,
   * then by bytes. A document must read the same after a round trip through such a store.
   */
  static String asJsonbWouldStoreIt(byte[] json) {
    return TREES.writeValueAsString(reordered(TREES.readTree(json)));
  }

  private static JsonNode reordered(JsonNode node) {
    if (node.isObject()) {
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.properties());
      fields.sort(Map.Entry.<String, JsonNode>comparingByKey(
          (a, b) -> a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b)));
      ObjectNode sorted = JsonNodeFactory.instance.objectNode();
      fields.forEach(field -> sorted.set(field.getKey(), reordered(field.getValue())));
      return sorted;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(item -> copy.add(reordered(item)));
      return copy;
    }
    return node;
  }
}
