package io.crdtkit;

import io.crdtkit.clock.HlcTimestamp;
import io.crdtkit.clock.HybridLogicalClock;
import io.crdtkit.clock.ReplicaId;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * The merge and delta laws for {@link LWWRegister}, with sets and clears by explicit timestamp and through a
 * {@link HybridLogicalClock}, in full and delta form.
 *
 * <p>An operation must be a pure function of (state, replica): its full and delta forms run on the same state and
 * must write under the same timestamp. So a timestamp is derived from the state, and a clock is created afresh for
 * each operation with its physical time derived from the state. Either way the new write orders after every
 * timestamp in the replica's state, which holds (or has overwritten) the replica's own earlier writes: a replica
 * never issues one timestamp twice. Two replicas with equal states write under the same wall time and logical
 * counter, which exercises the replica-id tie-break.
 */
class LWWRegisterProperties extends MergeLawProperties<LWWRegister<String>> {

  @Override
  LWWRegister<String> bottom() {
    return LWWRegister.empty();
  }

  @Override
  LWWRegister<String> rebuiltFromParts(LWWRegister<String> state) {
    return state.timestamp().isEmpty() ? LWWRegister.empty() : state.isCleared()
        ? LWWRegister.cleared(state.timestamp().get())
        : LWWRegister.of(state.timestamp().get(), state.value().get());
  }

  @Override
  Arbitrary<Operation<LWWRegister<String>>> operations() {
    Arbitrary<String> value = Arbitraries.of("x", "y", "z");
    Arbitrary<Integer> skew = Arbitraries.integers().between(0, 2);
    return Arbitraries.oneOf(
        Combinators.combine(value, skew).as((v, k) -> new Operation<LWWRegister<String>>(
            "set " + v + " at +" + k,
            (s, r) -> s.set(nextTimestamp(s, r, k), v),
            (s, r) -> s.deltaSet(nextTimestamp(s, r, k), v))),
        Combinators.combine(value, skew).as((v, k) -> new Operation<LWWRegister<String>>(
            "set " + v + " via clock at +" + k,
            (s, r) -> s.set(clock(s, r, k), v),
            (s, r) -> s.deltaSet(clock(s, r, k), v))),
        skew.map(k -> new Operation<>(
            "clear at +" + k,
            (s, r) -> s.clear(nextTimestamp(s, r, k)),
            (s, r) -> s.deltaClear(nextTimestamp(s, r, k)))),
        skew.map(k -> new Operation<>(
            "clear via clock at +" + k,
            (s, r) -> s.clear(clock(s, r, k)),
            (s, r) -> s.deltaClear(clock(s, r, k)))));
  }

  private static long maxWallTime(LWWRegister<?> state) {
    return state.timestamp().map(HlcTimestamp::wallTime).getOrElse(0L);
  }

  /** A timestamp after every one in {@code state}. */
  private static HlcTimestamp nextTimestamp(LWWRegister<?> state, ReplicaId replica, int skew) {
    return HlcTimestamp.of(maxWallTime(state) + 1 + skew, 0, replica);
  }

  /** A fresh clock for {@code replica} whose physical time is {@code skew} ms past the state's latest write. */
  private static HybridLogicalClock clock(LWWRegister<?> state, ReplicaId replica, int skew) {
    InstantSource physical = InstantSource.fixed(Instant.ofEpochMilli(maxWallTime(state) + skew));
    return HybridLogicalClock.create(replica, physical, Duration.ofSeconds(1));
  }
}
