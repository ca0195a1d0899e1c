package io.crdtkit.jackson;

import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.ORSet;
import io.crdtkit.clock.ReplicaId;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;

/**
 * The elements a remove's delta names travel with it (FORMAT.md, ORSet {@code removed}): they are no part of the
 * set's value, so equality alone would not notice them lost on the way.
 */
class RemovedElementsTest {

  private static final TypeReference<ORSet<String>> TYPE = new TypeReference<>() {};

  @Test
  void aRemovesDeltaKeepsItsNamesInJsonAndSmile() {
    ReplicaId a = ReplicaId.of("a");
    ORSet<String> delta = ORSet.<String>empty().add(a, "milk").add(a, "eggs").deltaRemove(a, "milk");

    ORSet<String> fromJson = Codecs.JSON.readValue(Codecs.JSON.writeValueAsBytes(delta), TYPE);
    ORSet<String> fromSmile = Codecs.SMILE.readValue(Codecs.SMILE.writeValueAsBytes(delta), TYPE);

    assertThat(fromJson.parts().removed()).containsExactly("milk");
    assertThat(fromSmile.parts().removed()).containsExactly("milk");
    assertThat(fromJson).isEqualTo(delta);
    assertThat(Codecs.JSON.writeValueAsString(ORSet.<String>empty().add(a, "milk"))).doesNotContain("removed");
  }
}
