package io.crdtkit.gc;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A state (or delta) with the retirement epoch it was made in: how many retirements of the cluster's
 * {@link RetirementLog} have been folded into it. States and messages carry it so that a receiver can tell input
 * from before a retirement and upgrade it (a whole state) or refuse it (a delta).
 *
 * @param epoch the number of retirements folded in
 * @param state the state or delta
 * @param <S>   the CRDT type
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Epoched<S>(long epoch, S state) {

  /**
   * A state or delta at an epoch.
   *
   * @param epoch the number of retirements folded in; 0 before any retirement, never negative
   * @param state the state or delta; not null
   * @throws IllegalArgumentException if {@code epoch} is negative
   * @throws NullPointerException     if {@code state} is null
   */
  public Epoched {
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
    }
    Objects.requireNonNull(state, "state");
  }
}
