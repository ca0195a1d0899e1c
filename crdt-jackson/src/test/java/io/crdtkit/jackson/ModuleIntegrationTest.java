package io.crdtkit.jackson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.crdtkit.LWWMap;
import io.crdtkit.ORMap;
import io.crdtkit.ORSet;
import io.crdtkit.PNCounter;
import io.crdtkit.clock.HlcTimestamp;
import io.crdtkit.clock.ReplicaId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DefaultTyping;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.dataformat.smile.SmileMapper;

/** The module as users meet it: on their own mappers, inside their own types, with their own serializers. */
class ModuleIntegrationTest {

  static final ReplicaId PHONE = ReplicaId.of("phone");
  static final ReplicaId LAPTOP = ReplicaId.of("laptop");
  static final TypeReference<ORMap<String, PNCounter>> CART = new TypeReference<>() {};

  static final ORMap<String, PNCounter> cart = ORMap.<String, PNCounter>empty(PNCounter.empty())
      .update(PHONE, "milk", qty -> qty.deltaIncrement(PHONE, 2))
      .update(LAPTOP, "eggs", qty -> qty.deltaIncrement(LAPTOP, 6));

  @Test
  void registeredInOneLine_onJsonAndSmileMappers() {
    JsonMapper json = JsonMapper.builder().addModule(CrdtkitModule.create()).build();
    SmileMapper smile = SmileMapper.builder().addModule(CrdtkitModule.create()).build();
    assertThat(json.readValue(json.writeValueAsString(cart), CART)).isEqualTo(cart);
    assertThat(smile.readValue(smile.writeValueAsBytes(cart), CART)).isEqualTo(cart);
    assertThat(json.writeValueAsString(cart)).isEqualTo("{\"type\":\"ORMap\",\"version\":2,\"replicas\":"
        + "[\"laptop\",\"phone\"],\"bottom\":{\"increments\":[],\"decrements\":[]},\"entries\":[[0,1,\"eggs\","
        + "{\"increments\":[0,6],\"decrements\":[]}],[1,1,\"milk\",{\"increments\":[1,2],\"decrements\":[]}]],"
        + "\"context\":{\"clock\":[0,1,1,1],\"cloud\":[]}}");
  }

  /** Jackson's ServiceLoader discovery finds the module: a Spring Boot application's mapper needs no code. */
  @Test
  void foundByFindAndAddModules_withTheDefaultLimits() {
    JsonMapper json = JsonMapper.builder().findAndAddModules().build();
    SmileMapper smile = SmileMapper.builder().findAndAddModules().build();
    assertThat(json.registeredModules()).anySatisfy(module -> assertThat(module).isInstanceOfSatisfying(
        CrdtkitModule.class, crdtkit -> assertThat(crdtkit.limits()).isEqualTo(CodecLimits.defaults())));
    assertThat(json.readValue(json.writeValueAsString(cart), CART)).isEqualTo(cart);
    assertThat(smile.readValue(smile.writeValueAsBytes(cart), CART)).isEqualTo(cart);
    assertThat(json.writeValueAsString(cart))
        .isEqualTo(JsonMapper.builder().addModule(CrdtkitModule.create()).build().writeValueAsString(cart));
  }

  record Profile(ReplicaId owner, Map<ReplicaId, Long> seen, LWWMap<String, String> settings, ORSet<Item> cart) {}

  @Test
  void crdtsAndReplicaIdsInsideAUsersOwnRecord() {
    Profile profile = new Profile(PHONE, Map.of(PHONE, 3L, LAPTOP, 1L),
        LWWMap.<String, String>empty().put(HlcTimestamp.of(1_732_872_000_000L, 0, PHONE), "theme", "dark"),
        ORSet.<Item>empty().add(PHONE, new Item("sku-1", 2)));
    for (var mapper : java.util.List.of(Codecs.JSON, Codecs.SMILE)) {
      assertThat(mapper.readValue(mapper.writeValueAsBytes(profile), Profile.class)).isEqualTo(profile);
    }
    String json = Codecs.JSON.writeValueAsString(profile);
    assertThat(json).startsWith("{\"owner\":\"phone\",\"seen\":{").contains("\"phone\":3", "\"laptop\":1");
    // A set of one add takes version 3's one-add form (FORMAT.md, "ORSet"), in a record as anywhere.
    assertThat(json).contains("\"cart\":{\"type\":\"ORSet\",\"version\":3,\"replicas\":[\"phone\"],"
        + "\"add\":[0,1,{\"sku\":\"sku-1\",\"quantity\":2}]}");
  }

