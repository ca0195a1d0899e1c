package io.crdtkit.jackson;

import static io.crdtkit.jackson.Codecs.doc;
import static io.crdtkit.jackson.Codecs.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.DWFlag;
import io.crdtkit.GCounter;
import io.crdtkit.GSet;
import io.crdtkit.LWWMap;
import io.crdtkit.LWWRegister;
import io.crdtkit.ORMap;
import io.crdtkit.ORSet;
import io.crdtkit.TwoPhaseSet;
import io.crdtkit.clock.ReplicaId;
import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;

/**
 * Each rule a document can break, with the pointer and the rule the {@link CrdtDecodeException} names. Documents
 * are written by hand, in single-quoted JSON for readability.
 */
class DecodeErrorTest {

  static final TypeReference<ORSet<String>> OR_SET = new TypeReference<>() {};

  static final TypeReference<LWWMap<String, Integer>> LWW_MAP = new TypeReference<>() {};

  /** An LWWMap document with key k put at 5.0@a and key gone removed at 7.0@a, then these fields. */
  static byte[] lwwMap(String dotsAndContext) {
    return doc("{'type':'LWWMap','version':1,'replicas':['a'],'entries':[5,0,0,'k',1],'removed':[7,0,0,'gone']"
        + dotsAndContext + "}");
  }

  /** An ORSet document with this body, after a valid envelope with replicas a and b. */
  static byte[] orSet(String body) {
    return doc("{'type':'ORSet','version':1,'replicas':['a','b']," + body + "}");
  }

  @Nested
  class BrokenInvariants {

    @Test
    void aDotBeyondItsContext() {
      CrdtDecodeException e = failure(OR_SET, orSet("'elements':[[0,5,'milk']],'context':{'clock':[0,1],'cloud':[]}"));
      assertThat(e.pointer()).isEqualTo("/elements");
      assertThat(e.rule()).contains("element milk holds dot a:5, which is beyond its causal context {a:1}");
    }

    @Test
    void aNegativeCounterEntry() {
      CrdtDecodeException e = failure(new TypeReference<GCounter>() {},
          doc("{'type':'GCounter','version':1,'replicas':['a'],'counts':[0,-5]}"));
      assertThat(e.pointer()).isEqualTo("/counts/1");
      assertThat(e.rule()).isEqualTo("the count of a in the counts must be between 1 and 9223372036854775807, found -5");
    }

    @Test
    void aZeroCounterEntry_whichIsNeverWritten() {
      CrdtDecodeException e = failure(new TypeReference<GCounter>() {},
          doc("{'type':'GCounter','version':1,'replicas':['a'],'counts':[0,0]}"));
      assertThat(e.rule()).contains("must be between 1 and");
    }

    @Test
    void aDotHeldTwice_byAnEnableAndADisable() {
      CrdtDecodeException e = failure(new TypeReference<DWFlag>() {}, doc("{'type':'DWFlag','version':1,"
          + "'replicas':['a'],'enables':[[0,1]],'disables':[[0,1]],'context':{'clock':[0,1],'cloud':[]}}"));
      assertThat(e.pointer()).isEqualTo("/enables");
      assertThat(e.rule()).contains("dot a:1 is held twice, by enables and by disables");
    }

    @Test
    void aDotRepeatedWithinAGroup_aStepOfZero() {
      CrdtDecodeException e = failure(OR_SET, orSet("'elements':[[0,1,'x',0,'y']],'context':{'clock':[0,1],'cloud':[]}"));
      assertThat(e.pointer()).isEqualTo("/elements/0/3");
      assertThat(e.rule()).startsWith("a counter step in the elements must be between 1 and");
    }

    @Test
    void aReplicaWithTwoDotGroups() {
      CrdtDecodeException e = failure(OR_SET,
          orSet("'elements':[[0,1,'x'],[0,2,'y']],'context':{'clock':[0,3],'cloud':[]}"));
      assertThat(e.pointer()).isEqualTo("/elements/1/0");
      assertThat(e.rule()).contains("must be in ascending replica order, one per replica");
    }

