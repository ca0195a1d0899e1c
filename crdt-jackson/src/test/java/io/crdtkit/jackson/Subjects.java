package io.crdtkit.jackson;

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
import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.HlcTimestamp;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import io.vavr.collection.HashMap;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import tools.jackson.core.type.TypeReference;

/**
 * Every CRDT type the codec covers, with operations over small domains (so that replicas collide) and elements
 * chosen to be awkward: equal hash codes ("Aa" and "BB"), NUL and control characters, non-ASCII, user records.
 * The clocks are in {@link ClockSubjects}.
 */
final class Subjects {

  /** Strings whose hash codes collide, plus characters that stress the canonical order and JSON escaping. */
  static final Arbitrary<String> ELEMENTS =
      Arbitraries.of("Aa", "BB", "AaAa", "BBBB", "AaBB", "", "nul\u0000", "tab\t\"q\"", "ünï", "\uD83D\uDE00");

  static final Arbitrary<Item> ITEMS = Combinators.combine(Arbitraries.of("sku-1", "sku-2", "Aa", "BB"),
      Arbitraries.of(1, -2, 300_000)).as(Item::new);

  static final Arbitrary<Long> AMOUNTS = Arbitraries.of(1L, 2L, 15L, 16L, 1_000L, 1L << 40);

  // Wall times close together, so that timestamps often share a wall time and fall back to the logical counter.
  private static final long T0 = 1_732_872_000_000L;
  static final Arbitrary<Long> WALL_TIMES = Arbitraries.longs().between(T0, T0 + 3);

  private Subjects() {}

  static List<Subject<?>> all() {
    return List.of(gCounter(), pnCounter(), gSet(), twoPhaseSet(), orSet(), orSetOfItems(), rwSet(), ewFlag(),
        dwFlag(), mvRegister(), lwwRegister(), lwwMap(), lwwMapWithoutDots(), orMapOfCounters(), orMapOfSets(),
        orMapOfMaps(), orMapOfRegisters(), text(), sequenceOfStrings());
  }

  /** A timestamp for a write by {@code replica} that orders after the {@code current} one, as an HLC's would. */
  static HlcTimestamp after(Option<HlcTimestamp> current, ReplicaId replica, long wallTime) {
    if (current.isEmpty() || wallTime > current.get().wallTime()) {
      return HlcTimestamp.of(wallTime, 0, replica);
    }
    return HlcTimestamp.of(current.get().wallTime(), current.get().logical() + 1, replica);
  }

  static Subject<GCounter> gCounter() {
    return Subject.crdt("GCounter", new TypeReference<>() {}, GCounter.empty(),
        AMOUNTS.map(n -> new Operation<>("increment " + n, (s, r) -> s.increment(r, n),
            (s, r) -> s.deltaIncrement(r, n))),
        s -> GCounter.of(s.entries().toJavaMap()));
  }

  static Subject<PNCounter> pnCounter() {
    return Subject.crdt("PNCounter", new TypeReference<>() {}, PNCounter.empty(), Arbitraries.oneOf(
            AMOUNTS.map(n -> new Operation<>("increment " + n, (s, r) -> s.increment(r, n),
                (s, r) -> s.deltaIncrement(r, n))),
            AMOUNTS.map(n -> new Operation<>("decrement " + n, (s, r) -> s.decrement(r, n),
                (s, r) -> s.deltaDecrement(r, n)))),
        s -> PNCounter.of(GCounter.of(s.increments().entries().toJavaMap()),
            GCounter.of(s.decrements().entries().toJavaMap())));
  }

  static Subject<GSet<String>> gSet() {
    return Subject.crdt("GSet", new TypeReference<>() {}, GSet.empty(),
        ELEMENTS.map(e -> new Operation<>("add " + e, (s, r) -> s.add(e), (s, r) -> s.deltaAdd(e))),
        s -> GSet.ofAll(s.value()));
  }

