package io.crdtkit.store;

import java.time.Duration;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * How a {@link ReplicaStore} writes: its {@link Durability} and, for {@link Durability#GROUP_COMMIT}, the window
 * within which writes share one fsync. Immutable; {@code StoreOptions.defaults().withDurability(Durability.SYNC)}.
 *
 * @param durability when a write counts as done
 * @param groupCommitWindow how long the group committer gathers writes before one fsync (only for GROUP_COMMIT)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record StoreOptions(Durability durability, Duration groupCommitWindow) {

  /**
   * The defaults: {@link Durability#GROUP_COMMIT} with a 2 ms window.
   *
   * @return the default options
   */
  public static StoreOptions defaults() {
    return new StoreOptions(Durability.GROUP_COMMIT, Duration.ofMillis(2));
  }

  /**
   * Checks the options.
   *
   * @param durability when a write counts as done
   * @param groupCommitWindow the group-commit window, 0 to 1 s
   * @throws IllegalArgumentException when the window is negative or longer than a second
   */
  public StoreOptions {
    Objects.requireNonNull(durability, "durability");
    Objects.requireNonNull(groupCommitWindow, "groupCommitWindow");
    if (groupCommitWindow.isNegative() || groupCommitWindow.compareTo(Duration.ofSeconds(1)) > 0) {
      throw new IllegalArgumentException(
          "groupCommitWindow must be between 0 and 1 s (a longer window only delays acknowledgements), was "
              + groupCommitWindow);
    }
  }

  /**
   * These options with another durability.
   *
   * @param newDurability the durability
   * @return new options
   */
  public StoreOptions withDurability(Durability newDurability) {
    return new StoreOptions(newDurability, groupCommitWindow);
  }

  /**
   * These options with another group-commit window.
   *
   * @param window the window; 0 starts each fsync as soon as the previous one finished
   * @return new options
   */
  public StoreOptions withGroupCommitWindow(Duration window) {
    return new StoreOptions(durability, window);
  }
}
