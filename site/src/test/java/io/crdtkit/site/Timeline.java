package io.crdtkit.site;

import io.crdtkit.Crdt;
import io.crdtkit.clock.ReplicaId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A scenario on a few replicas, run through the library as it is recorded: each local update is applied to that
 * replica's state, each delivery merges the state the sender held when it sent. The type pages draw it
 * ({@link TimelineSvg}) from what the run produced, so a change of semantics changes the picture; the test that
 * records it asserts the outcome the page states.
 *
 * <pre>{@code
 * Timeline<ORSet<String>> t = Timeline.of("ORSet", ORSet.<String>empty(), s -> Show.set(s.value()), ALICE, BOB)
 *     .update(ALICE, "add milk", s -> s.add(ALICE, "milk"))
 *     .merge(ALICE, BOB)
 *     .update(ALICE, "remove milk", s -> s.remove(ALICE, "milk"));
 * }</pre>
 *
 * @param <S> the CRDT the replicas hold
 */
final class Timeline<S extends Crdt<S>> {

  enum Kind { UPDATE, MERGE }

  /**
   * One event on one replica's lane: a local update, or the merge of a message, drawn in {@code column} (events made
   * {@linkplain #meanwhile meanwhile} share one). {@code sentAfter} is, for a merge,
   * how many events had happened when the message was sent (where its arrow starts), and {@code from} its
   * sender; an update has no sender (null) and {@code sentAfter} -1.
   */
  record Event(int step, int column, ReplicaId replica, Kind kind, String label, String valueAfter,
      ReplicaId from, int sentAfter) {}

  /** A state in flight: what {@code from} held after {@code sentAfter} events. */
  record Message<S>(ReplicaId from, S state, int sentAfter) {}

  private final String type;
  private final Function<S, String> show;
  private final Map<ReplicaId, S> states = new LinkedHashMap<>();
  private final List<Event> events = new ArrayList<>();
  private String outcome = "";

  private Timeline(String type, S initial, Function<S, String> show, List<ReplicaId> replicas) {
    this.type = type;
    this.show = show;
    replicas.forEach(replica -> states.put(replica, initial));
  }

  /** Replicas that all start from {@code initial}; {@code show} writes a state's value as the picture shows it. */
  static <S extends Crdt<S>> Timeline<S> of(String type, S initial, Function<S, String> show, ReplicaId... replicas) {
    return new Timeline<>(type, initial, show, List.of(replicas));
  }

  /** {@code replica} applies {@code update} to its own state. */
  Timeline<S> update(ReplicaId replica, String label, UnaryOperator<S> update) {
    return update(replica, label, update, nextColumn());
  }

  /**
   * {@code replica} applies {@code update} to its own state at the same time as the previous update, which
   * another replica made: the picture draws them one above the other, concurrent as they are.
   */
  Timeline<S> meanwhile(ReplicaId replica, String label, UnaryOperator<S> update) {
    int column = nextColumn() - 1;
    boolean alongsideUpdatesOfOthers = !events.isEmpty() && events.stream().filter(e -> e.column() == column)
        .allMatch(e -> e.kind() == Kind.UPDATE && !e.replica().equals(replica));
    if (!alongsideUpdatesOfOthers) {
      throw new IllegalStateException("meanwhile follows an update of another replica: " + label);
    }
    return update(replica, label, update, column);
  }

  private Timeline<S> update(ReplicaId replica, String label, UnaryOperator<S> update, int column) {
    S after = update.apply(state(replica));
    states.put(replica, after);
    events.add(new Event(events.size(), column, replica, Kind.UPDATE, label, show.apply(after), null, -1));
    return this;
  }

  private int nextColumn() {
    return events.isEmpty() ? 0 : events.get(events.size() - 1).column() + 1;
  }

  /** {@code to} merges the state {@code from} holds now (a message delivered at once). */
  Timeline<S> merge(ReplicaId from, ReplicaId to) {
    return deliver(send(from), to);
  }

  /** What {@code from} holds now, to be delivered later ({@link #deliver}), maybe after it changed. */
  Message<S> send(ReplicaId from) {
    return new Message<>(from, state(from), events.size());
  }

  /** {@code to} merges a message sent earlier. */
  Timeline<S> deliver(Message<S> message, ReplicaId to) {
    return deliver(message, to, "merge " + message.from().name());
  }

  /** {@code to} merges a message sent earlier; {@code label} says what arrives (an old copy, a delta...). */
  Timeline<S> deliver(Message<S> message, ReplicaId to, String label) {
    S after = state(to).merge(message.state());
    states.put(to, after);
    events.add(new Event(events.size(), nextColumn(), to, Kind.MERGE, label, show.apply(after), message.from(),
        message.sentAfter()));
    return this;
  }

  /** What the picture says under the lanes: the outcome the test asserted. */
  Timeline<S> outcome(String sentence) {
    this.outcome = sentence;
    return this;
  }

  S state(ReplicaId replica) {
    S state = states.get(replica);
    if (state == null) {
      throw new IllegalArgumentException(replica + " is not a replica of this timeline: " + states.keySet());
    }
    return state;
  }

  /** The value of {@code replica}'s state as the picture shows it. */
  String shown(ReplicaId replica) {
    return show.apply(state(replica));
  }

  String type() {
    return type;
  }

  List<ReplicaId> replicas() {
    return List.copyOf(states.keySet());
  }

  List<Event> events() {
    return List.copyOf(events);
  }

  int columns() {
    return nextColumn();
  }

  String outcome() {
    return outcome;
  }

  /** Whether every replica holds an equal state (not only an equal value). */
  boolean converged() {
    return states.values().stream().distinct().count() == 1;
  }
}