    /** An ORSet element is only ever written with a dot; the nearest thing to an element without one. */
    @Test
    void aDotGroupWithoutDots() {
      CrdtDecodeException e = failure(OR_SET, orSet("'elements':[[0]],'context':{'clock':[],'cloud':[]}"));
      assertThat(e.pointer()).isEqualTo("/elements/0");
      assertThat(e.rule()).isEqualTo("a dot group in the elements holds no dot");
    }

    @Test
    void aDotWithoutItsElement() {
      CrdtDecodeException e = failure(OR_SET, orSet("'elements':[[0,1]],'context':{'clock':[0,1],'cloud':[]}"));
      assertThat(e.rule()).isEqualTo("a value in the elements is missing");
    }

    @Test
    void aContextThatIsNotCompacted() {
      CrdtDecodeException e = failure(OR_SET, orSet("'elements':[],'context':{'clock':[0,2],'cloud':[[0,3]]}"));
      assertThat(e.pointer()).isEqualTo("/context/cloud");
      assertThat(e.rule()).contains("the cloud holds a dot that the clock covers or continues");
    }

    @Test
    void aTwoPhaseSetElementBothPresentAndRemoved() {
      CrdtDecodeException e = failure(new TypeReference<TwoPhaseSet<String>>() {},
          doc("{'type':'TwoPhaseSet','version':1,'replicas':[],'elements':['x'],'removed':['x']}"));
      assertThat(e.pointer()).isEqualTo("/removed");
      assertThat(e.rule()).isEqualTo("a removed element is also listed as present");
    }

    @Test
    void aGSetElementListedTwice() {
      CrdtDecodeException e = failure(new TypeReference<GSet<String>>() {},
          doc("{'type':'GSet','version':1,'replicas':[],'elements':['x','y','x']}"));
      assertThat(e.pointer()).isEqualTo("/elements/2");
      assertThat(e.rule()).isEqualTo("an item of the elements appears twice");
    }

    @Test
    void anLWWMapKeyListedTwice() {
      CrdtDecodeException e = failure(new TypeReference<LWWMap<String, Integer>>() {}, doc("{'type':'LWWMap',"
          + "'version':1,'replicas':['a'],'entries':[5,0,0,'k',1],'removed':[7,0,0,'k']}"));
      assertThat(e.pointer()).isEqualTo("/removed/3");
      assertThat(e.rule()).isEqualTo("a key appears twice in the map");
    }

    @Test
    void anLWWMapDotBeyondItsContext() {
      CrdtDecodeException e = failure(LWW_MAP, lwwMap(",'dots':[[0,3,0]],'context':{'clock':[0,2],'cloud':[]}"));
      assertThat(e.pointer()).isEqualTo("/dots");
      assertThat(e.rule()).contains("LWWMap: key k holds dot a:3, which is beyond its causal context {a:2}");
    }

    /** Dots name entries by position (entries, then removed keys): the nearest thing to a key without register. */
    @Test
    void anLWWMapDotForAnEntryThatDoesNotExist() {
      CrdtDecodeException e = failure(LWW_MAP, lwwMap(",'dots':[[0,1,2]],'context':{'clock':[0,1],'cloud':[]}"));
      assertThat(e.pointer()).isEqualTo("/dots");
      assertThat(e.rule()).isEqualTo("dot a:1 records entry 2, but the map has 2 (the entries, then the removed keys,"
          + " counted from 0)");
    }

    @Test
    void anLWWMapEntryWithTwoDots() {
      CrdtDecodeException e = failure(LWW_MAP, lwwMap(",'dots':[[0,1,1,1,0]],'context':{'clock':[0,2],'cloud':[]}"));
      assertThat(e.pointer()).isEqualTo("/dots/0/4");
      assertThat(e.rule()).isEqualTo("entry 1 has two dots in the dots, a:1 and a:2");
    }

