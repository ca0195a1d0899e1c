package io.crdtkit;

import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.VectorClock;
import io.vavr.Tuple2;
import io.vavr.collection.Iterator;
import io.vavr.collection.Map;
import io.vavr.collection.Set;
import java.util.Objects;

/**
 * The key-by-key join of two {@link LWWMap}s: one side's unsettled writes and settled values, joined with the
 * other side's. A key is in one of four forms on each side: a write (live or a tombstone) with its dot, a settled
 * value (no timestamp, no dot), or absent. crdt-gc's GC.md, refinement 9, says why each rule is safe:
 *
 * <ul>
 *   <li>write and write: the greater timestamp;
 *   <li>write and absent: the write, unless the absent side has seen its dot (it dropped or settled it, or
 *       holds something newer);
 *   <li>write and settled: the settled value if its side has seen the write's dot, else the write, which is
 *       newer (the settling side had merged every write concurrent with the settled one);
 *   <li>settled and absent: the value, unless the absent side has seen the whole stable cut it was settled at
 *       (it saw the write, and removed the key since);
 *   <li>settled and settled, different values: one side is a stale copy that has not seen the cut of the other.
 * </ul>
 */
final class LWWMapJoin<K, V> {

  private final CausalContext context;
  private final VectorClock stableCut;
  private Map<K, LWWEntry<V>> entries;
  private Map<K, V> settled;

  LWWMapJoin(Map<K, LWWEntry<V>> entries, Map<K, V> settled, CausalContext context, VectorClock stableCut) {
    this.entries = entries;
    this.settled = settled;
    this.context = context;
    this.stableCut = stableCut;
  }

  Map<K, LWWEntry<V>> entries() {
    return entries;
  }

  Map<K, V> settled() {
    return settled;
  }

  /** Joins the other side in; this side's parts are the ones given to the constructor. */
  void with(Map<K, LWWEntry<V>> theirEntries, Map<K, V> theirSettled, CausalContext theirContext,
      VectorClock theirCut) {
    Map<K, LWWEntry<V>> myEntries = entries;
    Map<K, V> mySettled = settled;
    for (Tuple2<K, LWWEntry<V>> theirs : theirEntries) {
      LWWEntry<V> mine = myEntries.get(theirs._1).getOrNull();
      if (mine != null) {
        if (LWWEntry.winner(mine, theirs._2) != mine) {
          entries = entries.put(theirs);
        }
      } else if (!theirs._2.droppedBy(context)) {
        settled = settled.remove(theirs._1);
        entries = entries.put(theirs);
      }
    }
    // SUBTLE: a key the other side lacks goes if it has seen the key's dot; a delta has seen only the dots it holds.
    if (!SeenDots.reachOnlyTheirKeys(theirContext, context, () -> dotsUnder(theirEntries.keySet(), myEntries,
        theirEntries))) {
      dropWhatTheySaw(myEntries, theirEntries, theirSettled, theirContext);
    }
    joinSettled(myEntries, mySettled, theirEntries, theirSettled, theirContext, theirCut);
  }

  private void dropWhatTheySaw(Map<K, LWWEntry<V>> myEntries, Map<K, LWWEntry<V>> theirEntries,
      Map<K, V> theirSettled, CausalContext theirContext) {
    for (Tuple2<K, LWWEntry<V>> mine : myEntries) {
      if (!theirEntries.containsKey(mine._1) && mine._2.droppedBy(theirContext)) {
        entries = entries.remove(mine._1);
        V theirValue = theirSettled.get(mine._1).getOrNull();
        if (theirValue != null) {
          settled = settled.put(mine._1, theirValue);
        }
      }
    }
  }

  /** The dots of the writes to {@code keys} on both sides. */
  private static <K, V> Iterator<Dot> dotsUnder(Set<K> keys, Map<K, LWWEntry<V>> one, Map<K, LWWEntry<V>> other) {
    return keys.iterator().flatMap(key -> Iterator.concat(one.get(key), other.get(key)))
        .map(LWWEntry::dot).filter(Objects::nonNull);
  }

  private void joinSettled(Map<K, LWWEntry<V>> myEntries, Map<K, V> mySettled, Map<K, LWWEntry<V>> theirEntries,
      Map<K, V> theirSettled, CausalContext theirContext, VectorClock theirCut) {
    boolean iSawTheirCut = theirCut.isLessOrEqual(context.vectorClock());
    boolean theySawMyCut = stableCut.isLessOrEqual(theirContext.vectorClock());
    for (Tuple2<K, V> theirs : theirSettled) {
      if (myEntries.containsKey(theirs._1)) {
        continue; // a write here against a settled value there: decided above
      }
      V mine = mySettled.get(theirs._1).getOrNull();
      if (mine == null ? !iSawTheirCut : !mine.equals(theirs._2) && theirsIsNewer(mine, theirs._2, iSawTheirCut,
          theySawMyCut)) {
        settled = settled.put(theirs);
      }
    }
    if (theySawMyCut) {
      for (Tuple2<K, V> mine : mySettled) {
        if (!theirSettled.containsKey(mine._1) && !theirEntries.containsKey(mine._1)) {
          settled = settled.remove(mine._1);
        }
      }
    }
  }

  /**
   * Of two different settled values, the one from the side whose stable cut the other has not seen. Both sides
   * having seen each other's cut cannot happen when writes come from clocks; the tie is broken the same way from
   * both sides all the same, so that the join stays commutative.
   */
  private static <V> boolean theirsIsNewer(V mine, V theirs, boolean iSawTheirCut, boolean theySawMyCut) {
    if (iSawTheirCut != theySawMyCut) {
      return theySawMyCut;
    }
    int byHash = Integer.compare(theirs.hashCode(), mine.hashCode());
    return byHash != 0 ? byHash > 0 : theirs.toString().compareTo(mine.toString()) > 0;
  }
}
