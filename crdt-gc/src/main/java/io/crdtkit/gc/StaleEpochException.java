package io.crdtkit.gc;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * A delta made before a retirement arrived after it. It is refused rather than folded: a delta does not carry the
 * position of the retired replica's block among the heir's dots, so folding it could mis-number its dots. Nothing is
 * lost: its sender resends what it has not had acknowledged as a whole state, which is upgraded.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class StaleEpochException extends RuntimeException {

  /** The retirement epoch the refused delta was made in. */
  private final long epoch;
  /** The receiver's epoch when it refused the delta, greater than {@link #epoch}. */
  private final long current;

  StaleEpochException(long epoch, long current) {
    super("a delta from retirement epoch " + epoch + " arrived at epoch " + current
        + "; refused (deltas cannot be folded); the sender's next whole state will be upgraded");
    this.epoch = epoch;
    this.current = current;
  }

  /**
   * The epoch the refused delta was made in.
   *
   * @return the delta's epoch, at least 0 and less than {@link #current()}
   */
  public long epoch() {
    return epoch;
  }

  /**
   * The epoch of the log that refused the delta.
   *
   * @return the receiver's epoch: the number of retirements it had folded in
   */
  public long current() {
    return current;
  }
}