  /**
   * Default typing would put class names inside the user's values (a list element's items) and read them from
   * input, the classic way to make a decoder instantiate a class of the attacker's choice: refused both ways.
   */
  @Test
  void aMapperWithDefaultTypingIsRefused() {
    JsonMapper typing = JsonMapper.builder()
        .activateDefaultTyping(BasicPolymorphicTypeValidator.builder().allowIfBaseType(Object.class).build(),
            DefaultTyping.NON_FINAL)
        .addModule(CrdtkitModule.create())
        .build();
    assertThat(catchThrowable(() -> typing.writeValueAsString(cart)))
        .isInstanceOf(DatabindException.class).hasMessageContaining("never carry class names");
    CrdtDecodeException e = catchThrowableOfType(CrdtDecodeException.class,
        () -> typing.readValue(Codecs.JSON.writeValueAsString(cart), CART));
    assertThat(e.rule()).contains("this mapper has default typing activated");
  }

  /** Values of a declared {@code Object} type are written by their runtime class, never with a type id. */
  @Test
  void noClassNamesForObjectTypedElements() {
    ORSet<Object> mixed = ORSet.empty().add(PHONE, (Object) "text").add(PHONE, 42)
        .add(PHONE, java.util.List.of(new Item("a", 1)));
    String json = Codecs.JSON.writerFor(new TypeReference<ORSet<Object>>() {}).writeValueAsString(mixed);
    assertThat(json).isEqualTo("{\"type\":\"ORSet\",\"version\":2,\"replicas\":[\"phone\"],\"elements\":"
        + "[[0,1,\"text\",1,42,1,[{\"sku\":\"a\",\"quantity\":1}]]],\"context\":{\"clock\":[0,3],\"cloud\":[]}}");
  }

  /** Elements go through whatever serializer the mapper has for their type, the user's own included. */
  @Test
  void elementsUseTheMappersOwnSerializers() {
    SimpleModule compactItems = new SimpleModule("compact items")
        .addSerializer(Item.class, new ValueSerializer<>() {
          @Override
          public void serialize(Item item, JsonGenerator generator, SerializationContext context) {
            generator.writeString(item.sku() + "*" + item.quantity());
          }
        })
        .addDeserializer(Item.class, new ValueDeserializer<>() {
          @Override
          public Item deserialize(JsonParser parser, DeserializationContext context) {
            String[] parts = parser.getString().split("\\*");
            return new Item(parts[0], Integer.parseInt(parts[1]));
          }
        });
    JsonMapper mapper = CrdtMappers.jsonBuilder(CodecLimits.defaults()).addModule(compactItems).build();
    TypeReference<ORSet<Item>> items = new TypeReference<>() {};
    ORSet<Item> set = ORSet.<Item>empty().add(PHONE, new Item("sku-1", 2)).add(LAPTOP, new Item("sku-2", 5));
    String json = mapper.writerFor(items).writeValueAsString(set);
    assertThat(json).contains("\"sku-1*2\"", "\"sku-2*5\"");
    assertThat(mapper.readValue(json, items)).isEqualTo(set);
  }

  @Test
  void prettyPrintedDocumentsDecodeToo_andEncodingIsTheSameOnEveryMapperInstance() {
    String pretty = Codecs.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(cart);
    assertThat(pretty).contains("\n");
    assertThat(Codecs.JSON.readValue(pretty, CART)).isEqualTo(cart);
    assertThat(CrdtMappers.smile().writeValueAsBytes(cart)).isEqualTo(CrdtMappers.smile().writeValueAsBytes(cart));
  }

  @Test
  void aReplicaIdIsAPlainString() {
    assertThat(Codecs.JSON.writeValueAsString(PHONE)).isEqualTo("\"phone\"");
    assertThat(Codecs.JSON.readValue("\"phone\"", ReplicaId.class)).isEqualTo(PHONE);
    CrdtDecodeException e = catchThrowableOfType(CrdtDecodeException.class,
        () -> Codecs.JSON.readValue("\"two words\"", ReplicaId.class));
    assertThat(e.rule()).startsWith("not a valid replica id");
  }

  @Test
  void aRawTypeReadsElementsAsJacksonsUntypedValues() {
    ORSet<?> raw = Codecs.JSON.readValue(Codecs.JSON.writeValueAsString(ORSet.<String>empty().add(PHONE, "x")),
        ORSet.class);
    assertThat(raw).isEqualTo(ORSet.<String>empty().add(PHONE, "x"));
  }
}
