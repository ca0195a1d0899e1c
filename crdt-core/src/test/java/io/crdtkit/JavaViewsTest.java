package io.crdtkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crdtkit.clock.HlcTimestamp;
import io.crdtkit.clock.ReplicaId;
import io.vavr.collection.HashMap;
import io.vavr.collection.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The {@code valueAsJava()} views: the value, unmodifiable, and no copy of it. */
class JavaViewsTest {

  private static final ReplicaId A = ReplicaId.of("a");
  private static final ReplicaId B = ReplicaId.of("b");

  @Nested
  class EveryTypeViewsItsValue {

    @Test
    void setsViewTheirPresentElements() {
      ORSet<String> orSet = ORSet.<String>empty().add(A, "milk").add(B, "eggs").remove(A, "milk");
      RWSet<String> rwSet = RWSet.<String>empty().add(A, "token").add(B, "grant").remove(A, "token");
      GSet<String> gSet = GSet.of("x", "y");
      TwoPhaseSet<String> twoPhase = TwoPhaseSet.<String>empty().add("x").add("y").remove("x");
      MVRegister<String> register = MVRegister.<String>empty().write(A, "red").merge(MVRegister.<String>empty()
          .write(B, "blue"));

      assertThat(orSet.valueAsJava()).isEqualTo(Set.of("eggs")).isEqualTo(orSet.value().toJavaSet());
      assertThat(rwSet.valueAsJava()).isEqualTo(Set.of("grant"));
      assertThat(gSet.valueAsJava()).isEqualTo(Set.of("x", "y"));
      assertThat(twoPhase.valueAsJava()).isEqualTo(Set.of("y"));
      assertThat(register.valueAsJava()).isEqualTo(Set.of("red", "blue"));
      assertThat(ORSet.<String>empty().valueAsJava()).isEmpty();
    }

    @Test
    void mapsViewTheirLiveEntries() {
      ORMap<String, PNCounter> cart = ORMap.<String, PNCounter>empty(PNCounter.empty())
          .update(A, "milk", quantity -> quantity.deltaIncrement(A, 2))
          .update(B, "eggs", quantity -> quantity.deltaIncrement(B, 6))
          .remove(A, "milk");
      LWWMap<String, String> settings = LWWMap.<String, String>empty()
          .put(HlcTimestamp.of(1, 0, A), "theme", "dark")
          .put(HlcTimestamp.of(2, 0, A), "lang", "en")
          .remove(HlcTimestamp.of(3, 0, B), "lang");

      assertThat(cart.valueAsJava()).isEqualTo(cart.value().toJavaMap()).containsOnlyKeys("eggs");
      assertThat(cart.valueAsJava().get("eggs").value()).isEqualTo(6);
      assertThat(cart.valueAsJava().get("milk")).isNull();
      assertThat(settings.valueAsJava()).isEqualTo(Map.of("theme", "dark"));
      assertThat(settings.valueAsJava().containsKey("lang")).isFalse();
    }

    @Test
    void aViewIsOfOneStateAndLaterStatesLeaveItAlone() {
      ORSet<String> before = ORSet.<String>empty().add(A, "milk");
      Set<String> view = before.valueAsJava();
      before.add(A, "eggs");
      assertThat(view).containsExactly("milk");
    }
  }

  @Nested
  class TheViewsAreUnmodifiable {

    @Test
    void aSetViewRefusesEveryChange() {
      Set<String> view = ORSet.<String>empty().add(A, "milk").valueAsJava();
      assertThatThrownBy(() -> view.add("eggs")).isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> view.remove("milk")).isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(view::clear).isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> view.removeIf(element -> true)).isInstanceOf(UnsupportedOperationException.class);
      var iterator = view.iterator();
      iterator.next();
      assertThatThrownBy(iterator::remove).isInstanceOf(UnsupportedOperationException.class);
      assertThat(view).containsExactly("milk");
    }

    @Test
    void aMapViewRefusesEveryChange() {
      Map<String, String> view = LWWMap.<String, String>empty().put(HlcTimestamp.of(1, 0, A), "theme", "dark")
          .valueAsJava();
      assertThatThrownBy(() -> view.put("lang", "en")).isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> view.remove("theme")).isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(view::clear).isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> view.entrySet().iterator().next().setValue("light"))
          .isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> view.keySet().remove("theme")).isInstanceOf(UnsupportedOperationException.class);
      assertThat(view).isEqualTo(Map.of("theme", "dark"));
    }
  }

  @Nested
  class TheViewsCopyNothing {

    /** A key that counts how often it is hashed: a copy into a Java collection hashes every key once. */
    private record Counted(int id, AtomicInteger hashes) {
      @Override
      public int hashCode() {
        hashes.incrementAndGet();
        return id;
      }

      @Override
      public boolean equals(Object o) {
        return o instanceof Counted other && other.id == id;
      }
    }

    @Test
    void makingASetViewHashesNothingAndAQueryHashesOnlyItsArgument() {
      AtomicInteger hashes = new AtomicInteger();
      io.vavr.collection.Set<Counted> elements = HashSet.range(0, 1_000).map(id -> new Counted(id, hashes));
      hashes.set(0);

      Set<Counted> view = JavaViews.set(elements);
      assertThat(view.size()).isEqualTo(1_000);
      assertThat(hashes).hasValue(0);
      assertThat(view.contains(new Counted(7, hashes))).isTrue();
      assertThat(hashes).hasValue(1);
    }

    @Test
    void makingAMapViewHashesNothingAndAQueryHashesOnlyItsArgument() {
      AtomicInteger hashes = new AtomicInteger();
      io.vavr.collection.Map<Counted, String> entries =
          HashMap.ofEntries(HashSet.range(0, 1_000).map(id -> io.vavr.Tuple.of(new Counted(id, hashes), "v" + id)));
      hashes.set(0);

      Map<Counted, String> view = JavaViews.map(entries);
      assertThat(view.size()).isEqualTo(1_000);
      assertThat(hashes).hasValue(0);
      assertThat(view.get(new Counted(7, hashes))).isEqualTo("v7");
      assertThat(view.containsKey(new Counted(8, hashes))).isTrue();
      assertThat(hashes).hasValue(2);
    }
  }
}
