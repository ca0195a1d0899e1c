package io.crdtkit.store;

import org.apiguardian.api.API;

/**
 * A {@link ReplicaStore} could not do what was asked: the disk is full, the directory is read-only, the store is
 * closed or failed earlier. The write it reports did not become durable; its message says what failed and where.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * A failure with its cause.
   *
   * @param message what failed, and where
   * @param cause the engine's or the file system's error
   */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * A failure without an underlying cause.
   *
   * @param message what failed, and where
   */
  public StoreException(String message) {
    super(message);
  }
}
