package io.crdtkit.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.LWWMap;
import io.crdtkit.clock.HlcTimestamp;
import io.crdtkit.clock.HybridLogicalClock;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.gc.GarbageCollector;
import io.vavr.collection.HashMap;
import io.vavr.control.Option;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The LWWMap page (type-lwwmap.adoc): its timeline and snippets, and what they claim. */
class LWWMapPageTest {

  private static final ReplicaId ALICE = ReplicaId.of("alice");
  private static final ReplicaId BOB = ReplicaId.of("bob");

  private static HlcTimestamp at(long millis, ReplicaId replica) {
    return HlcTimestamp.of(millis, 0, replica);
  }

  @Test
  void aRemoveIsAWriteAndTheLaterTimestampWinsWhateverHappenedFirst() {
    Timeline<LWWMap<String, Integer>> run = Timeline.of("LWWMap", LWWMap.<String, Integer>empty(),
            map -> Show.map(map.value(), quantity -> quantity), ALICE, BOB)
        .update(ALICE, "put milk=2 at 999 ms", map -> map.put(at(999, ALICE), "milk", 2))
        .merge(ALICE, BOB)
        .update(BOB, "remove milk at 1001 ms", map -> map.remove(at(1_001, BOB), "milk"))
        .update(ALICE, "put milk=3 at 1000 ms", map -> map.put(at(1_000, ALICE), "milk", 3))
        .merge(BOB, ALICE)
        .merge(ALICE, BOB)
        .outcome("Alice's put came after bob's remove, but her clock was behind his: the remove has the later"
            + " timestamp and wins, on both, and the 3 is dropped without a trace.");

    assertThat(run.state(ALICE).value()).isEqualTo(HashMap.empty());
    assertThat(run.converged()).isTrue();
    TimelineSvg.write("lwwmap", run);
  }

  @Test
  void theApi() {
    // tag::api[]
    HybridLogicalClock clock = HybridLogicalClock.create(ALICE);   // one per replica

    LWWMap<String, String> settings = LWWMap.<String, String>empty()
        .put(clock, "theme", "dark")
        .put(clock, "lang", "fr")
        .remove(clock, "lang");                  // a write too: it leaves a tombstone

    settings.get("theme");                       // Some(dark)
    settings.value();                            // {theme=dark}: a Vavr Map

    LWWMap<String, String> delta = settings.deltaPut(clock, "theme", "light");
    settings.merge(delta).get("theme");          // Some(light)
    // end::api[]

    assertThat(settings.get("theme")).isEqualTo(Option.of("dark"));
    assertThat(settings.value()).isEqualTo(HashMap.of("theme", "dark"));
    assertThat(settings.merge(delta).get("theme")).isEqualTo(Option.of("light"));
  }

  @Test
  void theMetadataAndWhatGcCollects() {
    // tag::metadata[]
    LWWMap<String, String> settings = LWWMap.<String, String>empty()
        .put(at(1_000, ALICE), "theme", "dark")
        .put(at(1_001, ALICE), "lang", "fr")
        .remove(at(1_002, ALICE), "lang");

    settings.tombstones();        // 1: lang; its timestamp must keep beating older puts
    settings.latestTimestamp();   // Some(1002.0@alice)
    // end::metadata[]
    GarbageCollector<LWWMap<String, String>> gc = Stability.everyoneHasMerged(settings, ALICE, List.of(ALICE, BOB));
    // tag::gc[]

    // gc: alice's GarbageCollector (crdt-gc); every member has merged this state
    // and said so in its reports
    LWWMap<String, String> collected = gc.afterChange(settings);
    gc.status().stableCut();       // {alice:3}: every replica has merged these
    collected.tombstones();        // 0
    collected.latestTimestamp();   // Some(1002.0@alice): kept, later writes go past it
    // end::gc[]

    assertThat(gc.status().stableCut().toString()).isEqualTo("{alice:3}");

    assertThat(settings.tombstones()).isEqualTo(1);
    assertThat(settings.latestTimestamp()).isEqualTo(Option.of(at(1_002, ALICE)));
    assertThat(settings.parts().registers().get("theme").get().timestamp()).isEqualTo(Option.of(at(1_000, ALICE)));
    assertThat(settings.parts().dots().mapValues(String::valueOf))
        .isEqualTo(HashMap.of("theme", "alice:1", "lang", "alice:3"));
    assertThat(collected.tombstones()).isZero();
    assertThat(collected.parts().settled()).isEqualTo(HashMap.of("theme", "dark"));
    assertThat(collected.parts().registers()).isEmpty();
    assertThat(collected.latestTimestamp()).isEqualTo(Option.of(at(1_002, ALICE)));
    assertThat(collected.value()).isEqualTo(settings.value());
  }

  @Test
  void aWriteThroughAClockThatIsBehindGoesPastWhatTheMapHasMerged() {
    HybridLogicalClock behind = HybridLogicalClock.create(ALICE, InstantSource.fixed(Instant.ofEpochMilli(1_000)),
        HybridLogicalClock.DEFAULT_MAX_OFFSET);
    LWWMap<String, Integer> removedByBob = LWWMap.<String, Integer>empty().put(at(999, ALICE), "milk", 2)
        .remove(at(5_000, BOB), "milk");
    assertThat(removedByBob.put(behind, "milk", 3).get("milk")).isEqualTo(Option.of(3));
  }
}
