package io.crdtkit.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.DWFlag;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.gc.GarbageCollector;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The DWFlag page (type-dwflag.adoc): its timeline and snippets, and what they claim. */
class DWFlagPageTest {

  private static final ReplicaId ALICE = ReplicaId.of("alice");
  private static final ReplicaId BOB = ReplicaId.of("bob");

  @Test
  void theKillSwitchWinsTheRace() {
    Timeline<DWFlag> run = Timeline.of("DWFlag", DWFlag.empty(), flag -> Show.flag(flag.value()), ALICE, BOB)
        .update(ALICE, "enable", flag -> flag.enable(ALICE))
        .merge(ALICE, BOB)
        .update(ALICE, "disable: kill switch", flag -> flag.disable(ALICE))
        .meanwhile(BOB, "enable", flag -> flag.enable(BOB))
        .merge(BOB, ALICE)
        .merge(ALICE, BOB)
        .update(BOB, "enable, later", flag -> flag.enable(BOB))
        .merge(BOB, ALICE)
        .outcome("The disable wins over the enable it raced: off on both. An enable made after seeing the"
            + " disable is not racing it, and turns the flag back on.");

    assertThat(run.events().get(5).valueAfter()).isEqualTo("off");
    assertThat(run.state(ALICE).value()).isTrue();
    assertThat(run.converged()).isTrue();
    TimelineSvg.write("dwflag", run);
  }

  @Test
  void theApi() {
    // tag::api[]
    DWFlag payments = DWFlag.empty()
        .enable(ALICE);                   // mutators take the updating replica

    payments.value();                     // true
    DWFlag delta = payments.deltaDisable(BOB);   // the kill switch, as a delta to send
    payments.merge(delta).value();        // false
    // end::api[]

    assertThat(payments.value()).isTrue();
    assertThat(payments.merge(delta)).isEqualTo(payments.disable(BOB));
    assertThat(payments.merge(delta).value()).isFalse();
  }

  @Test
  void theMetadataAndWhatGcCollects() {
    // tag::metadata[]
    DWFlag payments = DWFlag.empty().enable(ALICE).disable(BOB);

    payments.tombstones();   // 1: the disable token, kept while an enable could race it
    // end::metadata[]
    GarbageCollector<DWFlag> gc = Stability.everyoneHasMerged(payments, ALICE, List.of(ALICE, BOB));
    // tag::gc[]

    // gc: alice's GarbageCollector (crdt-gc); every member has merged this state
    // and said so in its reports
    DWFlag collected = gc.afterChange(payments);
    gc.status().stableCut();       // {alice:1, bob:1}: every replica has merged these
    collected.tombstones();        // 0: stable, and off: nothing to keep
    collected.value();             // false
    // end::gc[]

    assertThat(gc.status().stableCut().toString()).isEqualTo("{alice:1, bob:1}");

    assertThat(payments.parts().enables()).isEmpty();
    assertThat(payments.parts().disables()).containsExactly(Dot.of(BOB, 1));
    assertThat(payments.tombstones()).isEqualTo(1);
    assertThat(collected.parts().disables()).isEmpty();
    assertThat(collected.tombstones()).isZero();
    assertThat(collected.value()).isFalse();
  }

  @Test
  void aDisableFromAReplicaThatNeverSawTheFlagOnStillWins() {
    DWFlag disabledBlind = DWFlag.empty().disable(BOB);
    assertThat(disabledBlind.tombstones()).isEqualTo(1);
    assertThat(disabledBlind.merge(DWFlag.empty().enable(ALICE)).value()).isFalse();
  }
}
