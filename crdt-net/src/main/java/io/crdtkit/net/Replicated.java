package io.crdtkit.net;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.crdtkit.Crdt;
import io.crdtkit.gc.GcStatus;
import io.vavr.control.Option;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.apiguardian.api.API;

/**
 * The handle of one replicated key, from {@link CrdtNode#register}: read the current value, update it through a
 * delta mutator (applied here at once, then sent to the other members), and subscribe to changes. Thread-safe.
 *
 * <pre>{@code
 * Replicated<ORMap<String, PNCounter>> cart = node.register("cart", ORMap.empty(PNCounter.empty()), CART_TYPE);
 * cart.update((state, self) -> state.deltaUpdate(self, "milk", qty -> qty.deltaIncrement(self, 2)));
 * cart.value().get("milk");   // 2, here at once; on the other members as soon as the delta arrives
 * }</pre>
 *
 * @param <S> the CRDT type
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Replicated<S extends Crdt<S>> {

  /** The key's entry; replaced once a delete of the key is collected and the key is created again. */
  private volatile KeyEntry<S> entry;
  private final ReplicationEngine engine;

  Replicated(KeyEntry<S> entry, ReplicationEngine engine) {
    this.entry = entry;
    this.engine = engine;
  }

  /**
   * The key's entry now. Once a deleted key's tombstone is collected its entry is gone: the key's entry is then the
   * one created since (by another member's update, say), or, if {@code create}, a new one made here.
   */
  @SuppressWarnings("unchecked")
  private KeyEntry<S> current(boolean create) {
    KeyEntry<S> held = entry;
    if (!held.isCollected()) {
      return held;
    }
    KeyEntry<?> now = engine.keys().get(held.name);
    if (now != null && now.type.equals(held.type)) {
      held = (KeyEntry<S>) now;
    } else if (create) {
      held = engine.deletes().reopen(held);
    } else {
      return held;
    }
    entry = held;
    return held;
  }

  /**
   * The key's name.
   *
   * @return the name it was registered with
   */
  public String key() {
    return entry.name;
  }

  /**
   * The current state at this node: every local update, and everything merged from others so far.
   *
   * @return the state, never null; immutable, so later changes do not show in it
   */
  public S value() {
    return current(false).state();
  }

  /**
   * Applies an update here at once and queues its delta for the other members (sent in batches). On a node that
   * joined a running cluster, a key whose type is garbage collected first waits (up to the node's catch-up
   * timeout) until it has the others' state: an update made before would be concurrent with what they may already
   * have collected (crdt-gc's GC.md, rule 8).
   *
   * @param mutator makes the update's delta from the current state; not null. It runs under the key's lock on the
   *                calling thread, so keep it quick and pure (see {@link DeltaMutator}).
   * @return the state after the update (and after any change another thread made meanwhile)
   * @throws IllegalArgumentException if the update is one the other members would refuse, checked before it changes
   *     anything: its delta holds dots, counter entries or timestamps of another replica than this node's (mint
   *     them with the replica id the mutator is given), or it or the key's state with it is beyond the codec's
   *     {@link io.crdtkit.jackson.CodecLimits} (the message names the key and the limit)
   * @throws PendingUpdatesFullException if the key or the node has as many updates not yet sent as allowed and no
   *     room came within the node's {@link CrdtNodeBuilder#whenPendingFull} policy; nothing is changed then
   * @throws IllegalStateException if the node is closed or leaving (also while the update waited for room), or the
   *     key has not caught up in time
   * @throws NullPointerException  if {@code mutator} is null or returns null
   */
  public S update(DeltaMutator<S> mutator) {
    Objects.requireNonNull(mutator, "mutator");
    engine.status().requireWritable();
    while (true) {
      try {
        return update(current(true), mutator);
      } catch (KeyEntry.Collected collected) {
        // The key's tombstone went while this update waited for its lock: update the key's next entry instead.
      }
    }
  }

  private S update(KeyEntry<S> entry, DeltaMutator<S> mutator) {
    entry.awaitCaughtUp(engine.settings().catchUpTimeout());
    PendingUpdates pending = engine.pendingUpdates();
    pending.reserve(entry.name, !engine.protocolThread().isCurrent());
    boolean inDeltaGroup = false;
    try {
      // Once its delta is in the key's delta group, the flush that takes the group releases the room.
      inDeltaGroup = entry.update(mutator) != null;
    } finally {
      if (!inDeltaGroup) {
        pending.release(entry.name, 1);
      }
    }
    if (inDeltaGroup) {
      engine.deltas().queued(entry);
    }
    return entry.state();
  }

  /**
   * Applies an update here at once, as {@link #update(DeltaMutator)} does, and completes when the members that
   * {@code consistency} asks for hold it: its delta is also sent straight to as many members as needed, and each
   * answers once its state includes the update (NET.md, "Consistency levels"). The update stays applied here and
   * spreads as every update does, also when the stage fails.
   *
   * <pre>{@code
   * cart.update((state, self) -> state.deltaRemove(self, "milk"), WriteConsistency.majority(Duration.ofSeconds(2)))
   *     .toCompletableFuture().join();     // or chain to it: no thread waits meanwhile
   * }</pre>
   *
   * @param mutator     makes the update's delta from the current state; not null (see {@link #update(DeltaMutator)})
   * @param consistency how many members must hold the update, and how long to wait for them; not null.
   *                    {@link WriteConsistency#local()} completes at once and costs nothing more than
   *                    {@link #update(DeltaMutator)}.
   * @return completed with this node's state once enough members hold the update, on a pool thread (never the
   *     node's protocol thread); or failed with a {@link ConsistencyException} naming the key, the level and how many
   *     members answered of how many needed, when the timeout passes first, refusals leave too few members, or the
   *     level needs more members than the replica set has; or with an {@link IllegalStateException} if the node
   *     closes meanwhile
   * @throws IllegalStateException if the node is closed or leaving, or the key has not caught up in time: nothing
   *                               was applied
   * @throws NullPointerException  if an argument is null, or {@code mutator} returns null: nothing was applied
   */
  public CompletionStage<S> update(DeltaMutator<S> mutator, WriteConsistency consistency) {
    Objects.requireNonNull(mutator, "mutator");
    Objects.requireNonNull(consistency, "consistency");
    if (consistency.level().isLocal()) {
      S updated = update(mutator);
      return current(false).lastAppend().thenApply(written -> updated);   // on a durable node: once it is written
    }
    // The delta goes to the members needed even when this node held it already: they may not. Its generation is
    // taken with it, under the key's lock: a delete right after must not make it a write of the next generation.
    AtomicReference<S> delta = new AtomicReference<>();
    AtomicReference<KeyEntry<S>> updated = new AtomicReference<>();
    long[] generation = new long[1];
    update((current, self) -> {
      S made = mutator.delta(current, self);
      delta.set(made);
      updated.set(entry);
      generation[0] = entry.generation();
      return made;
    });
    return engine.quorums().write(updated.get(), delta.get(), generation[0], consistency.level());
  }

  /**
   * This node's state merged with the states of as many members as {@code consistency} asks for: each member
   * sends its whole state of the key, which is merged here, never assigned (NET.md, "Consistency levels"). A
   * majority read after a majority write sees the write, since the two majorities share a member.
   *
   * <pre>{@code
   * cart.read(ReadConsistency.majority(Duration.ofSeconds(2))).thenAccept(state -> render(state));
   * }</pre>
   *
   * @param consistency how many members' states to merge, and how long to wait for them; not null.
   *                    {@link ReadConsistency#local()} completes at once with {@link #value()}.
   * @return completed with this node's state once enough members' states are merged into it, on a pool thread
   *     (never the node's protocol thread); or failed with a {@link ConsistencyException} as
   *     {@link #update(DeltaMutator, WriteConsistency)} is, the states that arrived staying merged; or with an
   *     {@link IllegalStateException} if the node closes meanwhile
   * @throws IllegalStateException if the node is closed
   * @throws NullPointerException  if {@code consistency} is null
   */
  public CompletionStage<S> read(ReadConsistency consistency) {
    Objects.requireNonNull(consistency, "consistency");
    if (consistency.level().isLocal()) {
      return CompletableFuture.completedFuture(value());
    }
    engine.status().requireOpen();
    return engine.quorums().read(current(false), consistency.level());
  }

  /**
   * Calls {@code listener} after every change; close the returned subscription to stop.
   *
   * @param listener called after each later local update or merge that changes the value (not with the value as
   *                 it is now); not null
   * @return the subscription: closing it removes this registration of the listener
   * @throws NullPointerException if {@code listener} is null
   */
  public Subscription subscribe(ChangeListener<? super S> listener) {
    Objects.requireNonNull(listener, "listener");
    KeyEntry<S> subscribed = current(false);
    subscribed.subscribe(listener);
    // The listener moves to the key's next entry after a delete is collected (RuntimeKeys): closing finds it there.
    return () -> {
      subscribed.unsubscribe(listener);
      current(false).unsubscribe(listener);
      engine.runtimeKeys().unsubscribeDormant(subscribed.name, listener);
    };
  }

  /**
   * Deletes the key on every member (NET.md, "Deleting a key"): its value goes back to the one it was registered or
   * created with, here at once and on the others as the delete reaches them. The delete wins over every update of
   * the key it is concurrent with, on any member; updates made after it (here, or on a member that has it) start
   * the key again from its initial value. Once every member holds the delete, the key's tombstone (its name and
   * how many times it was deleted) is collected; this handle stays usable, and an update creates the key again.
   * Subscribers see the delete as a change to the initial value; {@link CrdtNode#onKeys key listeners} are told.
   *
   * <pre>{@code
   * cart.delete();            // on every member, whatever was added to the cart concurrently
   * }</pre>
   *
   * @return true if this call deleted the key; false if it was deleted already and not written since
   * @throws IllegalStateException if the node is closed or leaving
   */
  public boolean delete() {
    engine.status().requireWritable();
    KeyEntry<S> held = current(false);
    try {
      return !held.isCollected() && engine.deletes().delete(held);
    } catch (KeyEntry.Collected collected) {
      return false;    // collected meanwhile: deleted already
    }
  }

  /**
   * Whether this key has caught up with the cluster: it was registered on a node alone in its view, or it has
   * merged a peer's state of it or compared equal with one. Updates wait for it (see {@link #update}).
   *
   * @return true once the key has caught up; it stays true
   */
  public boolean isCaughtUp() {
    return current(false).isCaughtUp();
  }

  /**
   * The key's garbage-collection status, if its type is collected (crdt-gc).
   *
   * @return a snapshot of the key's collector, or none if its type is not collected
   */
  public Option<GcStatus> gcStatus() {
    return current(false).gcStatus();
  }

  @Override
  public String toString() {
    KeyEntry<S> held = current(false);
    return "Replicated{" + held.name + " = " + held.state() + "}";
  }

  /** A listener's registration; closing it removes the listener. */
  @API(status = EXPERIMENTAL, since = "0.1")
  @FunctionalInterface
  public interface Subscription extends AutoCloseable {
    @Override
    void close();
  }
}
