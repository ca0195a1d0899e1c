package io.crdtkit.jackson;

import static io.crdtkit.jackson.Codecs.doc;
import static io.crdtkit.jackson.Codecs.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.Sequence;
import io.crdtkit.Sequences;
import io.crdtkit.clock.ReplicaId;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;

/**
 * The Sequence codec's scenarios: what the columns look like for the surprising states, and each rule a document
 * can break, with the pointer and the rule the {@link CrdtDecodeException} names. Round trips and fuzzing over
 * random histories are in {@link TypeCodecProperties}, {@link FuzzProperties} and {@link SequenceCodecProperties}.
 */
class SequenceCodecTest {

  static final TypeReference<Sequence<Character>> TEXT = new TypeReference<>() {};
  static final TypeReference<Sequence<String>> STRINGS = new TypeReference<>() {};
  static final ReplicaId A = GoldenVectors.A;
  static final ReplicaId B = GoldenVectors.B;

  /** A text document with replicas a and b, then this body. */
  static byte[] text(String body) {
    return doc("{'type':'Sequence','version':2,'replicas':['a','b']," + body + "}");
  }

  static <S> S roundTrip(TypeReference<S> type, S state) {
    for (CrdtCodec<S> codec : List.of(CrdtCodec.of(Codecs.JSON, type), CrdtCodec.of(Codecs.SMILE, type))) {
      byte[] bytes = codec.encode(state);
      assertThat(codec.decode(bytes)).isEqualTo(state);
      assertThat(codec.encode(codec.decode(bytes))).isEqualTo(bytes);
    }
    return state;
  }

  @Nested
  class Layout {

    @Test
    void aRunLongerThanTheCoreStoresIsOneRunOnTheWire() {
      Sequence<Character> doc = Sequences.insertString(Sequence.empty(), A, 0, "x".repeat(200));
      String json = new String(CrdtCodec.of(Codecs.JSON, TEXT).encode(roundTrip(TEXT, doc)));
      assertThat(doc.parts().runs()).hasSize(4);
      assertThat(json).contains("\"runs\":[[0,997,0]]");          // 5 × 199 + 2: 200 elements under the root
    }

    @Test
    void runsCutByLaterInsertsAreJoinedAgain() {
      Sequence<Character> doc = Sequences.insertString(Sequence.empty(), A, 0, "abcdef");
      doc = Sequences.insertString(doc, B, 3, "XY");             // between c and d: a left child of d
      String json = new String(CrdtCodec.of(Codecs.JSON, TEXT).encode(roundTrip(TEXT, doc)));
      assertThat(Sequences.text(doc)).isEqualTo("abcXYdef");
      assertThat(json).contains("\"runs\":[[0,27,0],[1,9,0,0,4]]").contains("\"text\":[\"abcdefXY\"]");
    }

    @Test
    void anUnpairedSurrogateIsWrittenBesideTheText() {
      Sequence<Character> doc = Sequences.insertString(Sequence.empty(), A, 0, "a\uD83D\uDE00b").delete(A, 1, 1);
      String json = new String(CrdtCodec.of(Codecs.JSON, TEXT).encode(roundTrip(TEXT, doc)));
      assertThat(json).contains("\"text\":[\"ab\"],\"surrogates\":[1,56832]");
    }

    @Test
    void equalStatesWithDifferentRunsEncodeAlike() {
      Sequence<Character> typedAtOnce = Sequences.insertString(Sequence.empty(), A, 0, "abc");
      Sequence<Character> typedKeyByKey = Sequence.<Character>empty().insert(A, 0, 'a').insert(A, 1, 'b')
          .insert(A, 2, 'c');
      CrdtCodec<Sequence<Character>> codec = CrdtCodec.of(Codecs.SMILE, TEXT);
      assertThat(typedKeyByKey).isEqualTo(typedAtOnce);
      assertThat(codec.encode(typedKeyByKey)).isEqualTo(codec.encode(typedAtOnce));
    }

    @Test
    void aSequenceOfCharactersWrittenWithoutItsTypeReadsBackAsText() {
      Sequence<Character> doc = SequenceStates.text();
      byte[] untyped = Codecs.JSON.writeValueAsBytes(doc);
      assertThat(untyped).isEqualTo(CrdtCodec.of(Codecs.JSON, TEXT).encode(doc));
      assertThat(CrdtCodec.of(Codecs.JSON, TEXT).decode(untyped)).isEqualTo(doc);
    }

    @Test
    void everyGoldenStateRoundTrips() {
      roundTrip(TEXT, SequenceStates.text());
      roundTrip(TEXT, SequenceStates.insertDelta());
      roundTrip(TEXT, SequenceStates.deleteDelta());
      roundTrip(TEXT, SequenceStates.pending());
      roundTrip(TEXT, SequenceStates.collected());
      roundTrip(STRINGS, SequenceStates.strings());
      roundTrip(TEXT, Sequence.empty());
    }
  }

  @Nested
  class MalformedDocuments {

    static final String CONTEXT = "'context':{'clock':[0,4],'cloud':[]}";

    @Test
    void aNegativeRunHead() {
      CrdtDecodeException e = failure(TEXT, text("'runs':[[0,-1,0]],'text':['a']," + CONTEXT));
      assertThat(e.pointer()).isEqualTo("/runs/0/1");
      assertThat(e.rule()).startsWith("the head of a run");
    }

    @Test
    void moreTextThanLiveElements() {
      CrdtDecodeException e = failure(TEXT, text("'runs':[[0,2,0]],'text':['ab']," + CONTEXT));
      assertThat(e.pointer()).isEqualTo("/text");
      assertThat(e.rule()).isEqualTo("the text has 2 characters for 1 live elements");
    }

