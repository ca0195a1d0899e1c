package io.crdtkit.laws.gc;

import io.crdtkit.DWFlag;
import io.crdtkit.EWFlag;
import io.crdtkit.LWWMap;
import io.crdtkit.MVRegister;
import io.crdtkit.ORMap;
import io.crdtkit.ORSet;
import io.crdtkit.PNCounter;
import io.crdtkit.RWSet;
import io.crdtkit.Sequence;
import io.crdtkit.clock.HlcTimestamp;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.laws.CrdtDescription;
import io.crdtkit.laws.types.CoreTypes;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Descriptions of the collectable types for the GC suites. The LWWMap one writes just past the map's latest
 * timestamp, which collection keeps when it drops a tombstone (as a replica's hybrid logical clock would have seen
 * it): the schedule writes the same timestamps with and without GC, and the two runs stay comparable.
 */
final class GcTypes {

  private GcTypes() {}

  static CrdtDescription<RWSet<String>> rwSet() {
    return CoreTypes.rwSet();
  }

  static CrdtDescription<DWFlag> dwFlag() {
    return CoreTypes.dwFlag();
  }

  static CrdtDescription<ORSet<String>> orSet() {
    return CoreTypes.orSet();
  }

  static CrdtDescription<EWFlag> ewFlag() {
    return CoreTypes.ewFlag();
  }

  static CrdtDescription<MVRegister<String>> mvRegister() {
    return CoreTypes.mvRegister();
  }

  /** The shopping cart: counters updated by nested deltas, keys removed. */
  static CrdtDescription<ORMap<String, PNCounter>> orMapOfCountersByDeltas() {
    return CoreTypes.orMapOfCountersByDeltas();
  }

  /** Sets nested in a map: elements added and removed by nested deltas, keys removed. */
  static CrdtDescription<ORMap<String, ORSet<String>>> orMapOfSetsByDeltas() {
    return CoreTypes.orMapOfSetsByDeltas();
  }

  /** A list edited at random indexes ({@link CoreTypes#sequence()}): its tombstones are collected at stability. */
  static CrdtDescription<Sequence<Character>> sequence() {
    return CoreTypes.sequence();
  }

  /**
   * A Sequence checked after a collection as the GC suites check every collectable type: its structure
   * ({@link Sequence#checkInvariants()}: the Fugue order, the counts, no element waiting for a collected parent...;
   * its {@code IllegalStateException} passed on as the {@code IllegalArgumentException} the GC hook reports), then
   * rebuilt through its validating factory from its parts.
   */
  static Sequence<Character> checkedSequence(Sequence<Character> state) {
    try {
      state.checkInvariants();
    } catch (IllegalStateException broken) {
      throw new IllegalArgumentException(broken.getMessage(), broken);
    }
    return Sequence.fromParts(state.parts());
  }

  static CrdtDescription<LWWMap<String, Integer>> lwwMap() {
    Arbitrary<CoreTypes.KeyedWrite> writes = Combinators.combine(Arbitraries.of("x", "y", "z"),
        Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 2), Arbitraries.of(false, true))
        .as(CoreTypes.KeyedWrite::new);
    return CrdtDescription.of("LWWMap", LWWMap.<String, Integer>empty())
        .operation("write", writes,
            (s, r, w) -> w.remove()
                ? s.remove(timestamp(s, r, w.skew()), w.key())
                : s.put(timestamp(s, r, w.skew()), w.key(), w.value()),
            (s, r, w) -> w.remove()
                ? s.deltaRemove(timestamp(s, r, w.skew()), w.key())
                : s.deltaPut(timestamp(s, r, w.skew()), w.key(), w.value()))
        .value(LWWMap::value);
  }

  /** Just past the latest timestamp the map has merged, plus a skew: newer than anything it merged. */
  private static HlcTimestamp timestamp(LWWMap<?, ?> map, ReplicaId replica, int skew) {
    long latest = map.latestTimestamp().map(HlcTimestamp::wallTime).getOrElse(0L);
    return HlcTimestamp.of(latest + 1 + skew, 0, replica);
  }
}