    @Test
    void anLWWMapDotTwice_aStepOfZero() {
      CrdtDecodeException e = failure(LWW_MAP, lwwMap(",'dots':[[0,1,0,0,1]],'context':{'clock':[0,1],'cloud':[]}"));
      assertThat(e.pointer()).isEqualTo("/dots/0/3");
      assertThat(e.rule()).startsWith("a counter step in the dots must be between 1 and");
    }

    @Test
    void anLWWMapsDotsWithoutItsContext_andTheReverse() {
      CrdtDecodeException dotsAlone = failure(LWW_MAP, lwwMap(",'dots':[[0,1,0]]"));
      assertThat(dotsAlone.pointer()).isEqualTo("/dots");
      assertThat(dotsAlone.rule()).startsWith("the dots and the context come together");
      CrdtDecodeException contextAlone = failure(LWW_MAP, lwwMap(",'context':{'clock':[0,1],'cloud':[]}"));
      assertThat(contextAlone.pointer()).isEqualTo("/context");
      assertThat(contextAlone.rule()).startsWith("the dots and the context come together");
    }

    /** A map with an empty context writes neither field, so that it has one encoding. */
    @Test
    void anLWWMapsEmptyContext() {
      CrdtDecodeException e = failure(LWW_MAP, lwwMap(",'dots':[],'context':{'clock':[],'cloud':[]}"));
      assertThat(e.pointer()).isEqualTo("/context");
      assertThat(e.rule()).startsWith("the context is empty");
    }

    /** The latest timestamp is written only when a collected tombstone held it, so it is after every register's. */
    @Test
    void anLWWMapsLatestTimestampThatARegisterHolds() {
      CrdtDecodeException e = failure(LWW_MAP, lwwMap(",'latest':[7,0,0]"));
      assertThat(e.pointer()).isEqualTo("/latest");
      assertThat(e.rule()).startsWith("the latest timestamp 7.0@a is not after every register's");
    }

    @Test
    void anLWWMapsSettledKeyListedTwice() {
      CrdtDecodeException e = failure(LWW_MAP, lwwMap(",'latest':[9,0,0],'settled':['s',1,'s',2]"));
      assertThat(e.pointer()).isEqualTo("/settled/3");
      assertThat(e.rule()).isEqualTo("a key appears twice in the settled keys");
    }

    @Test
    void anLWWMapKeyBothSettledAndWritten() {
      CrdtDecodeException e = failure(LWW_MAP, lwwMap(",'latest':[9,0,0],'settled':['k',2]"));
      assertThat(e.rule()).contains("LWWMap: key k is both settled and written");
    }

    @Test
    void anORSetCollapsedElementWithoutACollapseCut() {
      CrdtDecodeException e =
          failure(OR_SET, orSet("'elements':[],'context':{'clock':[0,1],'cloud':[]},'collapsed':['x']"));
      assertThat(e.rule()).contains("ORSet: collapsed (stable) presence without a collapse cut");
    }

    @Test
    void anLWWMapsStableCutBeyondItsContext() {
      CrdtDecodeException e = failure(LWW_MAP,
          lwwMap(",'dots':[[0,1,0]],'context':{'clock':[0,1],'cloud':[]},'stableCut':[0,2]"));
      assertThat(e.rule()).contains("LWWMap: the stable cut {a:2} is beyond the context");
    }

    @Test
    void aRegisterValueWithoutTimestamp() {
      CrdtDecodeException e = failure(new TypeReference<LWWRegister<String>>() {},
          doc("{'type':'LWWRegister','version':1,'replicas':[],'value':'x'}"));
      assertThat(e.pointer()).isEqualTo("/value");
      assertThat(e.rule()).isEqualTo("a value needs the timestamp of its write");
    }

