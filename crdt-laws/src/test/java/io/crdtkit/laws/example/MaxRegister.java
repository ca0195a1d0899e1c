package io.crdtkit.laws.example;

import io.crdtkit.DeltaCrdt;

// tag::type[]
/** A user-defined CRDT: a register that keeps the greatest value ever written (a high-water mark). */
public record MaxRegister(long value) implements DeltaCrdt<MaxRegister> {

  public static MaxRegister empty() {
    return new MaxRegister(Long.MIN_VALUE);
  }

  public MaxRegister write(long candidate) {
    return merge(deltaWrite(candidate));
  }

  /** The delta of a write is just the written value: merging keeps the maximum. */
  public MaxRegister deltaWrite(long candidate) {
    return new MaxRegister(candidate);
  }

  @Override
  public MaxRegister merge(MaxRegister other) {
    return other.value > value ? other : this;
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
