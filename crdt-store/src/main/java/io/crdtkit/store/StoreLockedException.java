package io.crdtkit.store;

import java.nio.file.Path;
import org.apiguardian.api.API;

/** Another {@link ReplicaStore} — in this process or another — holds the directory; two writers would corrupt it. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class StoreLockedException extends StoreException {
  private static final long serialVersionUID = 1L;

  private final transient Path directory;

  StoreLockedException(Path directory) {
    super("the store directory " + directory + " is already open (by this process or another): a directory has one "
        + "owner at a time; stop the other member or give this one its own directory");
    this.directory = directory;
  }

  /**
   * The directory that is locked.
   *
   * @return its path
   */
  public Path directory() {
    return directory;
  }
}
