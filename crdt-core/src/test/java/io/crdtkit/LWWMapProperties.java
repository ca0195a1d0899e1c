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
 * The merge and delta laws for {@link LWWMap}, with puts and removes of keys x, y, z by explicit timestamp and
 * through a {@link HybridLogicalClock}, in full and delta form.
 *
 * <p>As in {@link LWWRegisterProperties}, timestamps and clocks are derived from the state so that an operation is
 * a pure function of (state, replica). An explicit timestamp orders after every write in the map; a clock
 * operation orders after the key's current write (or, for a key the replica's state lacks, is the first write the
 * replica makes to it). Either way a replica never writes one key twice under one timestamp.
 */
class LWWMapProperties extends MergeLawProperties<LWWMap<String, Integer>> {

  @Override
  LWWMap<String, Integer> bottom() {
    return LWWMap.empty();
  }

  @Override
  LWWMap<String, Integer> rebuiltFromParts(LWWMap<String, Integer> state) {
    return LWWMap.of(state.registers(), state.dots(), state.context(), state.latestTimestamp().getOrNull());
  }

  @Override
  Arbitrary<Operation<LWWMap<String, Integer>>> operations() {
    Arbitrary<String> key = Arbitraries.of("x", "y", "z");
    Arbitrary<Integer> value = Arbitraries.integers().between(1, 3);
    Arbitrary<Integer> skew = Arbitraries.integers().between(0, 2);
    return Arbitraries.oneOf(
        Combinators.combine(key, value, skew).as((k, v, d) -> new Operation<LWWMap<String, Integer>>(
            "put " + k + "=" + v + " at +" + d,
            (s, r) -> s.put(nextTimestamp(s, r, d), k, v),
            (s, r) -> s.deltaPut(nextTimestamp(s, r, d), k, v))),
        Combinators.combine(key, value, skew).as((k, v, d) -> new Operation<LWWMap<String, Integer>>(
            "put " + k + "=" + v + " via clock at +" + d,
            (s, r) -> s.put(clock(s, r, d), k, v),
            (s, r) -> s.deltaPut(clock(s, r, d), k, v))),
        Combinators.combine(key, skew).as((k, d) -> new Operation<LWWMap<String, Integer>>(
            "remove " + k + " at +" + d,
            (s, r) -> s.remove(nextTimestamp(s, r, d), k),
            (s, r) -> s.deltaRemove(nextTimestamp(s, r, d), k))),
        Combinators.combine(key, skew).as((k, d) -> new Operation<LWWMap<String, Integer>>(
            "remove " + k + " via clock at +" + d,
            (s, r) -> s.remove(clock(s, r, d), k),
            (s, r) -> s.deltaRemove(clock(s, r, d), k))));
  }

  private static long maxWallTime(LWWMap<?, ?> state) {
    return state.registers().values()
        .flatMap(LWWRegister::timestamp)
        .map(HlcTimestamp::wallTime)
        .max()
        .getOrElse(0L);
  }

  /** A timestamp after every one in {@code state}. */
  private static HlcTimestamp nextTimestamp(LWWMap<?, ?> state, ReplicaId replica, int skew) {
    return HlcTimestamp.of(maxWallTime(state) + 1 + skew, 0, replica);
  }

  /** A fresh clock for {@code replica} whose physical time is {@code skew} ms past the state's latest write. */
  private static HybridLogicalClock clock(LWWMap<?, ?> state, ReplicaId replica, int skew) {
    InstantSource physical = InstantSource.fixed(Instant.ofEpochMilli(maxWallTime(state) + skew));
    return HybridLogicalClock.create(replica, physical, Duration.ofSeconds(1));
  }
}
