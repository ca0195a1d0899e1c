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
import io.crdtkit.TwoPhaseSet;
import io.crdtkit.clock.HlcTimestamp;
import io.crdtkit.laws.CausalHistory;
import io.crdtkit.laws.HistoryEvent;
import io.crdtkit.laws.Oracle;
import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * Each core type's specification, computed from the causal history alone (which updates a replica received, and
 * which updates each update's replica had received), never from the implementation's metadata. The simulator
 * compares every replica's final value with these.
 */
public final class Oracles {

  private Oracles() {}

  public static Oracle<GCounter> gCounter() {
    return history -> sum(delivered(history), "increment");
  }

  public static Oracle<PNCounter> pnCounter() {
    return history -> sum(delivered(history), "increment") - sum(delivered(history), "decrement");
  }

  public static Oracle<GSet<String>> gSet() {
    return history -> delivered(history).map(Oracles::<String>argument).toSet();
  }

  /** Added, and not removed by a remove whose replica had received an add of it (others are no-ops). */
  public static Oracle<TwoPhaseSet<String>> twoPhaseSet() {
    return history -> {
      List<HistoryEvent<TwoPhaseSet<String>>> events = delivered(history);
      List<HistoryEvent<TwoPhaseSet<String>>> all = List.ofAll(history.all());
      return events.filter(e -> is(e, "add")).map(Oracles::<String>argument).toSet()
          .filter(element -> events.filter(e -> is(e, "remove") && element.equals(argument(e)))
              .forAll(remove -> all.filter(e -> is(e, "add") && element.equals(argument(e)))
                  .forAll(add -> !remove.hadReceived(add))));
    };
  }

  /** Add wins: present iff some add of it survives, i.e. no add, remove or clear of it observed it. */
  public static Oracle<ORSet<String>> orSet() {
    return history -> {
      Observation<ORSet<String>> observation = new Observation<>(history, (later, add) -> is(add, "add")
          && (is(later, "clear") || Objects.equals(argument(later), argument(add))));
      return delivered(history).filter(e -> is(e, "add")).filter(observation::survives)
          .map(Oracles::<String>argument).toSet();
    };
  }

  /** Remove wins: among the surviving adds and removes of an element, an add and no remove. */
  public static Oracle<RWSet<String>> rwSet() {
    return history -> {
      Observation<RWSet<String>> observation =
          new Observation<>(history, (later, earlier) -> Objects.equals(argument(later), argument(earlier)));
      List<HistoryEvent<RWSet<String>>> surviving = delivered(history).filter(observation::survives);
      return surviving.map(Oracles::<String>argument).toSet().filter(element ->
          surviving.exists(e -> is(e, "add") && element.equals(argument(e)))
              && !surviving.exists(e -> is(e, "remove") && element.equals(argument(e))));
    };
  }

  /** Enable wins: enabled iff some enable survives every disable and enable that observed it. */
  public static Oracle<EWFlag> ewFlag() {
    return history -> {
      Observation<EWFlag> observation = new Observation<>(history, (later, enable) -> is(enable, "enable"));
      return delivered(history).filter(e -> is(e, "enable")).exists(observation::survives);
    };
  }

  /** Disable wins: among the surviving enables and disables, an enable and no disable. */
  public static Oracle<DWFlag> dwFlag() {
    return history -> {
      Observation<DWFlag> observation = new Observation<>(history, (later, earlier) -> true);
      List<HistoryEvent<DWFlag>> surviving = delivered(history).filter(observation::survives);
      return surviving.exists(e -> is(e, "enable")) && !surviving.exists(e -> is(e, "disable"));
    };
  }

  /** The values of the writes that no write observed. */
  public static Oracle<MVRegister<String>> mvRegister() {
    return history -> {
      Observation<MVRegister<String>> observation = new Observation<>(history, (later, earlier) -> true);
      return delivered(history).filter(observation::survives).map(Oracles::<String>argument).toLinkedSet();
    };
  }

  /** The write with the greatest (timestamp, replica); its value, or nothing for a clear. */
  public static Oracle<LWWRegister<String>> lwwRegister() {
    return history -> delivered(history)
        .maxBy(event -> event.stateAfter().timestamp().get())
        .flatMap(winner -> winner.stateAfter().value());
  }

