package io.crdtkit.laws.types;

import io.crdtkit.DWFlag;
import io.crdtkit.EWFlag;
import io.crdtkit.GCounter;
import io.crdtkit.GSet;
import io.crdtkit.LWWMap;
import io.crdtkit.LWWRegister;
import io.crdtkit.MVRegister;
import io.crdtkit.ORMap;
import io.crdtkit.ORSet;
import io.crdtkit.PNCounter;
import io.crdtkit.RWSet;
import io.crdtkit.Sequence;
import io.crdtkit.Sequences;
import io.crdtkit.TwoPhaseSet;
import io.crdtkit.clock.HlcTimestamp;
import io.crdtkit.clock.HybridLogicalClock;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.laws.CrdtDescription;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Law-kit descriptions of every core type, over small domains so that replicas collide. Shared by the law suites,
 * the semantic oracles and the simulator runs.
 *
 * <p>LWW mutators must be pure functions of (state, replica, argument), because the kit applies an operation's
 * full and delta form to the same state and expects the same write. So a write's timestamp is derived from the
 * state: one past the greatest wall time it holds, plus a small skew from the argument. A replica never writes
 * two values under one timestamp, and replicas with equal states tie on wall time, exercising the tie-break.
 */
public final class CoreTypes {

  private CoreTypes() {}

  static final Arbitrary<String> ELEMENTS = Arbitraries.of("x", "y", "z");
  private static final Arbitrary<Integer> SKEW = Arbitraries.integers().between(0, 2);

  public static CrdtDescription<GCounter> gCounter() {
    return CrdtDescription.of("GCounter", GCounter.empty())
        .operation("increment", Arbitraries.longs().between(0, 3),
            (s, r, n) -> s.increment(r, n), (s, r, n) -> s.deltaIncrement(r, n))
        .value(GCounter::value);
  }

  public static CrdtDescription<PNCounter> pnCounter() {
    return CrdtDescription.of("PNCounter", PNCounter.empty())
        .operation("increment", Arbitraries.longs().between(0, 3),
            (s, r, n) -> s.increment(r, n), (s, r, n) -> s.deltaIncrement(r, n))
        .operation("decrement", Arbitraries.longs().between(0, 3),
            (s, r, n) -> s.decrement(r, n), (s, r, n) -> s.deltaDecrement(r, n))
        .value(PNCounter::value);
  }

  public static CrdtDescription<GSet<String>> gSet() {
    return CrdtDescription.of("GSet", GSet.<String>empty())
        .operation("add", ELEMENTS, (s, r, e) -> s.add(e), (s, r, e) -> s.deltaAdd(e))
        .value(GSet::value);
  }

  public static CrdtDescription<TwoPhaseSet<String>> twoPhaseSet() {
    return CrdtDescription.of("TwoPhaseSet", TwoPhaseSet.<String>empty())
        .operation("add", ELEMENTS, (s, r, e) -> s.add(e), (s, r, e) -> s.deltaAdd(e))
        // remove requires the element added here first; otherwise the operation does nothing
        .operation("remove", ELEMENTS,
            (s, r, e) -> s.wasAdded(e) ? s.remove(e) : s,
            (s, r, e) -> s.wasAdded(e) ? s.deltaRemove(e) : s.bottom())
        .value(TwoPhaseSet::value);
  }

  public static CrdtDescription<ORSet<String>> orSet() {
    return CrdtDescription.of("ORSet", ORSet.<String>empty())
        .operation("add", ELEMENTS, (s, r, e) -> s.add(r, e), (s, r, e) -> s.deltaAdd(r, e))
        .operation("remove", ELEMENTS, (s, r, e) -> s.remove(r, e), (s, r, e) -> s.deltaRemove(r, e))
        .operation("clear", (s, r) -> s.clear(r), (s, r) -> s.deltaClear(r))
        .value(ORSet::value);
  }

  public static CrdtDescription<RWSet<String>> rwSet() {
    return CrdtDescription.of("RWSet", RWSet.<String>empty())
        .operation("add", ELEMENTS, (s, r, e) -> s.add(r, e), (s, r, e) -> s.deltaAdd(r, e))
        .operation("remove", ELEMENTS, (s, r, e) -> s.remove(r, e), (s, r, e) -> s.deltaRemove(r, e))
        .value(RWSet::value);
  }

