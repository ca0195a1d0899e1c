package io.crdtkit.net;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Told when a key appears on a node ({@link CrdtNode#onKeys}): created here, or created because a state or delta of
 * a key of a {@link CrdtNode#registerType registered type} arrived. Keep it short; an exception it throws is logged
 * and ignored.
 */
@API(status = EXPERIMENTAL, since = "0.2")
@FunctionalInterface
public interface KeyListener {

  /**
   * The key {@code key} now exists on this node. For a key created by receipt, this runs on the node's protocol
   * thread once what arrived is merged: {@code node.replicated(key).value()} holds it.
   *
   * @param key   the new key, with its type
   * @param local true if this node created it ({@link CrdtNode#replicated}, {@link CrdtNode#register}), false if it
   *              arrived from another member
   */
  void created(CrdtKey<?> key, boolean local);

  /**
   * The key {@code key} was deleted ({@link Replicated#delete}): here, or by another member (then on the node's
   * protocol thread, once the delete is merged). The key's handles stay usable: an update after the delete starts
   * the key again from its initial value. Once every member holds the delete, its tombstone is collected without a
   * further call; a key created again after that is told to {@link #created} again.
   *
   * @param key   the deleted key, with its type
   * @param local true if this node deleted it, false if the delete arrived from another member
   */
  default void deleted(CrdtKey<?> key, boolean local) {}
}
