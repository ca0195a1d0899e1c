package io.crdtkit.net;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * A local update found its key, or its node, with as many pending updates as allowed (see {@link Backpressure}) and
 * no room came in time. The update changed nothing: retry it later, or slow down.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public final class PendingUpdatesFullException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  /** The key whose update was refused. */
  private final String key;
  /** The cap that was reached. */
  private final int limit;

  PendingUpdatesFullException(String key, int limit, String message) {
    super(message);
    this.key = key;
    this.limit = limit;
  }

  /**
   * The key whose update was refused.
   *
   * @return its name
   */
  public String key() {
    return key;
  }

  /**
   * The cap that was reached: the key's ({@link CrdtNodeBuilder#maxPendingUpdates}) or the node's
   * ({@link CrdtNodeBuilder#maxPendingUpdatesPerNode}), as the message says.
   *
   * @return the number of pending updates allowed
   */
  public int limit() {
    return limit;
  }
}
