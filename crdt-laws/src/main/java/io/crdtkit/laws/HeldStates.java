package io.crdtkit.laws;

import io.crdtkit.Crdt;
import java.util.List;
import java.util.Random;

/**
 * The states a history's replicas held, to draw law inputs from: half the time a replica's final state, half the
 * time any state held along the way (stale states are what late messages carry).
 */
final class HeldStates<S extends Crdt<S>> {

  private final List<S> finalStates;
  private final List<History.Held<S>> everyStateHeld;
  private final Random random;

  HeldStates(History.Run<S> run, Random random) {
    this.finalStates = run.finalStates();
    this.everyStateHeld = run.everyStateHeld();
    this.random = random;
  }

  static <S extends Crdt<S>> HeldStates<S> of(CrdtDescription<S> description, Scenario<S> scenario) {
    return new HeldStates<>(scenario.history().run(description.bottom()), scenario.random());
  }

  /** A state some replica held, with its replica. */
  History.Held<S> pickHeld() {
    if (random.nextBoolean()) {
      int replica = random.nextInt(finalStates.size());
      return new History.Held<>(replica, finalStates.get(replica));
    }
    return everyStateHeld.get(random.nextInt(everyStateHeld.size()));
  }

  S pick() {
    return pickHeld().state();
  }

  int pickReplica() {
    return random.nextInt(finalStates.size());
  }

  List<S> finalStates() {
    return finalStates;
  }

  List<History.Held<S>> everyStateHeld() {
    return everyStateHeld;
  }

  Random random() {
    return random;
  }
}