  static Subject<TwoPhaseSet<String>> twoPhaseSet() {
    return Subject.crdt("TwoPhaseSet", new TypeReference<>() {}, TwoPhaseSet.empty(), Arbitraries.oneOf(
            ELEMENTS.map(e -> new Operation<>("add " + e, (s, r) -> s.add(e), (s, r) -> s.deltaAdd(e))),
            ELEMENTS.map(e -> new Operation<TwoPhaseSet<String>>("remove " + e,
                (s, r) -> s.addedElements().contains(e) ? s.remove(e) : s,
                (s, r) -> s.addedElements().contains(e) ? s.deltaRemove(e) : TwoPhaseSet.empty()))),
        s -> TwoPhaseSet.of(s.addedElements(), s.removedElements()));
  }

  static Subject<ORSet<String>> orSet() {
    return Subject.crdt("ORSet", new TypeReference<>() {}, ORSet.empty(), Arbitraries.oneOf(
            ELEMENTS.map(e -> new Operation<>("add " + e, (s, r) -> s.add(r, e), (s, r) -> s.deltaAdd(r, e))),
            ELEMENTS.map(e -> new Operation<>("remove " + e, (s, r) -> s.remove(r, e),
                (s, r) -> s.deltaRemove(r, e))),
            Arbitraries.just(new Operation<>("clear", ORSet::clear, ORSet::deltaClear))),
        s -> ORSet.fromParts(s.parts()));
  }

  static Subject<ORSet<Item>> orSetOfItems() {
    return Subject.crdt("ORSet of records", new TypeReference<>() {}, ORSet.empty(), Arbitraries.oneOf(
            ITEMS.map(e -> new Operation<>("add " + e, (s, r) -> s.add(r, e), (s, r) -> s.deltaAdd(r, e))),
            ITEMS.map(e -> new Operation<>("remove " + e, (s, r) -> s.remove(r, e),
                (s, r) -> s.deltaRemove(r, e)))),
        s -> ORSet.fromParts(s.parts()));
  }

  static Subject<RWSet<String>> rwSet() {
    return Subject.crdt("RWSet", new TypeReference<>() {}, RWSet.empty(), Arbitraries.oneOf(
            ELEMENTS.map(e -> new Operation<>("add " + e, (s, r) -> s.add(r, e), (s, r) -> s.deltaAdd(r, e))),
            ELEMENTS.map(e -> new Operation<>("remove " + e, (s, r) -> s.remove(r, e),
                (s, r) -> s.deltaRemove(r, e)))),
        s -> RWSet.fromParts(s.parts()));
  }

  static Subject<EWFlag> ewFlag() {
    return Subject.crdt("EWFlag", new TypeReference<>() {}, EWFlag.empty(), Arbitraries.of(
            new Operation<>("enable", EWFlag::enable, EWFlag::deltaEnable),
            new Operation<>("disable", EWFlag::disable, EWFlag::deltaDisable)),
        s -> EWFlag.fromParts(s.parts()));
  }

  static Subject<DWFlag> dwFlag() {
    return Subject.crdt("DWFlag", new TypeReference<>() {}, DWFlag.empty(), Arbitraries.of(
            new Operation<>("enable", DWFlag::enable, DWFlag::deltaEnable),
            new Operation<>("disable", DWFlag::disable, DWFlag::deltaDisable)),
        s -> DWFlag.fromParts(s.parts()));
  }

  static Subject<MVRegister<String>> mvRegister() {
    return Subject.crdt("MVRegister", new TypeReference<>() {}, MVRegister.empty(),
        ELEMENTS.map(v -> new Operation<>("write " + v, (s, r) -> s.write(r, v), (s, r) -> s.deltaWrite(r, v))),
        s -> MVRegister.fromParts(s.parts()));
  }

  static Subject<LWWRegister<String>> lwwRegister() {
    return Subject.crdt("LWWRegister", new TypeReference<>() {}, LWWRegister.empty(), Arbitraries.oneOf(
            Combinators.combine(ELEMENTS, WALL_TIMES).as((v, t) -> new Operation<LWWRegister<String>>(
                "set " + v + " at " + t,
                (s, r) -> s.set(after(s.timestamp(), r, t), v),
                (s, r) -> s.deltaSet(after(s.timestamp(), r, t), v))),
            WALL_TIMES.map(t -> new Operation<LWWRegister<String>>("clear at " + t,
                (s, r) -> s.clear(after(s.timestamp(), r, t)),
                (s, r) -> s.deltaClear(after(s.timestamp(), r, t))))),
        Subjects::rebuildRegister);
  }

