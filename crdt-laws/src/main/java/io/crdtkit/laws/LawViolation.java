package io.crdtkit.laws;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * A law of the kit does not hold for a scenario: names the law and shows the states that break it. An
 * {@link AssertionError}, so test frameworks report it as a failure, with the scenario and seed jqwik adds.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class LawViolation extends AssertionError {

  /** The name of the broken law. */
  private final String law;

  LawViolation(String law, String explanation) {
    super(law + " does not hold: " + explanation);
    this.law = law;
  }

  /**
   * The name of the broken law, e.g. {@code merge is commutative}.
   *
   * @return the name, as {@link Law#name()} gives it
   */
  public String law() {
    return law;
  }
}