  public static CrdtDescription<EWFlag> ewFlag() {
    return CrdtDescription.of("EWFlag", EWFlag.empty())
        .operation("enable", (s, r) -> s.enable(r), (s, r) -> s.deltaEnable(r))
        .operation("disable", (s, r) -> s.disable(r), (s, r) -> s.deltaDisable(r))
        .value(EWFlag::value);
  }

  public static CrdtDescription<DWFlag> dwFlag() {
    return CrdtDescription.of("DWFlag", DWFlag.empty())
        .operation("enable", (s, r) -> s.enable(r), (s, r) -> s.deltaEnable(r))
        .operation("disable", (s, r) -> s.disable(r), (s, r) -> s.deltaDisable(r))
        .value(DWFlag::value);
  }

  public static CrdtDescription<MVRegister<String>> mvRegister() {
    return CrdtDescription.of("MVRegister", MVRegister.<String>empty())
        .operation("write", ELEMENTS, (s, r, v) -> s.write(r, v), (s, r, v) -> s.deltaWrite(r, v))
        .value(MVRegister::value);
  }

  /** A write of {@code value} whose timestamp orders after the state's, {@code skew} ms further on. */
  public record TimedWrite(String value, int skew) {
    @Override
    public String toString() {
      return value + " +" + skew + "ms";
    }
  }

  static final Arbitrary<TimedWrite> TIMED_WRITES = Combinators.combine(ELEMENTS, SKEW).as(TimedWrite::new);

  public static CrdtDescription<LWWRegister<String>> lwwRegister() {
    return CrdtDescription.of("LWWRegister", LWWRegister.<String>empty())
        .operation("set", TIMED_WRITES,
            (s, r, w) -> s.set(after(wallTime(s), r, w.skew()), w.value()),
            (s, r, w) -> s.deltaSet(after(wallTime(s), r, w.skew()), w.value()))
        .operation("set via clock", TIMED_WRITES,
            (s, r, w) -> s.set(clock(wallTime(s) + w.skew(), r), w.value()),
            (s, r, w) -> s.deltaSet(clock(wallTime(s) + w.skew(), r), w.value()))
        .operation("clear", SKEW,
            (s, r, k) -> s.clear(after(wallTime(s), r, k)), (s, r, k) -> s.deltaClear(after(wallTime(s), r, k)))
        .value(LWWRegister::value);
  }

  /** A put or (with a null value) a remove of {@code key}. */
  public record KeyedWrite(String key, Integer value, int skew, boolean remove) {
    @Override
    public String toString() {
      return (remove ? "remove " + key : key + "=" + value) + " +" + skew + "ms";
    }
  }

  public static CrdtDescription<LWWMap<String, Integer>> lwwMap() {
    Arbitrary<KeyedWrite> writes = Combinators.combine(ELEMENTS, Arbitraries.integers().between(0, 3), SKEW,
        Arbitraries.of(false, true)).as(KeyedWrite::new);
    return CrdtDescription.of("LWWMap", LWWMap.<String, Integer>empty())
        .operation("write", writes,
            (s, r, w) -> w.remove()
                ? s.remove(after(wallTime(s), r, w.skew()), w.key())
                : s.put(after(wallTime(s), r, w.skew()), w.key(), w.value()),
            (s, r, w) -> w.remove()
                ? s.deltaRemove(after(wallTime(s), r, w.skew()), w.key())
                : s.deltaPut(after(wallTime(s), r, w.skew()), w.key(), w.value()))
        .operation("write via clock", writes,
            (s, r, w) -> w.remove()
                ? s.remove(clock(wallTime(s) + w.skew(), r), w.key())
                : s.put(clock(wallTime(s) + w.skew(), r), w.key(), w.value()),
            (s, r, w) -> w.remove()
                ? s.deltaRemove(clock(wallTime(s) + w.skew(), r), w.key())
                : s.deltaPut(clock(wallTime(s) + w.skew(), r), w.key(), w.value()))
        .value(LWWMap::value);
  }

  /** A change to one key's nested value. */
  public record KeyedChange(String key, String element) {
    @Override
    public String toString() {
      return key + "/" + element;
    }
  }