  /**
   * Maps reached by puts and removes (each write recorded under a dot), plus, for each, the map with the
   * tombstones below its own clock dropped (as the collector drops stable ones: seen, not held), and the first
   * replica's map rebuilt without dots merged with the second's (keys without dots beside keys with).
   */
  static Subject<LWWMap<String, Integer>> lwwMap() {
    Subject<LWWMap<String, Integer>> written = writtenLwwMaps();
    return new Subject<>(written.name(), written.type(), written.states().map(states -> {
      List<LWWMap<String, Integer>> more = new ArrayList<>(states);
      states.forEach(state -> more.add(withoutTombstonesBelow(state, state.context().vectorClock())));
      more.add(withoutDots(states.get(0)).merge(states.get(1)));
      return more;
    }), written.equalVariants(), written.rebuild());
  }

  /** The same maps rebuilt without dots: what a document written before LWWMap had dots decodes to. */
  static Subject<LWWMap<String, Integer>> lwwMapWithoutDots() {
    Subject<LWWMap<String, Integer>> written = writtenLwwMaps();
    return new Subject<>("LWWMap without dots", written.type(),
        written.states().map(states -> states.stream().map(Subjects::withoutDots).toList()),
        written.equalVariants().map(states -> states.stream().map(Subjects::withoutDots).toList()),
        written.rebuild());
  }

  /** The map's registers alone, without dots, context or GC metadata. */
  static <K, V> LWWMap<K, V> withoutDots(LWWMap<K, V> map) {
    return LWWMap.fromParts(new LWWMap.Parts<>(map.parts().registers(), HashMap.empty(), HashMap.empty(),
        CausalContext.empty(), VectorClock.empty(), null));
  }

  /**
   * The map without the tombstones whose dot is at or below {@code cut}, its live keys left as they are: a map
   * that has seen those removes but no longer holds them (what a collector drops once they are stable).
   */
  static <K, V> LWWMap<K, V> withoutTombstonesBelow(LWWMap<K, V> map, VectorClock cut) {
    LWWMap.Parts<K, V> parts = map.parts();
    io.vavr.collection.Set<K> dropped = parts.registers()
        .filter((key, register) -> register.isCleared() && parts.dots().get(key).exists(cut::contains)).keySet();
    return LWWMap.fromParts(new LWWMap.Parts<>(parts.registers().removeAll(dropped),
        parts.dots().removeAll(dropped), parts.settled(), parts.context(), parts.stableCut(), parts.latest()));
  }

  private static Subject<LWWMap<String, Integer>> writtenLwwMaps() {
    Arbitrary<String> keys = Arbitraries.of("Aa", "BB", "theme", "ünï");
    return Subject.crdt("LWWMap", new TypeReference<>() {}, LWWMap.empty(), Arbitraries.oneOf(
            Combinators.combine(keys, Arbitraries.integers().between(-3, 300), WALL_TIMES).as((k, v, t) ->
                new Operation<LWWMap<String, Integer>>("put " + k + "=" + v + " at " + t,
                    (s, r) -> s.put(after(timestampOf(s, k), r, t), k, v),
                    (s, r) -> s.deltaPut(after(timestampOf(s, k), r, t), k, v))),
            Combinators.combine(keys, WALL_TIMES).as((k, t) -> new Operation<LWWMap<String, Integer>>(
                "remove " + k + " at " + t,
                (s, r) -> s.remove(after(timestampOf(s, k), r, t), k),
                (s, r) -> s.deltaRemove(after(timestampOf(s, k), r, t), k)))),
        s -> LWWMap.fromParts(s.parts()));
  }