    @Test
    void twoWritesUnderOneTimestamp_refusedByTheRegistersMerge() {
      CrdtDecodeException e = failure(new TypeReference<ORMap<String, LWWRegister<String>>>() {},
          doc("{'type':'ORMap','version':1,'replicas':['a'],'bottom':{},"
              + "'entries':[[0,1,'k',{'timestamp':[5,0,0],'value':'x'},1,'k',{'timestamp':[5,0,0],'value':'y'}]],"
              + "'context':{'clock':[0,2],'cloud':[]}}"));
      assertThat(e.pointer()).isEqualTo("/entries");
      assertThat(e.rule()).contains("conflicting writes with one timestamp");
    }
  }

  @Nested
  class Envelope {

    @Test
    void anUnknownVersion() {
      CrdtDecodeException e = failure(OR_SET,
          doc("{'type':'ORSet','version':4,'replicas':[],'elements':[],'context':{'clock':[],'cloud':[]}}"));
      assertThat(e.pointer()).isEqualTo("/version");
      assertThat(e.rule()).isEqualTo("format version 4 is not supported: this release reads versions 1 to 3");
    }

    @Test
    void anUnknownVersionIsRefusedBeforeTheBodyIsRead_evenWhenTheBodyComesFirst() {
      CrdtDecodeException e = failure(OR_SET,
          doc("{'elements':'not even an array','version':4,'type':'ORSet','replicas':[],'context':{}}"));
      assertThat(e.rule()).startsWith("format version 4 is not supported");
    }

    @Test
    void aMissingVersion() {
      CrdtDecodeException e = failure(OR_SET,
          doc("{'type':'ORSet','replicas':[],'elements':[],'context':{'clock':[],'cloud':[]}}"));
      assertThat(e.pointer()).isEmpty();
      assertThat(e.rule()).isEqualTo("a document needs field \"version\"");
    }

    @Test
    void anotherType() {
      CrdtDecodeException e = failure(OR_SET, doc("{'type':'GCounter','version':1,'replicas':[],'counts':[]}"));
      assertThat(e.pointer()).isEqualTo("/type");
      assertThat(e.rule()).isEqualTo("the document holds type \"GCounter\", expected ORSet");
    }

    @Test
    void anUnknownField() {
      CrdtDecodeException e = failure(OR_SET, orSet("'elements':[],'extra':1,'context':{'clock':[],'cloud':[]}"));
      assertThat(e.pointer()).isEqualTo("/extra");
      assertThat(e.rule()).isEqualTo("the ORSet document has no field \"extra\"");
    }

    @Test
    void aFieldTwice() {
      CrdtDecodeException e = failure(OR_SET,
          orSet("'elements':[],'elements':[],'context':{'clock':[],'cloud':[]}"));
      assertThat(e.rule()).isEqualTo("field \"elements\" appears twice");
    }

    @Test
    void aMissingBodyField() {
      CrdtDecodeException e = failure(OR_SET, orSet("'elements':[]"));
      assertThat(e.rule()).isEqualTo("the ORSet needs field \"context\"");
    }

    @Test
    void aReplicaIndexOutsideTheTable() {
      CrdtDecodeException e = failure(OR_SET, orSet("'elements':[[2,1,'x']],'context':{'clock':[],'cloud':[]}"));
      assertThat(e.pointer()).isEqualTo("/elements/0/0");
      assertThat(e.rule()).contains("(an index into the replica table) must be between 0 and 1, found 2");
    }

    @Test
    void anUnsortedReplicaTable() {
      CrdtDecodeException e = failure(OR_SET,
          doc("{'type':'ORSet','version':1,'replicas':['b','a'],'elements':[],'context':{'clock':[],'cloud':[]}}"));
      assertThat(e.pointer()).isEqualTo("/replicas/1");
      assertThat(e.rule()).isEqualTo("the replica table must be sorted by id, each id once");
    }

