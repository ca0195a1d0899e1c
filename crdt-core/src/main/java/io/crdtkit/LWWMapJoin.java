package io.crdtkit;

import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.VectorClock;
import io.vavr.collection.Iterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

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
 *
 * <p>The writes and the settled values are each a {@link HashTrie}, joined in lockstep, so a merge skips what both
 * sides share and costs what they differ by. A key one side lacks is visited only when the rules above can change
 * it: the other side has seen one of its dots (see {@link SeenDots}), or has seen this side's stable cut.
 */
final class LWWMapJoin<K, V> {

  private final CausalContext context;
  private final VectorClock stableCut;
  private HashTrie<K, LWWEntry<V>> entries;
  private HashTrie<K, V> settled;

  LWWMapJoin(HashTrie<K, LWWEntry<V>> entries, HashTrie<K, V> settled, CausalContext context,
      VectorClock stableCut) {
    this.entries = entries;
    this.settled = settled;
    this.context = context;
    this.stableCut = stableCut;
  }

  HashTrie<K, LWWEntry<V>> entries() {
    return entries;
  }

  HashTrie<K, V> settled() {
    return settled;
  }

  /** Joins the other side in; this side's parts are the ones given to the constructor. */
  void with(HashTrie<K, LWWEntry<V>> theirEntries, HashTrie<K, V> theirSettled, CausalContext theirContext,
      VectorClock theirCut) {
    HashTrie<K, LWWEntry<V>> myEntries = entries;
    HashTrie<K, V> mySettled = settled;
    // SUBTLE: a key the other side lacks goes if it has seen the key's dot; a delta has seen only the dots it holds.
    boolean keysTheyLackMayGo = !SeenDots.reachOnlyTheirKeys(theirContext, context,
        () -> dotsUnder(theirEntries, myEntries));
    List<K> writtenOverSettled = new ArrayList<>();
    entries = myEntries.join(theirEntries, new HashTrie.Joiner<>() {
      @Override
      public LWWEntry<V> both(K key, LWWEntry<V> mine, LWWEntry<V> theirs) {
        return LWWEntry.winner(mine, theirs);
      }

      @Override
      public @Nullable LWWEntry<V> onlyMine(K key, LWWEntry<V> mine) {
        return mine.droppedBy(theirContext) ? null : mine;
      }

      @Override
      public @Nullable LWWEntry<V> onlyTheirs(K key, LWWEntry<V> theirs) {
        if (theirs.droppedBy(context)) {
          return null;
        }
        if (mySettled.containsKey(key)) {
          writtenOverSettled.add(key);
        }
        return theirs;
      }

      @Override
      public boolean keepsEqual() {
        return true;
      }

      @Override
      public boolean keepsOnlyMine() {
        return !keysTheyLackMayGo;
      }
    });
    settled = joinSettled(myEntries, mySettled, theirEntries, theirSettled, theirContext, theirCut);
    for (K key : writtenOverSettled) {
      settled = settled.remove(key);
    }
  }

  /** The dots of the writes to the keys the other side writes, on both sides. */
  private static <K, V> Iterator<Dot> dotsUnder(HashTrie<K, LWWEntry<V>> theirs, HashTrie<K, LWWEntry<V>> mine) {
    return theirs.iterator().flatMap(entry -> Iterator.of(entry._2, mine.get(entry._1)))
        .filter(Objects::nonNull).map(LWWEntry::dot).filter(Objects::nonNull);
  }

  private HashTrie<K, V> joinSettled(HashTrie<K, LWWEntry<V>> myEntries, HashTrie<K, V> mySettled,
      HashTrie<K, LWWEntry<V>> theirEntries, HashTrie<K, V> theirSettled, CausalContext theirContext,
      VectorClock theirCut) {
    boolean iSawTheirCut = theirCut.isLessOrEqual(context.vectorClock());
    boolean theySawMyCut = stableCut.isLessOrEqual(theirContext.vectorClock());
    return mySettled.join(theirSettled, new HashTrie.Joiner<>() {
      @Override
      public V both(K key, V mine, V theirs) {
        return mine.equals(theirs) || !theirsIsNewer(mine, theirs, iSawTheirCut, theySawMyCut) ? mine : theirs;
      }

      /** Goes where the other side saw the cut it was settled at and holds nothing for it (it removed the key). */
      @Override
      public @Nullable V onlyMine(K key, V mine) {
        return theySawMyCut && !theirEntries.containsKey(key) ? null : mine;
      }

      /** Against a write here, taken if the other side had seen that write (it dropped it for the settled value). */
      @Override
      public @Nullable V onlyTheirs(K key, V theirs) {
        LWWEntry<V> myWrite = myEntries.get(key);
        if (myWrite != null) {
          return myWrite.droppedBy(theirContext) ? theirs : null;
        }
        return iSawTheirCut ? null : theirs;
      }

      @Override
      public boolean keepsEqual() {
        return true;
      }

      @Override
      public boolean keepsOnlyMine() {
        return !theySawMyCut;
      }
    });
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