  /** Per key, the write with the greatest timestamp; the keys whose winner is a put. */
  public static Oracle<LWWMap<String, Integer>> lwwMap() {
    return history -> {
      List<HistoryEvent<LWWMap<String, Integer>>> events = delivered(history);
      Map<String, Integer> live = HashMap.empty();
      for (String key : events.map(event -> timed(event).key()).toSet()) {
        Option<Integer> winner = events.filter(event -> timed(event).key().equals(key))
            .maxBy(event -> timestampOf(event, key))
            .flatMap(event -> event.stateAfter().get(key));
        if (winner.isDefined()) {
          live = live.put(key, winner.get());
        }
      }
      return live;
    };
  }

  /**
   * Keys are add-wins: a key is present iff one of its updates survives; a key removal takes away the updates it
   * observed, and a replica's update takes away that replica's previous one (its delta carries the replica's new
   * totals). A key's count is the sum, over surviving updates, of their replica's totals: its previous update's
   * totals if that one was still present there, plus this change.
   */
  public static Oracle<ORMap<String, PNCounter>> orMapOfCounters() {
    return history -> {
      Observation<ORMap<String, PNCounter>> observation = new Observation<>(history, (later, update) ->
          !is(update, "remove") && argument(later).equals(argument(update))
              && (is(later, "remove") || later.replica().equals(update.replica()) && later.id() > update.id()));
      List<HistoryEvent<ORMap<String, PNCounter>>> all = List.ofAll(history.all());
      Map<String, Long> expected = HashMap.empty();
      for (HistoryEvent<ORMap<String, PNCounter>> update
          : delivered(history).filter(e -> !is(e, "remove")).filter(observation::survives)) {
        expected = expected.put(argument(update), expected.getOrElse(argument(update), 0L)
            + totalOf(update, all, observation));
      }
      return expected;
    };
  }

  private static long totalOf(HistoryEvent<ORMap<String, PNCounter>> update,
      List<HistoryEvent<ORMap<String, PNCounter>>> all, Observation<ORMap<String, PNCounter>> observation) {
    long change = is(update, "decrement") ? -1 : 1;
    Option<HistoryEvent<ORMap<String, PNCounter>>> previous = all
        .filter(e -> e.id() < update.id() && e.replica().equals(update.replica()) && !is(e, "remove")
            && argument(e).equals(argument(update)))
        .maxBy(HistoryEvent::id);
    return previous.filter(p -> observation.presentAt(p, update))
        .map(p -> totalOf(p, all, observation) + change)
        .getOrElse(change);
  }

  /**
   * Keys and elements both add-wins. An add of an element is taken away by a later update of that element or a
   * removal of its key, if they observed it; an element removal only by a removal of its key. A key is present iff
   * one of its updates survives (its set may be empty); its elements are those with a surviving add.
   */
  public static Oracle<ORMap<String, ORSet<String>>> orMapOfSets() {
    return history -> {
      Observation<ORMap<String, ORSet<String>>> observation = new Observation<>(history, (later, update) ->
          !is(update, "remove key") && (is(later, "remove key")
              ? argument(later).equals(keyed(update).key())
              : is(update, "add") && keyed(later).equals(keyed(update))));
      List<HistoryEvent<ORMap<String, ORSet<String>>>> surviving =
          delivered(history).filter(e -> !is(e, "remove key")).filter(observation::survives);
      return surviving.groupBy(e -> keyed(e).key())
          .mapValues(updates -> updates.filter(e -> is(e, "add")).map(e -> keyed(e).element()).toSet());
    };
  }

  private static <S> List<HistoryEvent<S>> delivered(CausalHistory<S> history) {
    return List.ofAll(history.delivered());
  }

  private static long sum(List<? extends HistoryEvent<?>> events, String name) {
    return events.filter(event -> is(event, name)).map(event -> (Long) event.operation().argument()).sum().longValue();
  }

  private static boolean is(HistoryEvent<?> event, String name) {
    return event.operation().name().equals(name);
  }

  @SuppressWarnings("unchecked")
  private static <T> T argument(HistoryEvent<?> event) {
    return (T) event.operation().argument();
  }

  private static CoreTypes.KeyedChange keyed(HistoryEvent<?> event) {
    return (CoreTypes.KeyedChange) event.operation().argument();
  }

  private static CoreTypes.KeyedWrite timed(HistoryEvent<?> event) {
    return (CoreTypes.KeyedWrite) event.operation().argument();
  }

  private static HlcTimestamp timestampOf(HistoryEvent<LWWMap<String, Integer>> event, String key) {
    return event.stateAfter().parts().registers().get(key).get().timestamp().get();
  }
}
