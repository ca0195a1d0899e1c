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
import io.crdtkit.TwoPhaseSet;
import io.crdtkit.clock.CausalContext;
import io.crdtkit.clock.Dot;
import io.crdtkit.clock.HlcTimestamp;
import io.crdtkit.clock.VectorClock;
import net.jqwik.api.Group;

/** The {@link CodecContract} for every type and clock. */
class TypeCodecProperties {

  @Group
  class GCounters extends CodecContract<GCounter> {
    @Override
    Subject<GCounter> subject() {
      return Subjects.gCounter();
    }
  }

  @Group
  class PNCounters extends CodecContract<PNCounter> {
    @Override
    Subject<PNCounter> subject() {
      return Subjects.pnCounter();
    }
  }

  @Group
  class GSets extends CodecContract<GSet<String>> {
    @Override
    Subject<GSet<String>> subject() {
      return Subjects.gSet();
    }
  }

  @Group
  class TwoPhaseSets extends CodecContract<TwoPhaseSet<String>> {
    @Override
    Subject<TwoPhaseSet<String>> subject() {
      return Subjects.twoPhaseSet();
    }
  }

  @Group
  class ORSets extends CodecContract<ORSet<String>> {
    @Override
    Subject<ORSet<String>> subject() {
      return Subjects.orSet();
    }
  }

  @Group
  class ORSetsOfRecords extends CodecContract<ORSet<Item>> {
    @Override
    Subject<ORSet<Item>> subject() {
      return Subjects.orSetOfItems();
    }
  }

  @Group
  class RWSets extends CodecContract<RWSet<String>> {
    @Override
    Subject<RWSet<String>> subject() {
      return Subjects.rwSet();
    }
  }

  @Group
  class EWFlags extends CodecContract<EWFlag> {
    @Override
    Subject<EWFlag> subject() {
      return Subjects.ewFlag();
    }
  }

  @Group
  class DWFlags extends CodecContract<DWFlag> {
    @Override
    Subject<DWFlag> subject() {
      return Subjects.dwFlag();
    }
  }

  @Group
  class MVRegisters extends CodecContract<MVRegister<String>> {
    @Override
    Subject<MVRegister<String>> subject() {
      return Subjects.mvRegister();
    }
  }

  @Group
  class LWWRegisters extends CodecContract<LWWRegister<String>> {
    @Override
    Subject<LWWRegister<String>> subject() {
      return Subjects.lwwRegister();
    }
  }

  @Group
  class LWWMaps extends CodecContract<LWWMap<String, Integer>> {
    @Override
    Subject<LWWMap<String, Integer>> subject() {
      return Subjects.lwwMap();
    }
  }

  @Group
  class LWWMapsWithoutDots extends CodecContract<LWWMap<String, Integer>> {
    @Override
    Subject<LWWMap<String, Integer>> subject() {
      return Subjects.lwwMapWithoutDots();
    }
  }

  @Group
  class ORMapsOfCounters extends CodecContract<ORMap<String, PNCounter>> {
    @Override
    Subject<ORMap<String, PNCounter>> subject() {
      return Subjects.orMapOfCounters();
    }
  }

  @Group
  class ORMapsOfSets extends CodecContract<ORMap<String, ORSet<String>>> {
    @Override
    Subject<ORMap<String, ORSet<String>>> subject() {
      return Subjects.orMapOfSets();
    }
  }

  @Group
  class ORMapsOfMaps extends CodecContract<ORMap<String, ORMap<String, MVRegister<String>>>> {
    @Override
    Subject<ORMap<String, ORMap<String, MVRegister<String>>>> subject() {
      return Subjects.orMapOfMaps();
    }
  }

  @Group
  class ORMapsOfRegistersKeyedByRecords extends CodecContract<ORMap<Item, LWWRegister<String>>> {
    @Override
    Subject<ORMap<Item, LWWRegister<String>>> subject() {
      return Subjects.orMapOfRegisters();
    }
  }

  @Group
  class SequencesOfCharacters extends CodecContract<Sequence<Character>> {
    @Override
    Subject<Sequence<Character>> subject() {
      return Subjects.text();
    }
  }

  @Group
  class SequencesOfStrings extends CodecContract<Sequence<String>> {
    @Override
    Subject<Sequence<String>> subject() {
      return Subjects.sequenceOfStrings();
    }
  }

  @Group
  class Dots extends CodecContract<Dot> {
    @Override
    Subject<Dot> subject() {
      return ClockSubjects.dot();
    }
  }

  @Group
  class HlcTimestamps extends CodecContract<HlcTimestamp> {
    @Override
    Subject<HlcTimestamp> subject() {
      return ClockSubjects.hlcTimestamp();
    }
  }

  @Group
  class VectorClocks extends CodecContract<VectorClock> {
    @Override
    Subject<VectorClock> subject() {
      return ClockSubjects.vectorClock();
    }
  }

  @Group
  class CausalContexts extends CodecContract<CausalContext> {
    @Override
    Subject<CausalContext> subject() {
      return ClockSubjects.causalContext();
    }
  }
}
