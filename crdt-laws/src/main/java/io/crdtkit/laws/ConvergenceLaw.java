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
 * the same value.
 */
final class ConvergenceLaw {

  private static final double DROP = 0.15;
  private static final double DUPLICATE = 0.10;

  private ConvergenceLaw() {}

  private record Message<S>(int to, S payload) {}

  static <S extends Crdt<S>> void replicasConverge(CrdtDescription<S> description, Scenario<S> scenario) {
    History<S> history = scenario.history();
    Random random = scenario.random();
    List<S> states = new ArrayList<>(Collections.nCopies(history.replicas(), description.bottom()));
    List<Message<S>> inFlight = new ArrayList<>();

    for (History.Step<S> step : history.steps()) {
      if (step instanceof History.Update<S> update) {
        S state = states.get(update.replica());
        ReplicaId id = History.replicaId(update.replica());
        S delta = update.operation().delta(state, id);
        S next = update.viaDelta() ? state.merge(delta) : update.operation().apply(state, id);
        states.set(update.replica(), next);
        for (int other = 0; other < history.replicas(); other++) {
          if (other != update.replica()) {
            inFlight.add(new Message<>(other, delta));
          }
        }
      } else if (step instanceof History.Merge<S> merge) {
        inFlight.add(new Message<>(merge.into(), states.get(merge.from())));
      }
      deliverSome(inFlight, states, random, random.nextInt(3));
    }
    deliverSome(inFlight, states, random, inFlight.size());

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
          "states before the final exchange", states);
      Laws.requireEqual("replicas converge under any delivery", description.valueOf(converged.get(replica)),
          description.valueOf(converged.get(0)), "value at " + History.replicaId(replica), "value at a");
    }
  }

  /** Takes {@code count} random messages off the network: each is dropped, delivered, or delivered and kept. */
  private static <S extends Crdt<S>> void deliverSome(
      List<Message<S>> inFlight, List<S> states, Random random, int count) {
    for (int i = 0; i < count && !inFlight.isEmpty(); i++) {
      Message<S> message = inFlight.remove(random.nextInt(inFlight.size()));
      double fate = random.nextDouble();
      if (fate < DROP) {
        continue;
      }
      states.set(message.to, states.get(message.to).merge(message.payload));
      if (fate < DROP + DUPLICATE) {
        inFlight.add(message);
      }
    }
  }
}