  static final Arbitrary<KeyedChange> KEYED = Combinators.combine(Arbitraries.of("k1", "k2"), ELEMENTS)
      .as(KeyedChange::new);

  /** Counters nested in a map, updated only through nested deltas: what the semantic oracle specifies. */
  public static CrdtDescription<ORMap<String, PNCounter>> orMapOfCountersByDeltas() {
    return CrdtDescription.of("ORMap<PNCounter>", ORMap.<String, PNCounter>empty(PNCounter.empty()))
        .operation("increment", COUNTER_KEYS,
            (s, r, k) -> s.update(r, k, c -> c.deltaIncrement(r, 1)),
            (s, r, k) -> s.deltaUpdate(r, k, c -> c.deltaIncrement(r, 1)))
        .operation("decrement", COUNTER_KEYS,
            (s, r, k) -> s.update(r, k, c -> c.deltaDecrement(r, 1)),
            (s, r, k) -> s.deltaUpdate(r, k, c -> c.deltaDecrement(r, 1)))
        .operation("remove", COUNTER_KEYS, (s, r, k) -> s.remove(r, k), (s, r, k) -> s.deltaRemove(r, k))
        .value(map -> map.value().mapValues(PNCounter::value));
  }

  /** The same, plus updates through full nested mutators (whose deltas carry the whole nested value). */
  public static CrdtDescription<ORMap<String, PNCounter>> orMapOfCounters() {
    return orMapOfCountersByDeltas()
        .operation("increment with a full nested mutator", COUNTER_KEYS,
            (s, r, k) -> s.update(r, k, c -> c.increment(r, 2)),
            (s, r, k) -> s.deltaUpdate(r, k, c -> c.increment(r, 2)));
  }

  private static final Arbitrary<String> COUNTER_KEYS = Arbitraries.of("k1", "k2", "k3");

  /** Sets nested in a map, updated only through nested deltas: what the semantic oracle specifies. */
  public static CrdtDescription<ORMap<String, ORSet<String>>> orMapOfSetsByDeltas() {
    return CrdtDescription.of("ORMap<ORSet>", ORMap.<String, ORSet<String>>empty(ORSet.empty()))
        .operation("add", KEYED,
            (s, r, c) -> s.update(r, c.key(), set -> set.deltaAdd(r, c.element())),
            (s, r, c) -> s.deltaUpdate(r, c.key(), set -> set.deltaAdd(r, c.element())))
        .operation("remove element", KEYED,
            (s, r, c) -> s.update(r, c.key(), set -> set.deltaRemove(r, c.element())),
            (s, r, c) -> s.deltaUpdate(r, c.key(), set -> set.deltaRemove(r, c.element())))
        .operation("remove key", Arbitraries.of("k1", "k2"),
            (s, r, k) -> s.remove(r, k), (s, r, k) -> s.deltaRemove(r, k))
        .value(map -> map.value().mapValues(ORSet::value));
  }

  /** The same, plus adds through a full nested mutator. */
  public static CrdtDescription<ORMap<String, ORSet<String>>> orMapOfSets() {
    return orMapOfSetsByDeltas()
        .operation("add with a full nested mutator", KEYED,
            (s, r, c) -> s.update(r, c.key(), set -> set.add(r, c.element())),
            (s, r, c) -> s.deltaUpdate(r, c.key(), set -> set.add(r, c.element())));
  }

  public static CrdtDescription<ORMap<String, ORMap<String, MVRegister<String>>>> orMapOfMaps() {
    ORMap<String, MVRegister<String>> inner = ORMap.empty(MVRegister.empty());
    return CrdtDescription.of("ORMap<ORMap<MVRegister>>", ORMap.<String, ORMap<String, MVRegister<String>>>empty(inner))
        .operation("write", KEYED,
            (s, r, c) -> s.update(r, c.key(), m -> m.deltaUpdate(r, c.element(), reg -> reg.deltaWrite(r, "v"))),
            (s, r, c) -> s.deltaUpdate(r, c.key(), m -> m.deltaUpdate(r, c.element(), reg -> reg.deltaWrite(r, "v"))))
        .operation("remove inner key", KEYED,
            (s, r, c) -> s.update(r, c.key(), m -> m.deltaRemove(r, c.element())),
            (s, r, c) -> s.deltaUpdate(r, c.key(), m -> m.deltaRemove(r, c.element())))
        .operation("remove outer key", Arbitraries.of("k1", "k2"),
            (s, r, k) -> s.remove(r, k), (s, r, k) -> s.deltaRemove(r, k))
        .value(map -> map.value().mapValues(m -> m.value().mapValues(MVRegister::value)));
  }

