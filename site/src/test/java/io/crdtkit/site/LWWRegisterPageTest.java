package io.crdtkit.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crdtkit.LWWRegister;
import io.crdtkit.clock.ClockOffsetException;
import io.crdtkit.clock.HlcTimestamp;
import io.crdtkit.clock.HybridLogicalClock;
import io.crdtkit.clock.ReplicaId;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

/** The LWWRegister page (type-lwwregister.adoc): its timeline and snippets, and what they claim. */
class LWWRegisterPageTest {

  private static final ReplicaId ALICE = ReplicaId.of("alice");
  private static final ReplicaId BOB = ReplicaId.of("bob");

  @Test
  void equalTimestampsGoToTheGreaterReplicaId() {
    Timeline<LWWRegister<String>> run = Timeline.of("LWWRegister", LWWRegister.<String>empty(),
            register -> Show.option(register.value()), ALICE, BOB)
        .update(ALICE, "set red at 1000 ms", register -> register.set(HlcTimestamp.of(1_000, 0, ALICE), "red"))
        .meanwhile(BOB, "set blue at 1000 ms", register -> register.set(HlcTimestamp.of(1_000, 0, BOB), "blue"))
        .merge(BOB, ALICE)
        .merge(ALICE, BOB)
        .outcome("Both wrote at the same instant. The replica id breaks the tie, and bob is greater than alice:"
            + " blue on both, and alice's red is dropped without a trace.");

    assertThat(run.state(ALICE).value()).isEqualTo(Option.of("blue"));
    assertThat(run.converged()).isTrue();
    TimelineSvg.write("lwwregister", run);
  }

  @Test
  void theApi() {
    // tag::api[]
    HybridLogicalClock clock = HybridLogicalClock.create(ALICE);   // one per replica

    LWWRegister<String> theme = LWWRegister.<String>empty()
        .set(clock, "dark");               // stamped with the clock's next timestamp

    theme.value();                         // Some(dark); an empty register: None
    theme.timestamp();                     // Some(...@alice): all its metadata

    LWWRegister<String> delta = theme.deltaSet(clock, "light");   // a later write
    theme.merge(delta).value();            // Some(light): it wins
    theme.clear(clock).value();            // None: a clear is a write too
    // end::api[]

    assertThat(theme.value()).isEqualTo(Option.of("dark"));
    assertThat(theme.timestamp().get().replica()).isEqualTo(ALICE);
    assertThat(theme.merge(delta).value()).isEqualTo(Option.of("light"));
    assertThat(theme.clear(clock).value()).isEqualTo(Option.none());
  }

  @Test
  void pitfalls() {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    // tag::pitfalls[]
    HybridLogicalClock local = HybridLogicalClock.create(ALICE,
        InstantSource.fixed(now), Duration.ofSeconds(1));       // refuses 1 s ahead
    HlcTimestamp fromAFastClock =
        HlcTimestamp.of(now.plusSeconds(60).toEpochMilli(), 0, BOB);

    boolean refused = false;
    try {
      local.check(fromAFastClock);      // where a state arrives: decoder, network
    } catch (ClockOffsetException e) {
      refused = true;                   // merged, it would win every write for a minute
    }
    // end::pitfalls[]

    assertThat(refused).isTrue();
    assertThatThrownBy(() -> local.update(fromAFastClock)).isInstanceOf(ClockOffsetException.class);
    // the clock goes past what it has seen: a write after a merge wins over what was merged
    HlcTimestamp seen = HlcTimestamp.of(now.plusMillis(500).toEpochMilli(), 3, BOB);
    local.update(seen);
    assertThat(local.now().isAfter(seen)).isTrue();
    // an explicit timestamp older than the register's write changes nothing; a clear keeps beating older writes
    LWWRegister<String> red = LWWRegister.<String>empty().set(HlcTimestamp.of(2_000, 0, ALICE), "red");
    assertThat(red.set(HlcTimestamp.of(1_000, 0, BOB), "blue")).isSameAs(red);
    LWWRegister<String> cleared = LWWRegister.cleared(HlcTimestamp.of(2_000, 0, ALICE));
    assertThat(cleared.merge(LWWRegister.<String>empty().set(HlcTimestamp.of(1_000, 0, BOB), "blue")).value())
        .isEqualTo(Option.none());
  }
}
