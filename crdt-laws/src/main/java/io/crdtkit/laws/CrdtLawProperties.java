package io.crdtkit.laws;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import io.crdtkit.Crdt;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.apiguardian.api.API;

/**
 * Every law of the kit as a jqwik property. Extend it in your test sources and describe your type, in a class whose
 * name your build runs (Maven Surefire's defaults: {@code *Test}, {@code *Tests}, {@code Test*}, {@code *TestCase};
 * a class named {@code MaxRegisterLaws} would be skipped without a word):
 *
 * <pre>{@code
 * class MaxRegisterLawsTest extends CrdtLawProperties<MaxRegister> {
 *   @Override
 *   protected CrdtDescription<MaxRegister> description() {
 *     return CrdtDescription.of("MaxRegister", MaxRegister.empty())
 *         .operation("write", Arbitraries.longs().between(0, 9),
 *             (state, replica, n) -> state.write(n), (state, replica, n) -> state.deltaWrite(n));
 *   }
 * }
 * }</pre>
 *
 * <p>On failure jqwik prints the shrunk scenario (the history step by step) and its seed, and by default tries the
 * failing seed first in the next run. {@link LawChecker} runs the same laws without a test engine from a seed of its
 * own, which it prints and which {@code LawChecker.of(description).seed(...).check()} reruns. The number of tries
 * is jqwik's default (set {@code jqwik.tries.default} in {@code junit-platform.properties}).
 *
 * @param <S> the CRDT type
 */
@API(status = EXPERIMENTAL, since = "0.1")
public abstract class CrdtLawProperties<S extends Crdt<S>> {

  /**
   * The type under test. Called once per property and try; keep it cheap (build it in a field if needed).
   *
   * @return the description, with at least one operation
   */
  protected abstract CrdtDescription<S> description();

  @Provide
  Arbitrary<Scenario<S>> scenarios() {
    return Scenarios.of(description());
  }

  @Property
  void mergeIsCommutative(@ForAll("scenarios") Scenario<S> scenario) {
    Laws.mergeIsCommutative(description(), scenario);
  }

  @Property
  void mergeIsAssociative(@ForAll("scenarios") Scenario<S> scenario) {
    Laws.mergeIsAssociative(description(), scenario);
  }

  @Property
  void mergeIsIdempotent(@ForAll("scenarios") Scenario<S> scenario) {
    Laws.mergeIsIdempotent(description(), scenario);
  }

  @Property
  void bottomIsTheIdentityOfMerge(@ForAll("scenarios") Scenario<S> scenario) {
    Laws.bottomIsTheIdentity(description(), scenario);
  }

  @Property
  void orderAgreesWithMerge(@ForAll("scenarios") Scenario<S> scenario) {
    Laws.orderAgreesWithMerge(description(), scenario);
  }

  @Property
  void everyUpdateInflates(@ForAll("scenarios") Scenario<S> scenario) {
    Laws.everyUpdateInflates(description(), scenario);
  }

  @Property
  void mergingADeltaEqualsTheFullMutator(@ForAll("scenarios") Scenario<S> scenario) {
    DeltaLaws.deltaEqualsFullMutator(description(), scenario);
  }

  @Property
  void deltaGroupsMergedInAnyOrderEqualTheFullStateMerge(@ForAll("scenarios") Scenario<S> scenario) {
    DeltaLaws.deltaGroupsInAnyOrder(description(), scenario);
  }

  @Property
  void replicasConvergeUnderAnyDelivery(@ForAll("scenarios") Scenario<S> scenario) {
    ConvergenceLaw.replicasConverge(description(), scenario);
  }

  @Property
  @AddLifecycleHook(SkipWithoutRoundTrip.class)
  void statesSurviveTheRoundTrip(@ForAll("scenarios") Scenario<S> scenario) {
    Laws.statesSurviveTheRoundTrip(description(), scenario);
  }
}
