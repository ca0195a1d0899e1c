package io.crdtkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * A remove that changes nothing (of an absent element, of a disabled flag) still refuses a null replica: the same
 * call must not be accepted or refused depending on the state it meets.
 */
class NoOpRemovesRefuseANullReplicaTest {

  @Test
  void orSetRemovesAndClears() {
    ORSet<String> empty = ORSet.empty();
    assertThatThrownBy(() -> empty.remove(null, "milk")).isInstanceOf(NullPointerException.class)
        .hasMessage("replica");
    assertThatThrownBy(() -> empty.deltaRemove(null, "milk")).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> empty.clear(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> empty.deltaClear(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void enableWinsFlagDisables() {
    assertThatThrownBy(() -> EWFlag.empty().disable(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("replica");
    assertThatThrownBy(() -> EWFlag.empty().deltaDisable(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void orMapRemoves() {
    ORMap<String, PNCounter> empty = ORMap.empty(PNCounter.empty());
    assertThatThrownBy(() -> empty.remove(null, "milk")).isInstanceOf(NullPointerException.class)
        .hasMessage("replica");
    assertThatThrownBy(() -> empty.deltaRemove(null, "milk")).isInstanceOf(NullPointerException.class);
  }
}
