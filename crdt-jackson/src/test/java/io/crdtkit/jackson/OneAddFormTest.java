package io.crdtkit.jackson;

import static io.crdtkit.jackson.Codecs.doc;
import static io.crdtkit.jackson.Codecs.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.ORMap;
import io.crdtkit.ORSet;
import io.crdtkit.clock.ReplicaId;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.type.TypeReference;

/**
 * Format version 3's one-add form of an ORSet (FORMAT.md, "ORSet"): what {@code deltaAdd} returns for an element
 * not yet present is written {@code "add": [r, counter, element]}, and only that: every other set keeps the
 * version-2 bytes.
 */
class OneAddFormTest {

  private static final TypeReference<ORSet<String>> OR_SET = new TypeReference<>() {};
  private static final CrdtCodec<ORSet<String>> JSON = CrdtCodec.of(Codecs.JSON, OR_SET);
  private static final CrdtCodec<ORSet<String>> SMILE = CrdtCodec.of(Codecs.SMILE, OR_SET);
  private static final ReplicaId R0 = ReplicaId.of("r0");

  /** The benchmark's set (EncodedSizes.deltaOfOneAdd): {@code size} items added in turn by three replicas. */
  private static ORSet<String> benchmarkSet(int size) {
    List<ReplicaId> writers = List.of(R0, ReplicaId.of("r1"), ReplicaId.of("r2"));
    @SuppressWarnings("unchecked")
    ORSet<String>[] sets = new ORSet[] {ORSet.empty(), ORSet.empty(), ORSet.empty()};
    for (int i = 0; i < size; i++) {
      sets[i % 3] = sets[i % 3].add(writers.get(i % 3), "item-" + i);
    }
    return sets[0].merge(sets[1]).merge(sets[2]);
  }

  /**
   * The target: a one-add delta in at most 60 bytes of Smile, on a 100,000-element set (the counter then
   * takes 4 bytes). A byte count of the canonical encoding, so exact: 59 now (99 in version 2).
   */
  @Test
  void aOneAddDeltaOnALargeSetIsAtMost60BytesOfSmile() {
    ORSet<String> delta = benchmarkSet(100_000).deltaAdd(R0, "fresh-0");
    assertThat(new String(JSON.encode(delta), StandardCharsets.UTF_8))
        .isEqualTo("{\"type\":\"ORSet\",\"version\":3,\"replicas\":[\"r0\"],\"add\":[0,33335,\"fresh-0\"]}");
    assertThat(SMILE.encode(delta)).hasSize(59);
    assertThat(SMILE.decode(SMILE.encode(delta))).isEqualTo(delta);
  }

  @Test
  void aOneAddDeltaRoundTripsAndItsReceiverMergesIt() {
    ORSet<String> set = benchmarkSet(1_000);
    ORSet<String> delta = set.deltaAdd(ReplicaId.of("r1"), "fresh-1");
    for (CrdtCodec<ORSet<String>> codec : List.of(JSON, SMILE)) {
      ORSet<String> decoded = codec.decode(codec.encode(delta));
      assertThat(decoded).isEqualTo(delta);
      assertThat(decoded.context()).isEqualTo(delta.context());
      assertThat(set.merge(decoded)).isEqualTo(set.merge(delta));
      assertThat(codec.encode(decoded)).isEqualTo(codec.encode(delta));
    }
  }

  @Test
  void aStateOfOneAddTakesTheFormToo() {
    ORSet<String> set = ORSet.<String>empty().add(R0, "milk");
    assertThat(new String(JSON.encode(set), StandardCharsets.UTF_8))
        .isEqualTo("{\"type\":\"ORSet\",\"version\":3,\"replicas\":[\"r0\"],\"add\":[0,1,\"milk\"]}");
    assertThat(SMILE.decode(SMILE.encode(set))).isEqualTo(set);
  }

  /** A re-add observed the element's dots, a second add has two dots: neither is one add, both stay version 2. */
  @Test
  void everyOtherSetKeepsItsVersion2Bytes() {
    ORSet<String> one = ORSet.<String>empty().add(R0, "milk");
    List<ORSet<String>> others = List.of(ORSet.empty(), one.deltaAdd(R0, "milk"), one.add(R0, "eggs"),
        one.deltaRemove(R0, "milk"), one.remove(R0, "milk"), one.add(ReplicaId.of("r1"), "milk"));
    for (ORSet<String> other : others) {
      String json = new String(JSON.encode(other), StandardCharsets.UTF_8);
      assertThat(json).as("%s", other).contains("\"version\":2").doesNotContain("\"add\"");
      assertThat(JSON.decode(JSON.encode(other))).isEqualTo(other);
      assertThat(SMILE.decode(SMILE.encode(other))).isEqualTo(other);
    }
  }

  /** Values nested in a map keep the long form: the document they are in is not a one-add set. */
  @Test
  void aNestedOneAddSetKeepsTheLongForm() {
    CrdtCodec<ORMap<String, ORSet<String>>> maps = CrdtCodec.of(Codecs.JSON, new TypeReference<>() {});
    ORMap<String, ORSet<String>> map = ORMap.<String, ORSet<String>>empty(ORSet.empty())
        .deltaUpdate(R0, "k", set -> set.deltaAdd(R0, "x"));
    String json = new String(maps.encode(map), StandardCharsets.UTF_8);
    assertThat(json).contains("\"version\":2").doesNotContain("\"add\"");
    assertThat(maps.decode(maps.encode(map))).isEqualTo(map);
  }

