package io.crdtkit.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.EWFlag;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.gc.GarbageCollector;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The EWFlag page (type-ewflag.adoc): its timeline and snippets, and what they claim. */
class EWFlagPageTest {

  private static final ReplicaId ALICE = ReplicaId.of("alice");
  private static final ReplicaId BOB = ReplicaId.of("bob");

  @Test
  void anEnableRacingADisableWins() {
    Timeline<EWFlag> run = Timeline.of("EWFlag", EWFlag.empty(), flag -> Show.flag(flag.value()), ALICE, BOB)
        .update(ALICE, "enable", flag -> flag.enable(ALICE))
        .merge(ALICE, BOB)
        .update(ALICE, "disable", flag -> flag.disable(ALICE))
        .meanwhile(BOB, "enable", flag -> flag.enable(BOB))
        .merge(BOB, ALICE)
        .merge(ALICE, BOB)
        .outcome("Alice's disable had not seen bob's enable, so it cannot turn it off: enable wins, and the flag"
            + " is on on both.");

    assertThat(run.state(ALICE).value()).isTrue();
    assertThat(run.converged()).isTrue();
    TimelineSvg.write("ewflag", run);
  }

  @Test
  void theApi() {
    // tag::api[]
    EWFlag beta = EWFlag.empty()
        .enable(ALICE)                    // mutators take the updating replica
        .disable(BOB);                    // turns off the enables it has seen

    beta.value();                         // false
    EWFlag delta = beta.deltaEnable(BOB);
    beta.merge(delta).value();            // true
    // end::api[]

    assertThat(beta.value()).isFalse();
    assertThat(beta.merge(delta)).isEqualTo(beta.enable(BOB));
    assertThat(beta.merge(delta).value()).isTrue();
  }

  @Test
  void theMetadataAndWhatGcCollects() {
    // tag::metadata[]
    EWFlag beta = EWFlag.empty().enable(ALICE)
        .merge(EWFlag.empty().enable(BOB));       // two concurrent enables

    beta.context();        // {alice:1, bob:1}: each enable has a dot; both keep it on
    // end::metadata[]
    GarbageCollector<EWFlag> gc = Stability.everyoneHasMerged(beta, ALICE, List.of(ALICE, BOB));
    // tag::gc[]

    // gc: alice's GarbageCollector (crdt-gc); every member has merged this state
    // and said so in its reports
    EWFlag collected = gc.afterChange(beta);
    gc.status().collapseCut();     // {alice:1, bob:1}: known stable everywhere
    collected.value();             // true: on, with no dot to show for it
    // end::gc[]

    assertThat(gc.status().collapseCut().toString()).isEqualTo("{alice:1, bob:1}");

    assertThat(beta.context().toString()).isEqualTo("{alice:1, bob:1}");
    assertThat(beta.parts().enables()).containsExactly(Dot.of(ALICE, 1), Dot.of(BOB, 1));
    assertThat(collected.parts().enables()).isEmpty();
    assertThat(collected.parts().collapsed()).isTrue();
    assertThat(collected.value()).isTrue();
  }

  @Test
  void aDisableTurnsOffOnlyWhatItHasSeen() {
    EWFlag disabledEarly = EWFlag.empty().disable(BOB);
    assertThat(disabledEarly.merge(EWFlag.empty().enable(ALICE)).value()).isTrue();
  }
}
