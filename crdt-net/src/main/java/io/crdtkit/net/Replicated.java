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

  private final KeyEntry<S> entry;
  private final ReplicationEngine engine;

  Replicated(KeyEntry<S> entry, ReplicationEngine engine) {
    this.entry = entry;
    this.engine = engine;
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
    return entry.state();
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
    engine.requireWritable();
    entry.awaitCaughtUp(engine.settings().catchUpTimeout());
    PendingUpdates pending = engine.pendingUpdates();
    pending.reserve(entry.name, !engine.onProtocolThread());
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
      engine.deltaQueued(entry);
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
      return CompletableFuture.completedFuture(update(mutator));
    }
    // The delta goes to the members needed even when this node held it already: they may not.
    AtomicReference<S> delta = new AtomicReference<>();
    update((current, self) -> {
      S made = mutator.delta(current, self);
      delta.set(made);
      return made;
    });
    return engine.quorums().write(entry, delta.get(), consistency.level());
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
    if (engine.isClosed()) {
      throw new IllegalStateException("node " + engine.settings().replica() + " is closed");
    }
    return engine.quorums().read(entry, consistency.level());
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
    entry.subscribe(listener);
    return () -> entry.unsubscribe(listener);
  }

  /**
   * Whether this key has caught up with the cluster: it was registered on a node alone in its view, or it has
   * merged a peer's state of it or compared equal with one. Updates wait for it (see {@link #update}).
   *
   * @return true once the key has caught up; it stays true
   */
  public boolean isCaughtUp() {
    return entry.isCaughtUp();
  }

  /**
   * The key's garbage-collection status, if its type is collected (crdt-gc).
   *
   * @return a snapshot of the key's collector, or none if its type is not collected
   */
  public Option<GcStatus> gcStatus() {
    return entry.gcStatus();
  }

  @Override
  public String toString() {
    return "Replicated{" + entry.name + " = " + entry.state() + "}";
  }

  /** A listener's registration; closing it removes the listener. */
  @API(status = EXPERIMENTAL, since = "0.1")
  @FunctionalInterface
  public interface Subscription extends AutoCloseable {
    @Override
    void close();
  }
}