    @Test
    void textForElementsThatAreNotCharacters() {
      CrdtDecodeException e = failure(STRINGS, text("'runs':[[0,2,0]],'text':['a']," + CONTEXT));
      assertThat(e.pointer()).isEqualTo("/text");
      assertThat(e.rule()).contains("\"text\" holds characters, but the elements are java.lang.String");
    }

    @Test
    void anIdBeyondTheContext() {
      CrdtDecodeException e = failure(TEXT, text("'runs':[[0,7,3]],'text':['ab']," + CONTEXT));
      assertThat(e.pointer()).isEqualTo("/runs");
      assertThat(e.rule()).isEqualTo("not a valid Sequence: Sequence: element a:5 is beyond the context");
    }

    @Test
    void aParentFurtherBackThanTheFirstId() {
      CrdtDecodeException e = failure(TEXT, text("'runs':[[0,0,1,3]],'text':['a']," + CONTEXT));
      assertThat(e.pointer()).isEqualTo("/runs/0/3");
      assertThat(e.rule()).isEqualTo("the distance back to the parent of a run must be between 1 and 1, found 3");
    }

    @Test
    void groupsOutOfReplicaOrder() {
      CrdtDecodeException e = failure(TEXT, text("'runs':[[1,2,0],[0,2,0]],'text':['ab'],"
          + "'context':{'clock':[0,1,1,1],'cloud':[]}"));
      assertThat(e.pointer()).isEqualTo("/runs/1/0");
      assertThat(e.rule()).isEqualTo("the groups of runs must be in ascending replica order, one per replica");
    }

    @Test
    void anEmptyGroup() {
      CrdtDecodeException e = failure(TEXT, text("'runs':[[0]],'values':[]," + CONTEXT));
      assertThat(e.rule()).isEqualTo("a group of runs holds no run");
    }

    @Test
    void tombstonesPastTheLastElement() {
      CrdtDecodeException e = failure(TEXT, text("'runs':[[0,2,0]],'values':[],'deleted':[1,1,1]," + CONTEXT));
      assertThat(e.pointer()).isEqualTo("/deleted");
      assertThat(e.rule()).isEqualTo("a range of tombstones ends at element 2, but the runs hold 1");
    }

    @Test
    void aDeleteDotBelowCounterOne() {
      CrdtDecodeException e = failure(TEXT, text("'runs':[[0,2,0]],'values':[],'deleted':[0,1,-1]," + CONTEXT));
      assertThat(e.pointer()).isEqualTo("/deleted");
      assertThat(e.rule()).contains("have counters out of 1 to");
    }

    @Test
    void aDeleteDotBeyondTheContext() {
      CrdtDecodeException e = failure(TEXT, text("'runs':[[0,2,0]],'values':[],'deleted':[0,1,9]," + CONTEXT));
      assertThat(e.pointer()).isEqualTo("/runs");
      assertThat(e.rule()).isEqualTo("not a valid Sequence: Sequence: element a:1 is deleted by a:10, beyond the"
          + " context");
    }

    @Test
    void parentsThatFormACycle() {
      // a:1 a right child of b:1, and b:1 of a:1: the core would keep both waiting for good, out of sight.
      CrdtDecodeException e = failure(TEXT, text("'runs':[[0,3,0,1,1],[1,3,0,0,1]],'text':['xy'],"
          + "'context':{'clock':[0,1,1,1],'cloud':[]}"));
      assertThat(e.pointer()).isEqualTo("/runs");
      assertThat(e.rule()).isEqualTo("the run from a:1 descends from itself: its parents form a cycle");
    }

    @Test
    void textAndValuesTogether() {
      CrdtDecodeException e = failure(TEXT, text("'runs':[[0,2,0]],'text':['a'],'values':['a']," + CONTEXT));
      assertThat(e.rule()).isEqualTo("a Sequence has \"text\" or \"values\", not both");
    }

    @Test
    void aMissingContext() {
      CrdtDecodeException e = failure(TEXT, text("'runs':[],'values':[]"));
      assertThat(e.rule()).isEqualTo("the Sequence needs field \"context\"");
    }

    @Test
    void aRunClaimingMoreElementsThanTheLimitIsRefusedBeforeAnythingIsAllocated() {
      CrdtDecodeException e = failure(TEXT, text("'runs':[[0," + Integer.MAX_VALUE + ",0]],'values':[],"
          + CONTEXT));
      assertThat(e.pointer()).isEqualTo("/runs/0/1");
      assertThat(e.rule()).endsWith("the document holds more than 1000000 items (CodecLimits.maxElements)");
    }

    @Test
    void aSmallerElementLimit() {
      CodecLimits limits = CodecLimits.defaults().withMaxElements(100);
      byte[] doc = CrdtCodec.of(Codecs.JSON, TEXT).encode(
          Sequences.insertString(Sequence.empty(), A, 0, "y".repeat(100)));
      CrdtDecodeException e = failure(CrdtCodec.of(CrdtMappers.json(limits), TEXT), doc);
      assertThat(e.rule()).endsWith("(CodecLimits.maxElements)");
    }

    @Test
    void aTombstoneRangeLongerThanTheLimit() {
      CrdtDecodeException e = failure(TEXT, text("'runs':[[0,2,0]],'values':[],'deleted':[0,"
          + Long.MAX_VALUE + ",1]," + CONTEXT));
      assertThat(e.pointer()).isEqualTo("/deleted/1");
      assertThat(e.rule()).startsWith("the length of a range of tombstones must be between");
    }
  }
}
