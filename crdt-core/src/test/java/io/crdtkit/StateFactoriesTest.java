package io.crdtkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.HlcTimestamp;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.TreeMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The public factories that rebuild a state from its parts (what decoders and snapshot restores call) refuse a
 * state that breaks an invariant merge relies on, and say which rule and which entry. That each factory gives back
 * an equal state for every reachable state is a property in each type's *Properties class.
 */
class StateFactoriesTest {

  private static final ReplicaId A = ReplicaId.of("a");
  private static final ReplicaId B = ReplicaId.of("b");
  private static final CausalContext SEEN_A2 = CausalContext.of(VectorClock.of(Map.of(A, 2L)));

  @Nested
  class CausalTypes {

    @Test
    void anORSetElementWithoutDotsIsRefused() {
      assertThatThrownBy(() -> ORSet.of(HashMap.of("milk", List.<Dot>empty()), SEEN_A2))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("ORSet")
          .hasMessageContaining("element milk has no dots");
    }

    @Test
    void aDotBeyondTheContextIsRefused() {
      assertThatThrownBy(() -> ORSet.of(HashMap.of("milk", List.of(Dot.of(A, 3))), SEEN_A2))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("element milk holds dot a:3, which is beyond its causal context {a:2}");
    }

    @Test
    void aDotHeldByTwoElementsIsRefused() {
      assertThatThrownBy(() -> ORSet.of(HashMap.of("milk", List.of(Dot.of(A, 1)), "eggs", List.of(Dot.of(A, 1))),
          SEEN_A2))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("dot a:1 is held twice");
    }

    @Test
    void aRemoveTokenThatIsAlsoAnAddIsRefused() {
      assertThatThrownBy(() -> RWSet.of(HashMap.of("x", List.of(Dot.of(A, 1))), HashMap.of("x", List.of(Dot.of(A, 1))),
          SEEN_A2))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("RWSet: dot a:1 is held twice, by adds of x and by removes of x");
    }

    @Test
    void anRWSetElementWithNeitherAddsNorRemovesIsRefused() {
      assertThatThrownBy(() -> RWSet.of(HashMap.of("x", List.<Dot>empty()), HashMap.empty(), SEEN_A2))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("element x has no dots");
    }

    @Test
    void flagsAndRegistersCheckTheirDotsToo() {
      assertThatThrownBy(() -> EWFlag.of(List.of(Dot.of(B, 1)), SEEN_A2))
          .hasMessageContaining("EWFlag: enables holds dot b:1");
      assertThatThrownBy(() -> DWFlag.of(List.of(Dot.of(A, 1)), List.of(Dot.of(A, 1)), SEEN_A2))
          .hasMessageContaining("DWFlag: dot a:1 is held twice");
      assertThatThrownBy(() -> MVRegister.of(TreeMap.of(Dot.of(A, 5), "red"), SEEN_A2))
          .hasMessageContaining("MVRegister: write of red holds dot a:5");
    }

    @Test
    void aNestedValueThatSawMoreThanItsMapIsRefused() {
      ORSet<String> nested = ORSet.<String>empty().add(B, "milk");
      assertThatThrownBy(() -> ORMap.of(ORSet.<String>empty(), HashMap.of("cart", TreeMap.of(Dot.of(A, 1), nested)),
          SEEN_A2))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("the delta of key cart under a:1 has seen dots beyond the map's causal context");
    }

    @Test
    void anORMapKeyWithoutUpdatesIsRefused() {
      assertThatThrownBy(() -> ORMap.of(PNCounter.empty(), HashMap.of("milk", TreeMap.<Dot, PNCounter>empty()),
          SEEN_A2))
          .hasMessageContaining("ORMap: key milk has no dots");
    }

    @Test
    void aValidStateIsRebuiltExactly() {
      ORSet<String> set = ORSet.<String>empty().add(A, "milk").add(B, "eggs").remove(A, "milk");
      assertThat(ORSet.of(set.entries(), set.context())).isEqualTo(set);
    }
  }

  @Nested
  class OtherTypes {

    @Test
    void aTwoPhaseSetRemovedElementMustHaveBeenAdded() {
      assertThatThrownBy(() -> TwoPhaseSet.of(List.of("a"), List.of("b")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("removed element b is not among the added ones");
    }

    @Test
    void anLWWMapRegisterThatWasNeverWrittenIsRefused() {
      assertThatThrownBy(() -> LWWMap.of(HashMap.of("theme", LWWRegister.<String>empty())))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("key theme holds a register that was never written");
      assertThat(LWWMap.of(HashMap.of("theme", LWWRegister.of(HlcTimestamp.of(1, 0, A), "dark"))).get("theme"))
          .contains("dark");
    }

    @Test
    void anLWWMapDotMustBeSeenHeldOnceAndBelongToARegister() {
      LWWRegister<String> dark = LWWRegister.of(HlcTimestamp.of(1, 0, A), "dark");
      LWWRegister<String> en = LWWRegister.of(HlcTimestamp.of(2, 0, A), "en");

      assertThatThrownBy(() -> LWWMap.of(HashMap.of("theme", dark), HashMap.of("theme", Dot.of(A, 3)), SEEN_A2))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("LWWMap: key theme holds dot a:3, which is beyond its causal context {a:2}");
      assertThatThrownBy(() -> LWWMap.of(HashMap.of("theme", dark), HashMap.of("lang", Dot.of(A, 1)), SEEN_A2))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("a dot is given for key lang, which holds no register");
      assertThatThrownBy(() -> LWWMap.of(HashMap.of("theme", dark, "lang", en),
          HashMap.of("theme", Dot.of(A, 1), "lang", Dot.of(A, 1)), SEEN_A2))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("LWWMap: dot a:1 is held twice");
    }

    @Test
    void aNegativeCounterEntryIsRefused() {
      assertThatThrownBy(() -> GCounter.of(Map.of(A, -1L)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("must be >= 0, got -1 for a");
    }
  }
}
