package io.crdtkit.store;

import org.apiguardian.api.API;

/**
 * The store's files fail their checks: a checksum does not match, a file is truncated, a record cannot be parsed.
 * Nothing of a damaged store is loaded; the message names the file or the key and record. The safe continuation is
 * a fresh incarnation (a new replica id, an empty directory): a replica id is never reused without its own state.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class DamagedStoreException extends StoreException {
  private static final long serialVersionUID = 1L;

  DamagedStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  DamagedStoreException(String message) {
    super(message);
  }
}
