package io.crdtkit.jackson;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * What the codec promises for every type, checked over reachable states: JSON and Smile round trips that give
 * back an equal state which passes its type's invariants, identical bytes for equal states however they were
 * built, bytes that do not depend on whether the declared type was given, and documents that survive a store
 * reordering their keys.
 */
abstract class CodecContract<S> {

  abstract Subject<S> subject();

  @Provide
  Arbitrary<List<S>> states() {
    return subject().states();
  }

  @Provide
  Arbitrary<List<S>> equalVariants() {
    return subject().equalVariants();
  }

  @Property
  void jsonRoundTripGivesAnEqualValidState(@ForAll("states") List<S> states) {
    roundTrip(Codecs.json(subject()), states);
  }

  @Property
  void smileRoundTripGivesAnEqualValidState(@ForAll("states") List<S> states) {
    roundTrip(Codecs.smile(subject()), states);
  }

  @Property
  void equalStatesBuiltInDifferentOrdersEncodeToIdenticalBytes(@ForAll("equalVariants") List<S> variants) {
    for (CrdtCodec<S> codec : List.of(Codecs.json(subject()), Codecs.smile(subject()))) {
      byte[] first = codec.encode(variants.get(0));
      for (S variant : variants) {
        assertThat(variant).isEqualTo(variants.get(0));
        assertThat(codec.encode(variant)).isEqualTo(first);
      }
    }
  }

  @Property
  void bytesDoNotDependOnWhetherTheDeclaredTypeWasGiven(@ForAll("states") List<S> states) {
    CrdtCodec<S> declared = Codecs.codec(Codecs.PLAIN_JSON, subject());
    for (S state : states) {
      assertThat(Codecs.PLAIN_JSON.writeValueAsBytes(state)).isEqualTo(declared.encode(state));
      assertThat(Codecs.SMILE.writeValueAsBytes(state)).isEqualTo(Codecs.smile(subject()).encode(state));
    }
  }

  @Property
  void documentsWithKeysReorderedAsJsonbStoresThemDecodeToTheSameState(@ForAll("states") List<S> states) {
    CrdtCodec<S> codec = Codecs.json(subject());
    for (S state : states) {
      String reordered = Codecs.asJsonbWouldStoreIt(codec.encode(state));
      assertThat(Codecs.JSON.readValue(reordered, subject().type())).isEqualTo(state);
    }
  }

  private void roundTrip(CrdtCodec<S> codec, List<S> states) {
    for (S state : states) {
      byte[] bytes = codec.encode(state);
      S decoded = codec.decode(bytes);
      assertThat(decoded).isEqualTo(state);
      assertThat(subject().rebuild().apply(decoded)).isEqualTo(state);
      assertThat(codec.encode(decoded)).as("re-encoded").isEqualTo(bytes);
    }
  }
}