  static Subject<ORMap<String, PNCounter>> orMapOfCounters() {
    Arbitrary<String> keys = Arbitraries.of("milk", "eggs", "Aa", "BB");
    return Subject.crdt("ORMap of PNCounters", new TypeReference<>() {}, ORMap.empty(PNCounter.empty()),
        Arbitraries.oneOf(
            Combinators.combine(keys, AMOUNTS).as((k, n) -> new Operation<ORMap<String, PNCounter>>(
                "increment " + k + " by " + n,
                (s, r) -> s.update(r, k, c -> c.deltaIncrement(r, n)),
                (s, r) -> s.deltaUpdate(r, k, c -> c.deltaIncrement(r, n)))),
            Combinators.combine(keys, AMOUNTS).as((k, n) -> new Operation<ORMap<String, PNCounter>>(
                "decrement " + k + " by " + n,
                (s, r) -> s.update(r, k, c -> c.deltaDecrement(r, n)),
                (s, r) -> s.deltaUpdate(r, k, c -> c.deltaDecrement(r, n)))),
            keys.map(k -> new Operation<>("remove " + k, (s, r) -> s.remove(r, k),
                (s, r) -> s.deltaRemove(r, k)))),
        s -> ORMap.fromParts(s.parts()));
  }

  static Subject<ORMap<String, ORSet<String>>> orMapOfSets() {
    Arbitrary<String> keys = Arbitraries.of("x", "y");
    return Subject.crdt("ORMap of ORSets", new TypeReference<>() {}, ORMap.empty(ORSet.empty()),
        Arbitraries.oneOf(
            Combinators.combine(keys, ELEMENTS).as((k, e) -> new Operation<ORMap<String, ORSet<String>>>(
                "add " + e + " to " + k,
                (s, r) -> s.update(r, k, set -> set.deltaAdd(r, e)),
                (s, r) -> s.deltaUpdate(r, k, set -> set.deltaAdd(r, e)))),
            Combinators.combine(keys, ELEMENTS).as((k, e) -> new Operation<ORMap<String, ORSet<String>>>(
                "remove " + e + " from " + k,
                (s, r) -> s.update(r, k, set -> set.deltaRemove(r, e)),
                (s, r) -> s.deltaUpdate(r, k, set -> set.deltaRemove(r, e)))),
            keys.map(k -> new Operation<>("remove " + k, (s, r) -> s.remove(r, k),
                (s, r) -> s.deltaRemove(r, k)))),
        s -> ORMap.fromParts(s.parts()));
  }

  static Subject<ORMap<String, ORMap<String, MVRegister<String>>>> orMapOfMaps() {
    Arbitrary<String> keys = Arbitraries.of("u1", "u2");
    Arbitrary<String> fields = Arbitraries.of("name", "mail");
    return Subject.crdt("ORMap of ORMaps of MVRegisters", new TypeReference<>() {},
        ORMap.empty(ORMap.empty(MVRegister.empty())), Arbitraries.oneOf(
            Combinators.combine(keys, fields, ELEMENTS).as((k, f, v) ->
                new Operation<ORMap<String, ORMap<String, MVRegister<String>>>>("write " + k + "." + f + "=" + v,
                    (s, r) -> s.update(r, k, m -> m.deltaUpdate(r, f, reg -> reg.deltaWrite(r, v))),
                    (s, r) -> s.deltaUpdate(r, k, m -> m.deltaUpdate(r, f, reg -> reg.deltaWrite(r, v))))),
            Combinators.combine(keys, fields).as((k, f) ->
                new Operation<ORMap<String, ORMap<String, MVRegister<String>>>>("remove " + k + "." + f,
                    (s, r) -> s.update(r, k, m -> m.deltaRemove(r, f)),
                    (s, r) -> s.deltaUpdate(r, k, m -> m.deltaRemove(r, f)))),
            keys.map(k -> new Operation<>("remove " + k, (s, r) -> s.remove(r, k),
                (s, r) -> s.deltaRemove(r, k)))),
        s -> ORMap.fromParts(s.parts()));
  }

