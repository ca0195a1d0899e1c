package io.crdtkit.laws;

import io.crdtkit.Crdt;
import io.crdtkit.clock.ReplicaId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The delta-state laws of Almeida, Shoker and Baquero (2018): a delta merged in does what the full mutator does,
 * and deltas joined into groups reach the same state whatever grouping and order they are delivered in, duplicates
 * included, as long as the receiver has the state the deltas were made from.
 */
final class DeltaLaws {

  private DeltaLaws() {}

  /**
   * {@code x merge delta(x) == m(x)}, for each operation of the burst in turn, at the replica that holds x; and
   * {@code delta(x) merge x == m(x)}: a type may answer the first from what the delta remembers of {@code x}
   * (crdt-core's types do, so that a replicated update costs one descent), the second is a join in every type.
   */
  static <S extends Crdt<S>> void deltaEqualsFullMutator(CrdtDescription<S> description, Scenario<S> scenario) {
    History.Held<S> start = HeldStates.of(description, scenario).pickHeld();
    ReplicaId replica = start.replicaId();
    S state = start.state();
    for (Operation<S> operation : scenario.burst()) {
      S full = operation.apply(state, replica);
      S delta = operation.delta(state, replica);
      Laws.requireEqual("merging a delta equals the full mutator", state.merge(delta), full,
          "x merge delta", operation + " on x", "x", state, "replica", replica, "delta", delta);
      Laws.requireEqual("merging a delta equals the full mutator", delta.merge(state), full,
          "delta merge x", operation + " on x", "x", state, "replica", replica, "delta", delta);
      state = full;
    }
  }

  /**
   * A sender applies the burst, making one delta per operation; the deltas are joined into random contiguous
   * groups and delivered, shuffled and with one group twice, to a receiver that has the sender's starting state
   * (and its own concurrent updates). It must end where merging the sender's whole final state would take it.
   */
  static <S extends Crdt<S>> void deltaGroupsInAnyOrder(CrdtDescription<S> description, Scenario<S> scenario) {
    HeldStates<S> held = HeldStates.of(description, scenario);
    Random random = held.random();
    int senderIndex = held.pickReplica();
    ReplicaId sender = History.replicaId(senderIndex);
    S senderStart = held.finalStates().get(senderIndex);
    S receiver = held.pick().merge(senderStart);

    S senderState = senderStart;
    List<S> deltas = new ArrayList<>();
    for (Operation<S> operation : scenario.burst()) {
      deltas.add(operation.delta(senderState, sender));
      senderState = operation.apply(senderState, sender);
    }

    List<S> groups = new ArrayList<>();
    S group = null;
    for (S delta : deltas) {
      group = group == null ? delta : group.merge(delta);
      if (random.nextBoolean()) {
        groups.add(group);
        group = null;
      }
    }
    if (group != null) {
      groups.add(group);
    }
    groups.add(groups.get(random.nextInt(groups.size())));
    Collections.shuffle(groups, random);

    S delivered = receiver;
    for (S each : groups) {
      delivered = delivered.merge(each);
    }
    Laws.requireEqual("delta groups merged in any order equal the full-state merge", delivered,
        receiver.merge(senderState), "receiver merge groups", "receiver merge sender's state",
        "sender", sender, "receiver", receiver, "groups in delivery order", groups);
  }
}
