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
}
