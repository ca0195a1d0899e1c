package io.crdtkit.laws.types;

import io.crdtkit.clock.Dot;
import io.crdtkit.clock.ReplicaId;
import io.crdtkit.laws.HeldState;
import io.crdtkit.laws.HistoryEvent;
import io.crdtkit.laws.Operation;
import io.crdtkit.laws.SimulationResult;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The strong list specification (Attiya et al., PODC 2016, §3) checked on a simulated run of a list edited with
 * {@link CoreTypes#sequence()}'s operations, from what replicas showed through the public API alone:
 * <ul>
 *   <li><b>one order</b>: every list any replica showed, at every change, and the converged list, agree with one
 *       total order of all elements ({@link OrderGraph});
 *   <li><b>local edits are exact</b>: an insert of k elements at index i shows them at i..i+k-1 under k fresh ids of
 *       its replica, and every other element where it was; a delete of a range removes exactly that range;
 *   <li><b>the live elements</b> of every state held are those inserted and not deleted by the updates it received:
 *       none other ever, and every one whose whole causal past it received (with deltas delivered out of causal
 *       order, an element whose parent has not arrived may wait unseen, but only then);
 *   <li>if a hook (a collector) replaced a state, the replacement shows the same ids in the same order.
 * </ul>
 */
public final class StrongListSpecification {

  private static final int MAX_PROBLEMS = 6;

  private StrongListSpecification() {}

  /**
   * What one local update did to the list, as read back: the ids it inserted or deleted, or what was wrong.
   *
   * @param inserted the ids of the elements it inserted
   * @param deleted  the ids of the elements it deleted
   * @param problem  how the list read back differs from the edit, or null if it is exact
   */
  record Effect(List<Dot> inserted, List<Dot> deleted, @Nullable String problem) {}

  /** Everything that breaks the specification in {@code result}, whose changes {@code recorded} saw; empty if none. */
  public static <S> List<String> check(SimulationResult<S> result, RecordingHook<S> recorded, ListView<S> view) {
    List<String> problems = new ArrayList<>();
    List<HistoryEvent<S>> events = result.history();
    List<RecordingHook.Change<S>> changes = recorded.changes();
    Map<Integer, Effect> effects = new HashMap<>();
    Set<Dot> everInserted = new HashSet<>();
    int[] lastUpdateAt = new int[changes.size()];
    java.util.Arrays.fill(lastUpdateAt, -1);
    int cursor = 0;
    for (HistoryEvent<S> event : events) {
      int at = cursor;
      while (at < changes.size() && !isMadeBy(changes.get(at), event)) {
        at++;
      }
      if (at == changes.size()) {
        add(problems, "update " + event + ": the change it made was not recorded (is the RecordingHook the "
            + "simulation's hook?)");
        continue;
      }
      java.util.Arrays.fill(lastUpdateAt, at, changes.size(), event.id());
      cursor = at + 1;
      Effect effect = localEdit(view, event.operation(), event.replica(), changes.get(at).before(),
          event.stateAfter(), everInserted);
      everInserted.addAll(effect.inserted());
      effects.put(event.id(), effect);
      if (effect.problem() != null) {
        add(problems, "local edit " + event + " is not exact: " + effect.problem());
      }
    }

    OrderGraph order = new OrderGraph();
    for (int i = 0; i < changes.size(); i++) {
      RecordingHook.Change<S> change = changes.get(i);
      String where = change.replica() + " at change " + i
          + (lastUpdateAt[i] < 0 ? "" : " (after update #" + lastUpdateAt[i] + ")");
      List<Dot> kept = view.ids(change.kept());
      order.observe(kept, where);
      if (change.kept() != change.offered()) {
        List<Dot> offered = view.ids(change.offered());
        if (!offered.equals(kept) || !view.elements(change.offered()).equals(view.elements(change.kept()))) {
          add(problems, "the hook changed what " + where + " shows: " + view.elements(change.offered()) + " "
              + offered + " became " + view.elements(change.kept()) + " " + kept);
        }
      }
    }
    result.finalStates().forEach((replica, state) -> order.observe(view.ids(state), "final state of " + replica));
    order.cycle().ifPresent(cycle -> add(problems, cycle));

    List<BitSet> pasts = causalPasts(events);
    for (HeldState<S> held : result.heldStates()) {
      checkLive(problems, view.ids(held.state()), held.received(), held.replica() + " holding "
          + view.elements(held.state()), events, effects, pasts);
    }
    result.finalStates().forEach((replica, state) -> checkLive(problems, view.ids(state), result.delivered(),
        "final state of " + replica, events, effects, pasts));
    return problems;
  }

  /**
   * Whether {@code change} is the one {@code event} made: its new state is the event's (the same object), and the
   * update re-applied to its state before gives it. The second test tells a no-op update (a delete on an empty list
   * returns the state it was given) from the earlier change that made that state.
   */
  private static <S> boolean isMadeBy(RecordingHook.Change<S> change, HistoryEvent<S> event) {
    return change.replica().equals(event.replica()) && change.offered() == event.stateAfter()
        && event.operation().apply(change.before(), event.replica()).equals(event.stateAfter());
  }

  /**
   * The failure report of a run: the seed that reproduces it, the simulator's problems and the specification's, and
   * the end of the trace.
   *
   * @return the report, or null if the run converged and meets the specification
   */
  public static <S> @Nullable String report(SimulationResult<S> result, List<String> problems) {
    if (result.holds() && problems.isEmpty()) {
      return null;
    }
    StringBuilder text = new StringBuilder(result.simulation() + ": the strong list specification does not hold"
        + " (rerun with .seed(" + result.seed() + "))");
    result.problems().forEach(problem -> text.append("\n  ").append(problem));
    problems.forEach(problem -> text.append("\n  ").append(problem));
    List<String> trace = result.trace();
    text.append("\n  last steps of ").append(trace.size()).append(':');
    trace.subList(Math.max(0, trace.size() - 40), trace.size()).forEach(line -> text.append("\n    ").append(line));
    return text.toString();
  }

  /** The updates each update's replica had received, directly or through the updates it had received. */
  private static <S> List<BitSet> causalPasts(List<HistoryEvent<S>> events) {
    List<BitSet> pasts = new ArrayList<>();
    for (HistoryEvent<S> event : events) {
      BitSet past = event.received();
      event.received().stream().forEach(earlier -> past.or(pasts.get(earlier)));
      pasts.add(past);
    }
    return pasts;
  }

  private static <S> void checkLive(List<String> problems, List<Dot> shown, BitSet received, String who,
      List<HistoryEvent<S>> events, Map<Integer, Effect> effects, List<BitSet> pasts) {
    Set<Dot> inserted = new LinkedHashSet<>();
    Set<Dot> deleted = new HashSet<>();
    Set<Dot> mustShow = new LinkedHashSet<>();
    received.stream().forEach(id -> {
      Effect effect = effects.get(id);
      if (effect != null) {
        inserted.addAll(effect.inserted());
        deleted.addAll(effect.deleted());
        BitSet missing = (BitSet) pasts.get(id).clone();
        missing.andNot(received);
        if (missing.isEmpty()) {
          mustShow.addAll(effect.inserted());
        }
      }
    });
    Set<Dot> live = new LinkedHashSet<>(inserted);
    live.removeAll(deleted);
    mustShow.removeAll(deleted);
    for (Dot id : shown) {
      if (!live.contains(id)) {
        add(problems, who + " shows " + id + " although "
            + (inserted.contains(id) ? "it received a delete of it" : "it received no insert of it")
            + " (" + received.cardinality() + " of " + events.size() + " updates received)");
      }
    }
    Set<Dot> missing = new LinkedHashSet<>(mustShow);
    shown.forEach(missing::remove);
    if (!missing.isEmpty()) {
      add(problems, who + " lacks " + missing + ", inserted by updates it received with their whole causal past,"
          + " and deleted by none it received (" + received.cardinality() + " of " + events.size()
          + " updates received)");
    }
  }

  /**
   * Reads back one local update ({@link CoreTypes.TextInsert} or {@link CoreTypes.RangeDelete}) made by
   * {@code replica} on {@code before}, giving {@code after}: what it inserted or deleted, and whether it did exactly
   * that. {@code everInserted} holds the ids earlier inserts created, which a fresh id must not repeat.
   */
  static <S> Effect localEdit(ListView<S> view, Operation<S> operation, ReplicaId replica, S before, S after,
      Set<Dot> everInserted) {
    List<Dot> idsBefore = view.ids(before);
    List<?> elementsBefore = view.elements(before);
    List<Dot> ids = view.ids(after);
    List<?> elements = view.elements(after);
    if (operation.argument() instanceof CoreTypes.TextInsert insert) {
      int index = insert.index(idsBefore.size());
      int count = insert.text().length();
      List<Object> expected = new ArrayList<>(elementsBefore);
      expected.addAll(index, insert.characters());
      if (!elements.equals(expected) || ids.size() != idsBefore.size() + count) {
        return new Effect(List.of(), List.of(), "expected " + expected + ", read " + elements);
      }
      List<Dot> fresh = List.copyOf(ids.subList(index, index + count));
      List<Dot> others = new ArrayList<>(ids);
      others.subList(index, index + count).clear();
      if (!others.equals(idsBefore)) {
        return new Effect(fresh, List.of(), "the other elements' ids moved: " + idsBefore + " became " + ids);
      }
      for (Dot id : fresh) {
        if (!id.replica().equals(replica) || everInserted.contains(id) || idsBefore.contains(id)
            || new HashSet<>(fresh).size() != count) {
          return new Effect(fresh, List.of(), "the new ids " + fresh + " are not fresh ids of " + replica);
        }
      }
      return new Effect(fresh, List.of(), null);
    }
    if (operation.argument() instanceof CoreTypes.RangeDelete delete) {
      if (idsBefore.isEmpty()) {
        return new Effect(List.of(), List.of(), ids.isEmpty() ? null : "a delete on an empty list shows " + ids);
      }
      int index = delete.index(idsBefore.size());
      int count = delete.length(idsBefore.size());
      List<Dot> gone = List.copyOf(idsBefore.subList(index, index + count));
      List<Dot> expectedIds = new ArrayList<>(idsBefore);
      expectedIds.subList(index, index + count).clear();
      List<Object> expected = new ArrayList<>(elementsBefore);
      expected.subList(index, index + count).clear();
      if (!ids.equals(expectedIds) || !elements.equals(expected)) {
        return new Effect(List.of(), gone, "expected " + expected + " " + expectedIds + ", read " + elements + " "
            + ids);
      }
      return new Effect(List.of(), gone, null);
    }
    throw new IllegalArgumentException("not a list edit of CoreTypes.sequence(): " + operation);
  }

  private static void add(List<String> problems, String problem) {
    if (problems.size() < MAX_PROBLEMS) {
      problems.add(problem);
    }
  }
}
