package io.crdtkit.laws;

import io.crdtkit.Crdt;
import io.crdtkit.clock.ReplicaId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Strong eventual consistency over a hostile network: the history's updates are sent as deltas to every other
 * replica and its merges become state messages; the network then drops, duplicates and reorders them while the
 * replicas keep updating. After a final exchange of whole states, every replica must hold the same state, and so
 * the same value. A failure prints the trace: every message sent, and whether it was delivered, dropped or
 * delivered twice, in the order the network did it.
 */
final class ConvergenceLaw {

  private static final double DROP = 0.15;
  private static final double DUPLICATE = 0.10;

  private ConvergenceLaw() {}

  /** Most lines of trace a failure prints: the last ones, where the replicas parted. */
  private static final int MAX_TRACE_LINES = 120;

  private record Message<S>(int number, String what, int to, S payload) {
    @Override
    public String toString() {
      return "#" + number + " " + what + " to " + History.replicaId(to);
    }
  }

  /** What the network did, in order, for the failure report. */
  private static final class Trace {
    private final List<String> lines = new ArrayList<>();
    private int messages;

    int nextMessage() {
      return ++messages;
    }

    void add(String line) {
      lines.add(line);
    }

    @Override
    public String toString() {
      List<String> shown = lines.size() <= MAX_TRACE_LINES ? lines
          : lines.subList(lines.size() - MAX_TRACE_LINES, lines.size());
      StringBuilder text = new StringBuilder(lines.size() > shown.size()
          ? "(the last " + shown.size() + " of " + lines.size() + " events)" : "");
      shown.forEach(line -> text.append("\n    ").append(line));
      return text.toString();
    }
  }

  static <S extends Crdt<S>> void replicasConverge(CrdtDescription<S> description, Scenario<S> scenario) {
    History<S> history = scenario.history();
    Random random = scenario.random();
    List<S> states = new ArrayList<>(Collections.nCopies(history.replicas(), description.bottom()));
    List<Message<S>> inFlight = new ArrayList<>();
    Trace trace = new Trace();

    for (History.Step<S> step : history.steps()) {
      if (step instanceof History.Update<S> update) {
        // A repeated update travels as one delta group, as a node batches the updates made between two sends.
        ReplicaId id = History.replicaId(update.replica());
        S group = null;
        for (int time = 0; time < update.times(); time++) {
          S state = states.get(update.replica());
          S delta = update.operation().delta(state, id);
          group = group == null ? delta : group.merge(delta);
          states.set(update.replica(), update.viaDelta() ? state.merge(delta) : update.operation().apply(state, id));
        }
        String repeated = update.times() > 1 ? " (" + update.times() + " times)" : "";
        String what = (update.times() > 1 ? "delta group of " : "delta of ") + id + ": " + update.operation()
            + repeated;
        List<Message<S>> sent = new ArrayList<>();
        for (int other = 0; other < history.replicas(); other++) {
          if (other != update.replica()) {
            sent.add(new Message<>(trace.nextMessage(), what, other, group));
          }
        }
        inFlight.addAll(sent);
        trace.add(id + ": " + update.operation() + repeated + ", sends " + sent);
      } else if (step instanceof History.Merge<S> merge) {
        Message<S> message = new Message<>(trace.nextMessage(), "state of " + History.replicaId(merge.from()),
            merge.into(), states.get(merge.from()));
        inFlight.add(message);
        trace.add(History.replicaId(merge.from()) + ": sends " + message);
      }
      deliverSome(inFlight, states, random, random.nextInt(3), trace);
    }
    trace.add("-- the network delivers or drops what is left --");
    deliverSome(inFlight, states, random, inFlight.size(), trace);

    List<S> converged = new ArrayList<>();
    for (int replica = 0; replica < states.size(); replica++) {
      List<Integer> order = new ArrayList<>();
      for (int other = 0; other < states.size(); other++) {
        order.add(other);
      }
      Collections.shuffle(order, random);
      S state = states.get(replica);
      for (int other : order) {
        state = state.merge(states.get(other));
      }
      converged.add(state);
    }
    for (int replica = 1; replica < converged.size(); replica++) {
      Laws.requireEqual("replicas converge under any delivery", converged.get(replica), converged.get(0),
          History.replicaId(replica) + " after the final exchange", History.replicaId(0) + " after it",
          "states before the final exchange", states, "what the network did", trace);
      Laws.requireEqual("replicas converge under any delivery", description.valueOf(converged.get(replica)),
          description.valueOf(converged.get(0)), "value at " + History.replicaId(replica), "value at a");
    }
  }

  /** Takes {@code count} random messages off the network: each is dropped, delivered, or delivered and kept. */
  private static <S extends Crdt<S>> void deliverSome(
      List<Message<S>> inFlight, List<S> states, Random random, int count, Trace trace) {
    for (int i = 0; i < count && !inFlight.isEmpty(); i++) {
      Message<S> message = inFlight.remove(random.nextInt(inFlight.size()));
      double fate = random.nextDouble();
      if (fate < DROP) {
        trace.add("  dropped " + message);
        continue;
      }
      states.set(message.to, states.get(message.to).merge(message.payload));
      if (fate < DROP + DUPLICATE) {
        inFlight.add(message);
        trace.add("  delivered " + message + " (and it will arrive again)");
      } else {
        trace.add("  delivered " + message);
      }
    }
  }
}
