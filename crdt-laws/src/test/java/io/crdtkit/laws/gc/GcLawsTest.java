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
import io.crdtkit.laws.Faults;
import io.crdtkit.laws.GcLaws;
import io.crdtkit.laws.GcReport;
import io.crdtkit.laws.Oracle;
import io.crdtkit.laws.types.Oracles;
import io.crdtkit.laws.types.RoundTrips;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every collectable core type through {@link GcLaws}: at least 10,000 seeded schedules in all (each run with and
 * without GC), over a network that drops, duplicates, reorders and partitions, with crashes. GC never changes a
 * value, the converged value with GC is the one without, stale states revive nothing, with no crash no tombstone
 * survives stability, and every collected state is rebuilt exactly by its type's validating factory and survives
 * the round trip through crdt-jackson. {@code crdtkit.gc.schedules} sets the total (more with -Pdeep).
 */
class GcLawsTest {

  private static final int SCHEDULES = Integer.getInteger("crdtkit.gc.schedules", 10_000);

  // LWW writers must not write behind a collected tombstone's timestamp. A simulated replica reborn empty after a
  // crash takes its timestamps from its empty state, like a clock that went back, so LWWMap runs without crashes.
  private static final Faults NO_CRASHES = new Faults(0.10, 0.10, 0.4, 0);

  static Stream<Arguments> types() {
    return Stream.of(
        Arguments.of(GcTypes.orSet(), Oracles.orSet(), Faults.hostile(),
            rebuild((ORSet<String> s) -> ORSet.fromParts(s.parts()),
            new TypeReference<ORSet<String>>() {})),
        Arguments.of(GcTypes.ewFlag(), Oracles.ewFlag(), Faults.hostile(),
            rebuild((EWFlag s) -> EWFlag.fromParts(s.parts()),
            new TypeReference<EWFlag>() {})),
        Arguments.of(GcTypes.rwSet(), Oracles.rwSet(), Faults.hostile(),
            rebuild((RWSet<String> s) -> RWSet.fromParts(s.parts()),
            new TypeReference<RWSet<String>>() {})),
        Arguments.of(GcTypes.dwFlag(), Oracles.dwFlag(), Faults.hostile(),
            rebuild((DWFlag s) -> DWFlag.fromParts(s.parts()),
            new TypeReference<DWFlag>() {})),
        Arguments.of(GcTypes.lwwMap(), Oracles.lwwMap(), NO_CRASHES,
            rebuild((LWWMap<String, Integer> s) -> LWWMap.fromParts(s.parts()),
            new TypeReference<LWWMap<String, Integer>>() {})),
        Arguments.of(GcTypes.mvRegister(), Oracles.mvRegister(), Faults.hostile(),
            rebuild((MVRegister<String> s) -> MVRegister.fromParts(s.parts()),
            new TypeReference<MVRegister<String>>() {})),
        Arguments.of(GcTypes.orMapOfCountersByDeltas(), Oracles.orMapOfCounters(), Faults.hostile(),
            rebuild((ORMap<String, PNCounter> s) -> ORMap.fromParts(s.parts()),
            new TypeReference<ORMap<String, PNCounter>>() {})),
        Arguments.of(GcTypes.orMapOfSetsByDeltas(), Oracles.orMapOfSets(), Faults.hostile(),
            rebuild((ORMap<String, ORSet<String>> s) -> ORMap.fromParts(s.parts()),
            new TypeReference<ORMap<String, ORSet<String>>>() {})));
  }

  private static final int TYPES = 8;

  /**
   * Sequence the same way, its structure checked after every collection by {@link GcTypes#checkedSequence} (no
   * codec yet, so no round trip) and no value oracle: a list's order is not a function of the causal history the
   * oracles read, so {@link SequenceGcListSpecificationTest} checks the strong list specification with GC instead,
   * from what the replicas show, and GcLaws' other checks too. Disabled: few schedules get past the law that no
   * tombstone survives stability, while GC.md (refinement 11) keeps a stable tombstone that has a live descendant
   * (see {@link SequenceGcRegressionTest}); the design or the law must give. Enable it then.
   */
  @Test
  @Disabled("issue 19: a stable tombstone with a live descendant stays by design (GC.md 11), which this law forbids")
  void sequenceGarbageCollectionIsInvisibleAndComplete() {
    check(GcTypes.sequence(), null, Faults.hostile(), GcTypes::checkedSequence, SEQUENCE_SCHEDULES);
  }

  /** A tenth of a type's share: a Sequence schedule (about 0.1 s, both runs) costs several times a set's. */
  private static final int SEQUENCE_SCHEDULES = SCHEDULES / TYPES / 10;

  /** Rebuilt through the type's validating factory, then through crdt-jackson (JSON, then Smile). */
  private static <S> UnaryOperator<S> rebuild(UnaryOperator<S> factory, TypeReference<S> type) {
    UnaryOperator<S> roundTrip = RoundTrips.jsonThenSmile(type);
    return state -> roundTrip.apply(factory.apply(state));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  <S extends CausalCrdt<S> & Collectable<S>> void garbageCollectionIsInvisibleAndComplete(
      CrdtDescription<S> description, @Nullable Oracle<S> oracle, Faults faults, @Nullable UnaryOperator<S> rebuild) {
    check(description, oracle, faults, rebuild, SCHEDULES / TYPES);
  }

  private static <S extends CausalCrdt<S> & Collectable<S>> void check(CrdtDescription<S> description,
      @Nullable Oracle<S> oracle, Faults faults, @Nullable UnaryOperator<S> rebuild, int schedules) {
    GcReport report = GcLaws.check(description, oracle, rebuild, faults, schedules, description.name().hashCode());

    System.out.println(report);
    report.assertHolds();
    assertThat(report.collections()).as("collections that reclaimed something").isPositive();
  }
}