  /** A reader takes the long form of a one-add set in any version (an encoder of version 2 wrote it). */
  @Test
  void theLongFormOfOneAddStillReads() {
    ORSet<String> expected = ORSet.<String>empty().add(R0, "milk");
    for (int version = 1; version <= 3; version++) {
      assertThat(JSON.decode(doc("{'type':'ORSet','version':" + version + ",'replicas':['r0'],"
          + "'elements':[[0,1,'milk']],'context':{'clock':[0,1],'cloud':[]}}"))).isEqualTo(expected);
    }
  }

  @Test
  void theAddFormInADocumentOfAnEarlierVersion() {
    CrdtDecodeException e = failure(OR_SET, doc("{'type':'ORSet','version':2,'replicas':['r0'],'add':[0,1,'x']}"));
    assertThat(e.pointer()).isEqualTo("/add");
    assertThat(e.rule()).isEqualTo("field \"add\" is new in format version 3, this document says version 2");
  }

  @Test
  void theAddFormBeforeTheEnvelope_isCheckedAgainstTheVersionAllTheSame() {
    CrdtDecodeException e = failure(OR_SET, doc("{'add':[0,1,'x'],'type':'ORSet','version':1,'replicas':['r0']}"));
    assertThat(e.pointer()).isEqualTo("/add");
    assertThat(e.rule()).startsWith("field \"add\" is new in format version 3");
    assertThat(JSON.decode(doc("{'add':[0,1,'x'],'type':'ORSet','version':3,'replicas':['r0']}")))
        .isEqualTo(ORSet.<String>empty().add(R0, "x"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"'elements':[]", "'context':{'clock':[],'cloud':[]}", "'floors':['x',[0,1]]",
      "'removed':['y']", "'delivered':{'clock':[],'cloud':[]}", "'stableCut':[0,1]"})
  void theAddFormBesideAnotherField(String other) {
    CrdtDecodeException e = failure(OR_SET,
        doc("{'type':'ORSet','version':3,'replicas':['r0'],'add':[0,1,'x']," + other + "}"));
    assertThat(e.pointer()).isEqualTo("/add");
    assertThat(e.rule())
        .isEqualTo("field \"add\" is the whole set: it cannot stand beside the other fields of an ORSet");
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "[0]", "[0,1]", "[0,1,'x',2]", "[0,1,'x','y']"})
  void anAddWithoutExactlyThreeItems(String add) {
    CrdtDecodeException e = failure(OR_SET, doc("{'type':'ORSet','version':3,'replicas':['r0'],'add':" + add + "}"));
    assertThat(e.rule()).isEqualTo("the add must have exactly 3 items: replica, counter, element");
  }

  @Test
  void anAddThatIsNoArray() {
    CrdtDecodeException e = failure(OR_SET, doc("{'type':'ORSet','version':3,'replicas':['r0'],'add':{}}"));
    assertThat(e.pointer()).isEqualTo("/add");
    assertThat(e.rule()).startsWith("the add must be");
  }

  @Test
  void anAddOfAReplicaBeyondTheTable() {
    CrdtDecodeException e = failure(OR_SET, doc("{'type':'ORSet','version':3,'replicas':['r0'],'add':[1,1,'x']}"));
    assertThat(e.pointer()).isEqualTo("/add/0");
    assertThat(e.rule()).startsWith("the replica of the add (an index into the replica table) must be between 0 and 0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "1.5", "'1'", "99999999999999999999"})
  void anAddWithABadCounter(String counter) {
    CrdtDecodeException e = failure(OR_SET,
        doc("{'type':'ORSet','version':3,'replicas':['r0'],'add':[0," + counter + ",'x']}"));
    assertThat(e.pointer()).isEqualTo("/add/1");
    assertThat(e.rule()).startsWith("the counter of the add must be");
  }

  @Test
  void anAddOfANullElement() {
    CrdtDecodeException e = failure(OR_SET, doc("{'type':'ORSet','version':3,'replicas':['r0'],'add':[0,1,null]}"));
    assertThat(e.pointer()).isEqualTo("/add/2");
    assertThat(e.rule()).isEqualTo("the element of the add must not be null");
  }

  @Test
  void theAddFormTwice() {
    CrdtDecodeException e = failure(OR_SET,
        doc("{'type':'ORSet','version':3,'replicas':['r0'],'add':[0,1,'x'],'add':[0,2,'y']}"));
    assertThat(e.rule()).isEqualTo("field \"add\" appears twice");
  }

  @Test
  void theAddCountsAgainstMaxElements() {
    CrdtCodec<ORSet<String>> tight = CrdtCodec.of(CrdtMappers.json(CodecLimits.defaults().withMaxElements(2)), OR_SET);
    CrdtDecodeException e = failure(tight, doc("{'type':'ORSet','version':3,'replicas':['r0'],'add':[0,1,'x']}"));
    assertThat(e.rule()).contains("CodecLimits.maxElements");
  }
}
