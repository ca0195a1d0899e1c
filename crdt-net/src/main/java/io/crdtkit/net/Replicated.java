package io.crdtkit.net;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.crdtkit.Crdt;
import io.crdtkit.gc.GcStatus;
import io.vavr.control.Option;
import java.util.Objects;
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
   * @throws IllegalStateException if the node is closed or leaving, or the key has not caught up in time
   * @throws NullPointerException  if {@code mutator} is null or returns null
   */
  public S update(DeltaMutator<S> mutator) {
    Objects.requireNonNull(mutator, "mutator");
    engine.requireWritable();
    entry.awaitCaughtUp(engine.settings().catchUpTimeout());
    if (entry.update(mutator) != null) {
      engine.deltaQueued(entry);
    }
    return entry.state();
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