  /**
   * An insert of {@code text} (1 to 4 characters) at {@code where} modulo one past the size: a valid index in any
   * state, so that the same operation applies wherever a history puts it, and shrinks towards the start.
   */
  public record TextInsert(int where, String text) {
    /** The index this insert goes to in a sequence of {@code size} live elements. */
    public int index(int size) {
      return where % (size + 1);
    }

    /** The inserted characters, as the list {@link Sequence#insertAll} takes. */
    public List<Character> characters() {
      return text.chars().mapToObj(c -> (char) c).toList();
    }

    @Override
    public String toString() {
      return "'" + text + "' at " + where + "%(size+1)";
    }
  }

  /** A delete of up to {@code count} live elements from {@code where} modulo the size; nothing on an empty one. */
  public record RangeDelete(int where, int count) {
    /** The first index deleted in a non-empty sequence of {@code size} live elements. */
    public int index(int size) {
      return where % size;
    }

    /** How many elements are deleted in a non-empty sequence of {@code size} live elements. */
    public int length(int size) {
      return Math.min(count, size - index(size));
    }

    @Override
    public String toString() {
      return count + " at " + where + "%size";
    }
  }

  /**
   * A list of characters edited at random indexes: inserts of 1 to 4 characters (through {@code insert} for one,
   * {@code insertAll} for more) and range deletes of 1 to 3. Three letters only: replicas insert equal characters,
   * so only the elements' ids tell them apart, as they must. The value is the text a user reads.
   */
  public static CrdtDescription<Sequence<Character>> sequence() {
    Arbitrary<Integer> where = Arbitraries.integers().between(0, 999);
    Arbitrary<TextInsert> inserts = Combinators.combine(where,
        Arbitraries.strings().withChars("xyz").ofMinLength(1).ofMaxLength(4)).as(TextInsert::new);
    Arbitrary<RangeDelete> deletes = Combinators.combine(where, Arbitraries.integers().between(1, 3))
        .as(RangeDelete::new);
    return CrdtDescription.of("Sequence", Sequence.<Character>empty())
        .operation("insert", inserts, CoreTypes::insert, CoreTypes::deltaInsert)
        .operation("delete", deletes,
            (s, r, d) -> s.size() == 0 ? s : s.delete(r, d.index(s.size()), d.length(s.size())),
            (s, r, d) -> s.size() == 0 ? s.bottom() : s.deltaDelete(r, d.index(s.size()), d.length(s.size())))
        .value(Sequences::text);
  }

  private static Sequence<Character> insert(Sequence<Character> s, ReplicaId r, TextInsert insert) {
    int index = insert.index(s.size());
    return insert.text().length() == 1
        ? s.insert(r, index, insert.text().charAt(0))
        : s.insertAll(r, index, insert.characters());
  }

  private static Sequence<Character> deltaInsert(Sequence<Character> s, ReplicaId r, TextInsert insert) {
    int index = insert.index(s.size());
    return insert.text().length() == 1
        ? s.deltaInsert(r, index, insert.text().charAt(0))
        : s.deltaInsertAll(r, index, insert.characters());
  }

  static long wallTime(LWWRegister<?> register) {
    return register.timestamp().map(HlcTimestamp::wallTime).getOrElse(0L);
  }

  static long wallTime(LWWMap<?, ?> map) {
    return map.parts().registers().values().map(CoreTypes::wallTime).max().getOrElse(0L);
  }

  static HlcTimestamp after(long wallTime, ReplicaId replica, int skew) {
    return HlcTimestamp.of(wallTime + 1 + skew, 0, replica);
  }

  /** A clock made afresh for one write, its physical time fixed: the write is a pure function of the state. */
  static HybridLogicalClock clock(long physicalTime, ReplicaId replica) {
    return HybridLogicalClock.create(replica, InstantSource.fixed(Instant.ofEpochMilli(physicalTime)),
        Duration.ofSeconds(1));
  }
}
