package io.crdtkit.laws;

import io.crdtkit.Crdt;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The states a history's replicas held, to draw law inputs from: half the time a replica's final state, half the
 * time one it held a few steps before (stale states are what late messages carry).
 *
 * <p>A pick names a replica and how many of its own steps back, drawn from bounds that do not depend on the
 * history's length: when shrinking removes a step of another replica, or an early step of this one, the same
 * scenario still picks the same replica's same recent state, so the failure survives the shrink. (Picking by
 * index into all the states held moved every pick whenever one step went.)
 */
final class HeldStates<S extends Crdt<S>> {

  /** How far back a pick of a stale state reaches, in the replica's own steps. */
  private static final int MAX_AGE = 8;

  private final List<S> finalStates;
  private final List<History.Held<S>> everyStateHeld;
  private final List<List<S>> heldByReplica;
  private final Random random;

  HeldStates(History.Run<S> run, Random random) {
    this.finalStates = run.finalStates();
    this.everyStateHeld = run.everyStateHeld();
    this.heldByReplica = new ArrayList<>();
    for (int replica = 0; replica < finalStates.size(); replica++) {
      heldByReplica.add(new ArrayList<>());
    }
    for (History.Held<S> held : everyStateHeld) {
      heldByReplica.get(held.replica()).add(held.state());
    }
    this.random = random;
  }

  static <S extends Crdt<S>> HeldStates<S> of(CrdtDescription<S> description, Scenario<S> scenario) {
    return new HeldStates<>(scenario.history().run(description.bottom()), scenario.random());
  }

  /** A state some replica held, with its replica: its final state, or one up to {@value #MAX_AGE} steps older. */
  History.Held<S> pickHeld() {
    int replica = pickReplica();
    boolean stale = random.nextBoolean();
    int age = random.nextInt(MAX_AGE) + 1;
    if (!stale) {
      return new History.Held<>(replica, finalStates.get(replica));
    }
    List<S> held = heldByReplica.get(replica);
    return new History.Held<>(replica, held.get(Math.max(0, held.size() - 1 - age)));
  }

  S pick() {
    return pickHeld().state();
  }

  /** A replica: drawn among all possible slots and folded, so that fewer replicas keep most picks. */
  int pickReplica() {
    return random.nextInt(Replicas.MAX) % finalStates.size();
  }

  /**
   * {@code count} concurrent states at the same depth: replicas a, b, c... each merge every replica's final state,
   * then each applies one operation of the burst (in turn). Three such siblings are where a tie-break between
   * concurrent updates shows whether merge is associative; random histories reach them rarely. Each replica has
   * merged everything before it updates, so each sibling is a state that replica could hold.
   */
  List<S> siblings(List<Operation<S>> burst, int count) {
    S caughtUp = finalStates.get(0);
    for (S state : finalStates) {
      caughtUp = caughtUp.merge(state);
    }
    List<S> siblings = new ArrayList<>();
    for (int replica = 0; replica < count; replica++) {
      siblings.add(burst.get(replica % burst.size()).apply(caughtUp, Replicas.id(replica)));
    }
    return siblings;
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
