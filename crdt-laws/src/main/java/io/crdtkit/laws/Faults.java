package io.crdtkit.laws;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * How hostile a simulated network and its replicas are: the chance that a delivered message is dropped or
 * duplicated, and the weight, among the scheduled steps, of partitions, heals and crashes.
 *
 * @param drop      probability that a message taken off the network is lost
 * @param duplicate probability that a delivered message is delivered again later
 * @param partition relative weight of "split the replicas in two" steps
 * @param crash     relative weight of "a replica crashes, losing its state, and comes back as a new incarnation"
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Faults(double drop, double duplicate, double partition, double crash) {

  /**
   * Faults, checked.
   *
   * @param drop      probability that a message taken off the network is lost; 0 to 1
   * @param duplicate probability that a delivered message is delivered again later; 0 to 1, with {@code drop} at
   *                  most 1
   * @param partition relative weight of partition steps; 0 or more
   * @param crash     relative weight of crash steps; 0 or more
   * @throws IllegalArgumentException if a probability is outside 0 to 1, the two add up to more than 1, or a
   *     weight is negative
   */
  public Faults {
    requireProbability("drop", drop);
    requireProbability("duplicate", duplicate);
    if (drop + duplicate > 1) {
      throw new IllegalArgumentException("drop + duplicate must be <= 1, got " + (drop + duplicate));
    }
    if (partition < 0 || crash < 0) {
      throw new IllegalArgumentException("partition and crash weights must be >= 0");
    }
  }

  /**
   * A network that loses 10% and duplicates 10% of messages, with partitions and crashes now and then.
   *
   * @return new faults: drop 0.10, duplicate 0.10, partition weight 0.4, crash weight 0.2
   */
  public static Faults hostile() {
    return new Faults(0.10, 0.10, 0.4, 0.2);
  }

  /**
   * A perfect network: every message arrives once; no partition, no crash (messages are still reordered).
   *
   * @return new faults, all zero
   */
  public static Faults none() {
    return new Faults(0, 0, 0, 0);
  }

  private static void requireProbability(String name, double value) {
    if (value < 0 || value > 1) {
      throw new IllegalArgumentException(name + " probability must be in [0, 1], got " + value);
    }
  }
}
