package io.crdtkit.laws.gc;

import static org.assertj.core.api.Assertions.assertThat;

import io.crdtkit.CausalCrdt;
import io.crdtkit.Collectable;
import io.crdtkit.DWFlag;
import io.crdtkit.EWFlag;
import io.crdtkit.LWWMap;
import io.crdtkit.MVRegister;
import io.crdtkit.ORMap;
import io.crdtkit.ORSet;
import io.crdtkit.PNCounter;
import io.crdtkit.RWSet;
import io.crdtkit.laws.CrdtDescription;
import io.crdtkit.laws.GcDifferentialLaw;
import io.crdtkit.laws.GcReport;
import io.crdtkit.laws.types.RoundTrips;
import java.util.stream.Stream;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.type.TypeReference;

/**
 * Every collectable core type through {@link GcDifferentialLaw}: 20,000 schedules in all (2,500 per type) (each run without and with
 * GC), deltas batched and delivered FIFO per sender in any order across senders, anti-entropy, reports, losses,
 * late replays and retirements, every message through crdt-jackson (JSON, then Smile) as crdt-net sends it.
 * {@code crdtkit.gc.differentialSchedules} sets the total (more with -Pdeep).
 */
class GcDifferentialLawTest {

  private static final int SCHEDULES = Integer.getInteger("crdtkit.gc.differentialSchedules", 20_000);

  static Stream<CrdtDescription<?>> types() {
    return Stream.of(
        GcTypes.rwSet().roundTrip(RoundTrips.jsonThenSmile(new TypeReference<RWSet<String>>() {})),
        GcTypes.dwFlag().roundTrip(RoundTrips.jsonThenSmile(new TypeReference<DWFlag>() {})),
        GcTypes.orSet().roundTrip(RoundTrips.jsonThenSmile(new TypeReference<ORSet<String>>() {})),
        GcTypes.ewFlag().roundTrip(RoundTrips.jsonThenSmile(new TypeReference<EWFlag>() {})),
        GcTypes.lwwMap().roundTrip(RoundTrips.jsonThenSmile(new TypeReference<LWWMap<String, Integer>>() {})),
        GcTypes.mvRegister().roundTrip(RoundTrips.jsonThenSmile(new TypeReference<MVRegister<String>>() {})),
        // Nested delta mutators only: a full nested mutator's delta carries the whole value its replica read, and a
        // floor lets a lagging replica read a removal earlier with GC than without (GC.md §6), so the write differs.
        GcTypes.orMapOfCountersByDeltas()
            .roundTrip(RoundTrips.jsonThenSmile(new TypeReference<ORMap<String, PNCounter>>() {})),
        GcTypes.orMapOfSetsByDeltas()
            .roundTrip(RoundTrips.jsonThenSmile(new TypeReference<ORMap<String, ORSet<String>>>() {})));
  }

  private static final int TYPES = 8;

  /**
   * Sequence the same way (no codec yet, so no round trip), on a tenth of a type's share of the schedules: a
   * Sequence schedule costs several times a set's. Disabled: a schedule that deletes an element with a live
   * descendant ends with a stable tombstone left, as GC.md (refinement 11) intends and this law forbids (see
   * {@link SequenceGcRegressionTest}); the design or the law must give. Enable it then.
   */
  @Test
  @Disabled("issue 19: a stable tombstone with a live descendant stays by design (GC.md 11), which this law forbids")
  void sequenceGarbageCollectionCannotBeToldApartFromNoCollection() {
    check(GcTypes.sequence(), SCHEDULES / TYPES / 10);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  <S extends CausalCrdt<S> & Collectable<S>> void garbageCollectionCannotBeToldApartFromNoCollection(
      CrdtDescription<S> description) {
    check(description, SCHEDULES / TYPES);
  }

  private static <S extends CausalCrdt<S> & Collectable<S>> void check(CrdtDescription<S> description,
      int schedules) {
    GcReport report = GcDifferentialLaw.check(description, schedules, description.name().hashCode());

    System.out.println(report);
    report.assertHolds();
    assertThat(report.collections()).as("collections that reclaimed something").isPositive();
  }
}
