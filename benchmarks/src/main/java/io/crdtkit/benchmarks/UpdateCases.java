package io.crdtkit.benchmarks;

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
import io.crdtkit.TwoPhaseSet;
import io.crdtkit.clock.HlcTimestamp;
import io.crdtkit.clock.ReplicaId;
import java.util.function.BiFunction;
import java.util.function.IntFunction;

/**
 * Every update crdt-net applies, on a fixture of a given size, in its two forms: the plain mutator, and what a
 * replicated update does (the delta mutator, then merging the delta into the state it was made from, as crdt-net's
 * {@code Replicated.update} does). Each case updates the same unchanged fixture every time, cycling through
 * {@link Elements#FRESH} keys or values, so that no call sees another's result.
 */
final class UpdateCases {

  /** The cases' names, as {@link UpdatePathBenchmark}'s parameter lists them. */
  static final String[] NAMES = {
      "ORSet.add", "ORSet.remove", "LWWMap.put", "LWWMap.remove", "ORMap<PNCounter>.increment",
      "PNCounter.increment", "GCounter.increment", "MVRegister.write", "LWWRegister.set", "EWFlag.enable",
      "RWSet.add", "GSet.add", "TwoPhaseSet.add", "Sequence.insert"};

  /** One update: {@code plain(i)} and {@code viaDelta(i)} make the same state from the fixture. */
  interface UpdateCase {
    Object plain(int i);

    Object viaDelta(int i);
  }

  private UpdateCases() {}

  private static final ReplicaId SELF = Replicas.crdtkit(0);

  /** The case called {@code name} on a fixture of {@code size} elements (entries, characters). */
  static UpdateCase of(String name, int size) {
    String[] items = Elements.items(0, size);
    String[] fresh = Elements.fresh();
    IntFunction<String> present = i -> items[(i * 31) % size & Integer.MAX_VALUE];
    IntFunction<String> absent = i -> fresh[i & (Elements.FRESH - 1)];
    HlcTimestamp[] later = new HlcTimestamp[Elements.FRESH];
    for (int i = 0; i < later.length; i++) {
      later[i] = CrdtkitStates.timestamp(size + i, 0);
    }
    switch (name) {
      case "ORSet.add": {
        ORSet<String> set = CrdtkitStates.orSet(items);
        return cases(i -> set.add(SELF, absent.apply(i)), i -> set.merge(set.deltaAdd(SELF, absent.apply(i))));
      }
      case "ORSet.remove": {
        ORSet<String> set = CrdtkitStates.orSet(items);
        return cases(i -> set.remove(SELF, present.apply(i)),
            i -> set.merge(set.deltaRemove(SELF, present.apply(i))));
      }
      case "LWWMap.put": {
        LWWMap<String, String> map = CrdtkitStates.lwwMap(items, Elements.values(0, size));
        return cases(i -> map.put(later[i & (Elements.FRESH - 1)], present.apply(i), "v"),
            i -> map.merge(map.deltaPut(later[i & (Elements.FRESH - 1)], present.apply(i), "v")));
      }
      case "LWWMap.remove": {
        LWWMap<String, String> map = CrdtkitStates.lwwMap(items, Elements.values(0, size));
        return cases(i -> map.remove(later[i & (Elements.FRESH - 1)], present.apply(i)),
            i -> map.merge(map.deltaRemove(later[i & (Elements.FRESH - 1)], present.apply(i))));
      }
      case "ORMap<PNCounter>.increment": {
        ORMap<String, PNCounter> map = ORMap.empty(PNCounter.empty());
        for (int i = 0; i < size; i++) {
          map = map.update(Replicas.crdtkit(i % CrdtkitStates.WRITERS), items[i],
              counter -> counter.deltaIncrement(Replicas.crdtkit(1), 1));
        }
        ORMap<String, PNCounter> fixture = map;
        return cases(i -> fixture.update(SELF, present.apply(i), counter -> counter.deltaIncrement(SELF, 1)),
            i -> fixture.merge(
                fixture.deltaUpdate(SELF, present.apply(i), counter -> counter.deltaIncrement(SELF, 1))));
      }
      case "PNCounter.increment": {
        PNCounter counter = CrdtkitStates.pnCounter(64);
        return cases(i -> counter.increment(SELF, 1), i -> counter.merge(counter.deltaIncrement(SELF, 1)));
      }
      case "GCounter.increment": {
        GCounter counter = GCounter.empty();
        for (int i = 0; i < 64; i++) {
          counter = counter.increment(Replicas.crdtkit(i), i + 1L);
        }
        GCounter fixture = counter;
        return cases(i -> fixture.increment(SELF, 1), i -> fixture.merge(fixture.deltaIncrement(SELF, 1)));
      }
      case "MVRegister.write": {
        MVRegister<String> register = MVRegister.<String>empty().write(Replicas.crdtkit(1), "first")
            .merge(MVRegister.<String>empty().write(Replicas.crdtkit(2), "second"));
        return cases(i -> register.write(SELF, absent.apply(i)),
            i -> register.merge(register.deltaWrite(SELF, absent.apply(i))));
      }
      case "LWWRegister.set": {
        LWWRegister<String> register = LWWRegister.of(CrdtkitStates.timestamp(0, 1), "first");
        return cases(i -> register.set(later[i & (Elements.FRESH - 1)], absent.apply(i)),
            i -> register.merge(register.deltaSet(later[i & (Elements.FRESH - 1)], absent.apply(i))));
      }
      case "EWFlag.enable": {
        EWFlag flag = EWFlag.empty().enable(Replicas.crdtkit(1)).merge(EWFlag.empty().enable(Replicas.crdtkit(2)));
        return cases(i -> flag.enable(SELF), i -> flag.merge(flag.deltaEnable(SELF)));
      }
      case "RWSet.add": {
        RWSet<String> set = RWSet.empty();
        for (int i = 0; i < size; i++) {
          set = set.add(Replicas.crdtkit(i % CrdtkitStates.WRITERS), items[i]);
        }
        RWSet<String> fixture = set;
        return cases(i -> fixture.add(SELF, absent.apply(i)),
            i -> fixture.merge(fixture.deltaAdd(SELF, absent.apply(i))));
      }
      case "GSet.add": {
        GSet<String> set = GSet.ofAll(java.util.Arrays.asList(items));
        return cases(i -> set.add(absent.apply(i)), i -> set.merge(set.deltaAdd(absent.apply(i))));
      }
      case "TwoPhaseSet.add": {
        TwoPhaseSet<String> set = TwoPhaseSet.of(java.util.Arrays.asList(items), java.util.List.of());
        return cases(i -> set.add(absent.apply(i)), i -> set.merge(set.deltaAdd(absent.apply(i))));
      }
      case "Sequence.insert": {
        Sequence<String> text = Sequence.empty();
        for (int i = 0; i < size; i++) {
          text = text.insert(Replicas.crdtkit(i % CrdtkitStates.WRITERS), (int) ((i * 7919L) % (i + 1)), items[i]);
        }
        Sequence<String> fixture = text;
        return cases(i -> fixture.insert(SELF, (i * 31) % size, absent.apply(i)),
            i -> fixture.merge(fixture.deltaInsert(SELF, (i * 31) % size, absent.apply(i))));
      }
      default:
        throw new IllegalArgumentException("no update case '" + name + "'");
    }
  }

  private static UpdateCase cases(IntFunction<Object> plain, IntFunction<Object> viaDelta) {
    return new UpdateCase() {
      @Override
      public Object plain(int i) {
        return plain.apply(i);
      }

      @Override
      public Object viaDelta(int i) {
        return viaDelta.apply(i);
      }
    };
  }
}
