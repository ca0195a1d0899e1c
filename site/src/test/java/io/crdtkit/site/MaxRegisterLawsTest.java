package io.crdtkit.site;

import io.crdtkit.DeltaCrdt;
import io.crdtkit.laws.CrdtDescription;
import io.crdtkit.laws.CrdtLawProperties;
import net.jqwik.api.Arbitraries;
import tools.jackson.databind.json.JsonMapper;

/**
 * The law-kit page's example (law-kit.adoc): a CRDT of the reader's own, and every law of the kit run on it as
 * tests. Surefire runs it by its name, with the kit's default 1,000 tries per law.
 */
// tag::laws[]
class MaxRegisterLawsTest extends CrdtLawProperties<MaxRegisterLawsTest.MaxRegister> {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Override
  protected CrdtDescription<MaxRegister> description() {
    return CrdtDescription.of("MaxRegister", MaxRegister.empty())
        .operation("write", Arbitraries.longs().between(0, 9),   // a small domain: replicas collide
            (state, replica, n) -> state.write(n),                // the full mutator
            (state, replica, n) -> state.deltaWrite(n))           // its delta
        .value(MaxRegister::value)                                // what a user can observe
        .roundTrip(state -> JSON.readValue(JSON.writeValueAsString(state), MaxRegister.class));
  }
  // end::laws[]

  // tag::type[]
  /** A register that keeps the greatest value ever written: a high-water mark. */
  record MaxRegister(long value) implements DeltaCrdt<MaxRegister> {

    static MaxRegister empty() {
      return new MaxRegister(Long.MIN_VALUE);
    }

    MaxRegister write(long candidate) {
      return merge(deltaWrite(candidate));
    }

    /** The delta of a write is the written value: merging keeps the greater. */
    MaxRegister deltaWrite(long candidate) {
      return new MaxRegister(candidate);
    }

    @Override
    public MaxRegister merge(MaxRegister other) {
      return other.value > value ? other : this;   // `this` when the other side adds nothing
    }

    @Override
    public boolean isLessOrEqual(MaxRegister other) {
      return value <= other.value;
    }

    @Override
    public MaxRegister bottom() {
      return empty();
    }
  }
  // end::type[]
}
