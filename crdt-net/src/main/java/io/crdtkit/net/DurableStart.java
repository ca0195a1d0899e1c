package io.crdtkit.net;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** How a node started with respect to its directory ({@link CrdtNodeBuilder#durable}; NET.md, "Durable members"). */
@API(status = EXPERIMENTAL, since = "0.2")
public enum DurableStart {
  /** The node keeps nothing on disk. */
  NOT_DURABLE,
  /** The directory was missing or empty: a fresh incarnation (a new replica id) that keeps its state there. */
  NEW_DIRECTORY,
  /** Restored from the directory: the same replica id, every key's state, then caught up by anti-entropy. */
  RESTORED,
  /**
   * The directory was damaged, or may have lost acknowledged writes (the machine crashed under
   * {@code Durability.ASYNC}), and the node was told to start anyway: the damaged directory was moved aside and the
   * node started as a fresh incarnation, with a new replica id.
   */
  FRESH_AFTER_DAMAGE
}
