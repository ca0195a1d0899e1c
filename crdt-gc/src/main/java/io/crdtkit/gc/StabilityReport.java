package io.crdtkit.gc;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.crdtkit.clock.ReplicaId;
import io.crdtkit.clock.VectorClock;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What a replica tells the others about its progress, periodically and even when idle (or stability stalls): the
 * gap-free prefix of every dot it has merged, and its own stable cut.
 *
 * @param from      the reporting replica incarnation
 * @param progress  the compact part of its causal context: every dot it has merged, without gaps
 * @param stableCut its stable cut when it reported
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record StabilityReport(ReplicaId from, VectorClock progress, VectorClock stableCut) {

  /**
   * A report, checked for consistency: a replica cannot know more to be stable than it has merged itself.
   *
   * @param from      the reporting replica incarnation; not null
   * @param progress  the compact part of its causal context; not null
   * @param stableCut its stable cut when it reported; not null, and at or below {@code progress}
   * @throws IllegalArgumentException if {@code stableCut} is not at or below {@code progress} (a corrupt or forged
   *     report: accepting it could drop what the sender has not merged)
   * @throws NullPointerException     if any component is null
   */
  public StabilityReport {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(stableCut, "stable cut");
    if (!stableCut.isLessOrEqual(progress)) {
      throw new IllegalArgumentException("report from " + from + ": stable cut " + stableCut
          + " is beyond its own progress " + progress);
    }
  }

  /** How many of its own updates the reporter had made when it reported. */
  long ownCounter() {
    return progress.get(from);
  }
}