  static Subject<ORMap<Item, LWWRegister<String>>> orMapOfRegisters() {
    return Subject.crdt("ORMap of LWWRegisters keyed by records", new TypeReference<>() {},
        ORMap.empty(LWWRegister.empty()), Arbitraries.oneOf(
            Combinators.combine(ITEMS, ELEMENTS).as((k, v) ->
                new Operation<ORMap<Item, LWWRegister<String>>>("set " + k + "=" + v,
                    (s, r) -> s.update(r, k, reg -> reg.deltaSet(after(reg.timestamp(), r, wallTime(s, r)), v)),
                    (s, r) -> s.deltaUpdate(r, k,
                        reg -> reg.deltaSet(after(reg.timestamp(), r, wallTime(s, r)), v)))),
            ITEMS.map(k -> new Operation<>("remove " + k, (s, r) -> s.remove(r, k),
                (s, r) -> s.deltaRemove(r, k)))),
        s -> ORMap.fromParts(s.parts()));
  }

  /**
   * A wall time that grows with each update the replica makes to the map, as a real clock would: a key removed
   * and written again must not get the timestamp of its removed write (two values under one timestamp are
   * refused by the register's merge).
   */
  private static long wallTime(ORMap<?, ?> map, ReplicaId replica) {
    return T0 + map.context().maxCounter(replica);
  }

  private static Option<HlcTimestamp> timestampOf(LWWMap<String, Integer> map, String key) {
    return map.parts().registers().get(key).flatMap(LWWRegister::timestamp);
  }

  private static <V> LWWRegister<V> rebuildRegister(LWWRegister<V> register) {
    if (register.timestamp().isEmpty()) {
      return LWWRegister.empty();
    }
    HlcTimestamp timestamp = register.timestamp().get();
    return register.value().map(v -> LWWRegister.of(timestamp, v)).getOrElse(() -> LWWRegister.cleared(timestamp));
  }

  /**
   * Text as {@code Sequence<Character>}, edited at random places: runs typed (some outside the Basic Multilingual
   * Plane, as surrogate pairs), ranges deleted. A position is a fraction of the length, so it is valid on any state.
   */
  static Subject<Sequence<Character>> text() {
    Arbitrary<Double> at = Arbitraries.doubles().between(0, 1);
    return Subject.crdt("Sequence of characters", new TypeReference<>() {}, Sequence.empty(), Arbitraries.oneOf(
            Combinators.combine(at, Arbitraries.of("a", "xyz", "héllo", "\uD83D\uDE00", "\"q\"\n")).as((p, text) ->
                new Operation<Sequence<Character>>("type " + text + " at " + p,
                    (s, r) -> Sequences.insertString(s, r, index(p, s.size() + 1), text),
                    (s, r) -> Sequences.deltaInsertString(s, r, index(p, s.size() + 1), text))),
            Combinators.combine(at, Arbitraries.integers().between(1, 3)).as((p, n) ->
                new Operation<Sequence<Character>>("delete " + n + " at " + p,
                    (s, r) -> s.size() == 0 ? s : s.delete(r, index(p, s.size()), Math.min(n, s.size() - index(p, s.size()))),
                    (s, r) -> s.size() == 0 ? Sequence.empty()
                        : s.deltaDelete(r, index(p, s.size()), Math.min(n, s.size() - index(p, s.size())))))),
        s -> Sequence.fromParts(s.parts()));
  }

  /** A {@code Sequence<String>}: its values are written one by one, by the mapper. */
  static Subject<Sequence<String>> sequenceOfStrings() {
    Arbitrary<Double> at = Arbitraries.doubles().between(0, 1);
    return Subject.crdt("Sequence of strings", new TypeReference<>() {}, Sequence.empty(), Arbitraries.oneOf(
            Combinators.combine(at, ELEMENTS).as((p, e) -> new Operation<Sequence<String>>("insert " + e + " at " + p,
                (s, r) -> s.insert(r, index(p, s.size() + 1), e), (s, r) -> s.deltaInsert(r, index(p, s.size() + 1), e))),
            at.map(p -> new Operation<Sequence<String>>("delete at " + p,
                (s, r) -> s.size() == 0 ? s : s.delete(r, index(p, s.size()), 1),
                (s, r) -> s.size() == 0 ? Sequence.empty() : s.deltaDelete(r, index(p, s.size()), 1)))),
        s -> Sequence.fromParts(s.parts()));
  }

  /** The index at fraction {@code p} of {@code bound} indexes. */
  static int index(double p, int bound) {
    return Math.min(bound - 1, (int) (p * bound));
  }
}