    @Test
    void anInvalidReplicaId() {
      CrdtDecodeException e = failure(OR_SET,
          doc("{'type':'ORSet','version':1,'replicas':['a b'],'elements':[],'context':{'clock':[],'cloud':[]}}"));
      assertThat(e.pointer()).isEqualTo("/replicas/0");
      assertThat(e.rule()).contains("not a valid replica id").contains("U+0020 at index 1");
    }

    @Test
    void fieldsInAnyOrder_asJsonbStoresThem() {
      ORSet<String> decoded = CrdtCodec.of(Codecs.JSON, OR_SET).decode(doc(
          "{'type':'ORSet','context':{'cloud':[],'clock':[0,1]},'version':1,'elements':[[0,1,'x']],'replicas':['a']}"));
      assertThat(decoded).isEqualTo(ORSet.<String>empty().add(ReplicaId.of("a"), "x"));
    }
  }

  @Nested
  class MalformedOrTruncated {

    private final byte[] valid = CrdtCodec.of(Codecs.JSON, OR_SET).encode(
        ORSet.<String>empty().add(ReplicaId.of("a"), "milk").add(ReplicaId.of("b"), "eggs"));

    @Test
    void malformedJson() {
      CrdtDecodeException e = failure(OR_SET, orSet("'elements':[[0,1,'x']]],'context':{}"));
      assertThat(e.rule()).startsWith("malformed input: Unexpected close marker ']'");
    }

    @Test
    void everyTruncationOfAJsonDocument() {
      for (int length = 0; length < valid.length; length++) {
        assertThat(failure(OR_SET, Arrays.copyOf(valid, length))).as("cut at %d", length).isNotNull();
      }
    }

    @Test
    void everyTruncationOfASmileDocument() {
      CrdtCodec<ORSet<String>> smile = CrdtCodec.of(Codecs.SMILE, OR_SET);
      byte[] bytes = smile.encode(CrdtCodec.of(Codecs.JSON, OR_SET).decode(valid));
      for (int length = 0; length < bytes.length; length++) {
        assertThat(failure(smile, Arrays.copyOf(bytes, length))).as("cut at %d", length).isNotNull();
      }
    }

    @Test
    void bytesAfterTheDocument() {
      byte[] trailing = Arrays.copyOf(valid, valid.length + 2);
      trailing[valid.length] = '{';
      trailing[valid.length + 1] = '}';
      assertThat(failure(OR_SET, trailing).rule()).startsWith("malformed input: Trailing token");
    }

    @Test
    void anEmptyPayload_andNull_andAnArray() {
      assertThat(failure(OR_SET, new byte[0]).rule()).startsWith("malformed input: No content to map");
      assertThat(failure(OR_SET, doc("null")).rule()).isEqualTo("the payload is null, not a document");
      assertThat(failure(OR_SET, doc("[1]")).rule()).isEqualTo("the ORSet document must be an object, found an array");
    }

    @Test
    void countersThatAreNotLongs() {
      TypeReference<GCounter> counter = new TypeReference<>() {};
      String prefix = "{'type':'GCounter','version':1,'replicas':['a'],'counts':[0,";
      assertThat(failure(counter, doc(prefix + "1.5]}")).rule()).endsWith("must be an integer, found a decimal number");
      assertThat(failure(counter, doc(prefix + "123456789012345678901234567890]}")).rule())
          .endsWith("found a larger integer");
      assertThat(failure(counter, doc(prefix + "'7']}")).rule()).endsWith("must be an integer, found a string");
    }

    @Test
    void anElementItsDeserializerRefuses() {
      CrdtDecodeException e = failure(new TypeReference<ORSet<Item>>() {},
          orSet("'elements':[[0,1,'not an item']],'context':{'clock':[0,1],'cloud':[]}"));
      assertThat(e.pointer()).isEqualTo("/elements/0/2");
      assertThat(e.rule()).startsWith("a value in the elements is not a valid io.crdtkit.jackson.Item");
    }
  }
}
